import "server-only";
import { DEFAULT_RECLAIM_SETTINGS, reclaimSettingsSchema, type ReclaimSettings } from "../domain";
import { readSetting, type SettingSpec } from "./settings";
import type { Tx } from "./tx";

export const RECLAIM_SETTING_KEY = "reclaim";

export const RECLAIM_SETTING: SettingSpec<ReclaimSettings> = {
  key: RECLAIM_SETTING_KEY,
  parse: (value) => reclaimSettingsSchema.safeParse(value),
  defaults: DEFAULT_RECLAIM_SETTINGS,
  name: "reclaim policy",
};

/** The reclaim policy an admin saved, or the domain's defaults until one is saved. */
export const getReclaimSettings = (tx: Tx): Promise<ReclaimSettings> => readSetting(tx, RECLAIM_SETTING);
