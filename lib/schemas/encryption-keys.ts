import { z } from "zod";
import { volumeEncryptionKeysSchema } from "../domain";

// The policy's KMS keys for encrypted volumes, as the policies page edits them: every directory and persona that
// has its own key. An empty entry means "the default" and is dropped, so clearing a box restores the AWS managed key.

const dropEmpty = (record: unknown) =>
  record && typeof record === "object"
    ? Object.fromEntries(Object.entries(record as Record<string, unknown>).filter(([, v]) => typeof v !== "string" || v.trim() !== ""))
    : record;

export const encryptionKeysInput = z.object({
  byDirectory: z.preprocess(dropEmpty, volumeEncryptionKeysSchema.shape.byDirectory),
  byPersona: z.preprocess(dropEmpty, volumeEncryptionKeysSchema.shape.byPersona),
});
