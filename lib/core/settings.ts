import "server-only";
import {
  catalogDisplaySchema,
  DEFAULT_POLICY_SETTINGS,
  EXAMPLE_PRICE_TABLE,
  policySettingsSchema,
  priceTableSchema,
  type CatalogDisplay,
  type PolicySettings,
  type PriceTable,
} from "../domain";
import { recordAudit } from "./audit";
import { toJson, type Actor, type Tx } from "./tx";

// Admin-editable settings live as validated JSON in the Setting table; until an admin saves one, the
// domain's defaults apply. A stored value that no longer parses is ignored loudly rather than trusted.

export const POLICY_SETTING_KEY = "policy";
export const PRICE_TABLE_SETTING_KEY = "prices";
export const CATALOG_DISPLAY_SETTING_KEY = "catalog-display";

type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: readonly { message: string }[] } };

/** One admin-editable setting: where it is stored, the domain schema that parses it, and its defaults. */
export interface SettingSpec<T> {
  key: string;
  parse: (value: unknown) => Parsed<T>;
  defaults: T;
  /** What it is called in an error, e.g. "approval policy". */
  name: string;
}

/** The saved value, or the defaults until an admin saves one; a stored value that no longer parses is an error. */
export async function readSetting<T>(tx: Tx, spec: SettingSpec<T>): Promise<T> {
  const row = await tx.setting.findUnique({ where: { key: spec.key } });
  if (!row) return spec.defaults;
  const parsed = spec.parse(row.value);
  if (!parsed.success) throw new Error(`The stored ${spec.name} is not valid: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/**
 * Saves an admin's already-validated setting and its audit event (with what it was before) in the
 * caller's transaction, so both land or neither.
 */
export async function saveSetting<T>(
  tx: Tx,
  actor: Extract<Actor, { kind: "user" }>,
  spec: SettingSpec<T>,
  value: T,
  auditAction: string,
): Promise<void> {
  const before = await readSetting(tx, spec).catch(() => null);
  await tx.setting.upsert({
    where: { key: spec.key },
    create: { key: spec.key, value: toJson(value), updatedById: actor.id },
    update: { value: toJson(value), updatedById: actor.id },
  });
  await recordAudit(tx, { actor, action: auditAction, targetType: "setting", targetId: spec.key, before, after: value });
}

export const POLICY_SETTING: SettingSpec<PolicySettings> = {
  key: POLICY_SETTING_KEY,
  parse: (value) => policySettingsSchema.safeParse(value),
  defaults: DEFAULT_POLICY_SETTINGS,
  name: "approval policy",
};

export const PRICE_TABLE_SETTING: SettingSpec<PriceTable> = {
  key: PRICE_TABLE_SETTING_KEY,
  parse: (value) => priceTableSchema.safeParse(value),
  defaults: EXAMPLE_PRICE_TABLE,
  name: "price table",
};

/** "Allow webhooks to private network addresses": for ITSM servers on the organisation's own network; off by default. */
export interface WebhookNetworkSettings {
  allowPrivate: boolean;
}

export const WEBHOOK_NETWORK_SETTING: SettingSpec<WebhookNetworkSettings> = {
  key: "webhook-network",
  parse: (value) =>
    typeof value === "object" && value !== null && typeof (value as { allowPrivate?: unknown }).allowPrivate === "boolean"
      ? { success: true, data: { allowPrivate: (value as { allowPrivate: boolean }).allowPrivate } }
      : { success: false, error: { issues: [{ message: "allowPrivate must be true or false" }] } },
  defaults: { allowPrivate: false },
  name: "webhook network setting",
};

export const getPolicySettings = (tx: Tx): Promise<PolicySettings> => readSetting(tx, POLICY_SETTING);

export const getPriceTable = (tx: Tx): Promise<PriceTable> => readSetting(tx, PRICE_TABLE_SETTING);

/** How offered bundles show in the catalog; an entry that no longer parses is dropped, not shown. */
export async function getCatalogDisplay(tx: Tx): Promise<CatalogDisplay> {
  const row = await tx.setting.findUnique({ where: { key: CATALOG_DISPLAY_SETTING_KEY } });
  const parsed = catalogDisplaySchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : {};
}
