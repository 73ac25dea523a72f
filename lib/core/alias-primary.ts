import "server-only";
import { readPrimaryChoices } from "../domain/aliases";
import type { Tx } from "./tx";

// Which Region of a connection alias pair the admin calls primary, per connection string: the one thing about
// cross-Region redirection the portal stores (AWS has no such notion; the organisation's DNS acts on it).

export const ALIAS_PRIMARY_SETTING_KEY = "connection-alias-primary";

/** The admin's choices; a stored value that no longer parses counts as none (the domain's default applies). */
export async function readPrimaryRegions(tx: Tx): Promise<Record<string, string>> {
  const row = await tx.setting.findUnique({ where: { key: ALIAS_PRIMARY_SETTING_KEY } });
  return readPrimaryChoices(row?.value);
}
