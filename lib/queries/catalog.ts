import "server-only";
import type { Bundle } from "../domain";
import { pageCatalog, type CatalogDirectory } from "../core/catalog";

// Pages read the catalog through pageCatalog: a slow or throttled AWS never holds a page for long, and
// until AWS has answered once the lists are empty (names fall back to ids, offerings are empty).

/** Directories of a Region with their registration codes; an outage gives an empty list, not an error page. */
export async function directoriesIn(region: string): Promise<CatalogDirectory[]> {
  try {
    return (await pageCatalog().directories(region)) ?? [];
  } catch {
    return [];
  }
}

export async function bundlesIn(region: string): Promise<Bundle[]> {
  try {
    return (await pageCatalog().bundles(region)) ?? [];
  } catch {
    return [];
  }
}

/** Bundles and directories for every Region the given rows live in, looked up once each. */
export async function catalogFor(regions: Iterable<string>) {
  const unique = [...new Set(regions)];
  const [bundles, directories] = await Promise.all([Promise.all(unique.map(bundlesIn)), Promise.all(unique.map(directoriesIn))]);
  return {
    bundle: (id: string) => bundles.flat().find((b) => b.id === id),
    directory: (id: string) => directories.flat().find((d) => d.id === id),
    bundles: bundles.flat(),
    directories: directories.flat(),
  };
}
