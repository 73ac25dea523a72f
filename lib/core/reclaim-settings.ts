import "server-only";
import { DEFAULT_RECLAIM_SETTINGS, reclaimSettingsSchema, type ReclaimSettings } from "../domain";
import type { Tx } from "./tx";

export const RECLAIM_SETTING_KEY = "reclaim";

/** The reclaim policy an admin saved, or the domain's defaults until one is saved. */
export async function getReclaimSettings(tx: Tx): Promise<ReclaimSettings> {
  const row = await tx.setting.findUnique({ where: { key: RECLAIM_SETTING_KEY } });
  if (!row) return DEFAULT_RECLAIM_SETTINGS;
  const parsed = reclaimSettingsSchema.safeParse(row.value);
  if (!parsed.success) throw new Error(`The stored reclaim policy is invalid: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
