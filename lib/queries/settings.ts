import "server-only";
import { db } from "../db";
import type { PolicySettings, PriceTable } from "../domain";
import { getPolicySettings, getPriceTable } from "../core/settings";

// Pages read the policy and price table on nearly every render; they change only when an admin saves
// them. A few seconds of reuse spares two queries per page view; writes still read them fresh.
const TTL_MS = 5_000;
const store: { cached?: { at: number; value: Promise<{ settings: PolicySettings; prices: PriceTable }> } } = {};

export function policyAndPrices(): Promise<{ settings: PolicySettings; prices: PriceTable }> {
  const hit = store.cached;
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = Promise.all([getPolicySettings(db()), getPriceTable(db())]).then(([settings, prices]) => ({ settings, prices }));
  value.catch(() => {
    if (store.cached?.value === value) store.cached = undefined;
  });
  store.cached = { at: Date.now(), value };
  return value;
}
