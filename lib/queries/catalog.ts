import "server-only";
import { getAwsGateway } from "../aws";
import type { Bundle, Directory } from "../domain";
import { catalogSource } from "../services/catalog";

export interface DirectoryView extends Directory {
  /** What the WorkSpaces client asks for on first use; it belongs to the directory, not the WorkSpace. */
  registrationCode: string | null;
}

const TTL_MS = 60_000;
const cache = globalThis as unknown as { __portalRegCodes?: Map<string, { at: number; value: Promise<Map<string, string>> }> };

function registrationCodes(region: string): Promise<Map<string, string>> {
  const store = (cache.__portalRegCodes ??= new Map());
  const hit = store.get(region);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = getAwsGateway()
    .region(region)
    .directories.describeDirectories()
    .then((list) => new Map(list.flatMap((d) => (d.registrationCode ? [[d.directoryId, d.registrationCode] as const] : []))));
  value.catch(() => store.delete(region));
  store.set(region, { at: Date.now(), value });
  return value;
}

/** Directories of a Region with their registration codes; an outage gives an empty list, not an error page. */
export async function directoriesIn(region: string): Promise<DirectoryView[]> {
  try {
    const [directories, codes] = await Promise.all([(await catalogSource()).directories(region), registrationCodes(region)]);
    return directories.map((d) => ({ ...d, registrationCode: codes.get(d.id) ?? null }));
  } catch {
    return [];
  }
}

export async function bundlesIn(region: string): Promise<Bundle[]> {
  try {
    return await (await catalogSource()).bundles(region);
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
