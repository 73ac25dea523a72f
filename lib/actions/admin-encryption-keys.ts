"use server";

import { revalidatePath } from "next/cache";
import { updateVolumeEncryptionKeys } from "../services/admin/encryption-keys";
import { encryptionKeysInput } from "../schemas/encryption-keys";
import { authedAction } from "./client";

export const updateEncryptionKeysAction = authedAction(
  { name: "updateEncryptionKeysAction", role: "ADMIN", input: encryptionKeysInput },
  async ({ user, input }) => {
    await updateVolumeEncryptionKeys(user, input);
    revalidatePath("/admin/policies");
    return null;
  },
);
