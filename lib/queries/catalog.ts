import "server-only";
import type { Bundle } from "../domain";
import { isDefaultAccount } from "../domain/accounts";
import { pageCatalog, type CatalogDirectory } from "../core/catalog";

// Pages read the catalog through pageCatalog: a slow or throttled AWS never holds a page for long, and
// until AWS has answered once the lists are empty (names fall back to ids, offerings are empty).

/** Directories of a Region with their registration codes; an outage gives an empty list, not an error page. */
export async function directoriesIn(region: string): Promise<CatalogDirectory[]> {
  return directoriesOfAccountIn(region);
}

/** Directories of a Region in one AWS account (the environment's own when absent). */
export async function directoriesOfAccountIn(region: string, accountId?: string): Promise<CatalogDirectory[]> {
  try {
    return (await pageCatalog().directories(region, accountId)) ?? [];
  } catch {
    return [];
  }
}

export async function bundlesIn(region: string): Promise<Bundle[]> {
  return bundlesOfAccountIn(region);
}

/** Bundles of a Region as one AWS account sees them (the environment's own when absent). */
export async function bundlesOfAccountIn(region: string, accountId?: string): Promise<Bundle[]> {
  try {
    return (await pageCatalog().bundles(region, accountId)) ?? [];
  } catch {
    return [];
  }
}

/**
 * Bundles and directories for every Region the given rows live in, looked up once each; with `accounts`,
 * also the directories and bundles of those AWS accounts' (other than the default's) in the same Regions.
 */
export async function catalogFor(regions: Iterable<string>, accounts: Iterable<string> = []) {
  const unique = [...new Set(regions)];
  const others = [...new Set(accounts)].filter((a) => !isDefaultAccount(a));
  const pairs: [string, string | undefined][] = [
    ...unique.map((r) => [r, undefined] as [string, undefined]),
    ...others.flatMap((a) => unique.map((r) => [r, a] as [string, string])),
  ];
  const [bundles, directories] = await Promise.all([
    Promise.all(pairs.map(([r, a]) => bundlesOfAccountIn(r, a))),
    Promise.all(pairs.map(([r, a]) => directoriesOfAccountIn(r, a))),
  ]);
  return {
    bundle: (id: string) => bundles.flat().find((b) => b.id === id),
    directory: (id: string) => directories.flat().find((d) => d.id === id),
    bundles: bundles.flat(),
    directories: directories.flat(),
  };
}
