import "server-only";
import type { z } from "zod";
import type { VolumeEncryptionKeys } from "../../domain/encryption";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { POLICY_SETTING } from "../../core/settings";
import { encryptionKeysInput } from "../../schemas/encryption-keys";
import { parseInput, requireAdmin, type AdminCaller } from "./guard";
import { editPolicy } from "./policies";

/**
 * Sets the KMS keys new WorkSpaces' encrypted volumes get, per directory and per persona (lib/domain/encryption.ts
 * says which wins). The rest of the policy is kept; read, written and audited in one transaction. Requests made
 * from now on carry the key; requests already made keep the key they were made with.
 */
export async function updateVolumeEncryptionKeys(
  caller: AdminCaller,
  raw: z.input<typeof encryptionKeysInput>,
): Promise<VolumeEncryptionKeys> {
  const actor = await requireAdmin(caller);
  const keys = parseInput(encryptionKeysInput, raw);
  return db().$transaction(async (tx) => {
    const { before } = await editPolicy(tx, actor, "The encryption keys were not saved", (policy) => ({
      ...policy,
      volumeEncryptionKeys: keys,
    }));
    await recordAudit(tx, {
      actor,
      action: "policy.encryption_keys_updated",
      targetType: "setting",
      targetId: POLICY_SETTING.key,
      before: before.volumeEncryptionKeys ?? { byDirectory: {}, byPersona: {} },
      after: keys,
    });
    return keys;
  });
}
