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
import type { Tx } from "./tx";

// Admin-editable settings live as validated JSON in the Setting table; until an admin saves one, the
// domain's defaults apply. A stored value that no longer parses is ignored loudly rather than trusted.

export const POLICY_SETTING_KEY = "policy";
export const PRICE_TABLE_SETTING_KEY = "prices";
export const CATALOG_DISPLAY_SETTING_KEY = "catalog-display";

export async function getPolicySettings(tx: Tx): Promise<PolicySettings> {
  const row = await tx.setting.findUnique({ where: { key: POLICY_SETTING_KEY } });
  if (!row) return DEFAULT_POLICY_SETTINGS;
  const parsed = policySettingsSchema.safeParse(row.value);
  if (!parsed.success) throw new Error(`The stored approval policy is invalid: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export async function getPriceTable(tx: Tx): Promise<PriceTable> {
  const row = await tx.setting.findUnique({ where: { key: PRICE_TABLE_SETTING_KEY } });
  if (!row) return EXAMPLE_PRICE_TABLE;
  const parsed = priceTableSchema.safeParse(row.value);
  if (!parsed.success) throw new Error(`The stored price table is invalid: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** How offered bundles show in the catalog; an entry that no longer parses is dropped, not shown. */
export async function getCatalogDisplay(tx: Tx): Promise<CatalogDisplay> {
  const row = await tx.setting.findUnique({ where: { key: CATALOG_DISPLAY_SETTING_KEY } });
  const parsed = catalogDisplaySchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : {};
}
