import "server-only";
import { getAwsGateway } from "../aws";
import type { Bundle, Directory } from "../domain";
import { toDomainBundle, toDomainDirectory } from "./catalog-mapping";
import type { SnapshotEvidence } from "./workspace-records";

/** A directory as the catalog knows it: the rules' view plus what the WorkSpaces client asks for on first use. */
export interface CatalogDirectory extends Directory {
  registrationCode: string | null;
}

/** What the request rules need from AWS besides the cached WorkSpaces, per Region. */
export interface CatalogSource {
  bundles(region: string): Promise<Bundle[]>;
  directories(region: string): Promise<CatalogDirectory[]>;
  snapshots(region: string, workspaceId: string): Promise<SnapshotEvidence>;
}

interface Cached<T> {
  at: number;
  value: Promise<T>;
}

/** Bundles and directories change rarely; a short cache keeps forms quick without hiding admin edits for long. */
export function gatewayCatalogSource(ttlMs = 60_000): CatalogSource {
  const cache = new Map<string, Cached<unknown>>();
  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key) as Cached<T> | undefined;
    if (hit && Date.now() - hit.at < ttlMs) return hit.value;
    const value = load();
    cache.set(key, { at: Date.now(), value });
    value.catch(() => cache.delete(key));
    return value;
  }
  return {
    bundles: (region) =>
      cached(`bundles:${region}`, async () => {
        const gateway = getAwsGateway().region(region);
        const [bundles, images] = await Promise.all([gateway.bundles.describeBundles({ owner: "all" }), gateway.bundles.describeImages()]);
        const imageById = new Map(images.map((i) => [i.imageId, i]));
        return bundles.flatMap((b) => toDomainBundle(region, b, b.imageId ? imageById.get(b.imageId) : undefined) ?? []);
      }),
    directories: (region) =>
      cached(`directories:${region}`, async () => {
        const gateway = getAwsGateway().region(region);
        const registered = await gateway.directories.describeDirectories();
        const described = registered.length ? await gateway.directoryService.describeDirectories(registered.map((d) => d.directoryId)) : [];
        const dsById = new Map(described.map((d) => [d.directoryId, d]));
        return registered.map((d) => ({
          ...toDomainDirectory(region, d, dsById.get(d.directoryId)),
          registrationCode: d.registrationCode ?? null,
        }));
      }),
    snapshots: async (region, workspaceId) => {
      const times = await getAwsGateway().region(region).workspaces.describeSnapshots(workspaceId);
      const all = [...times.rebuild, ...times.restore].sort((a, b) => a.getTime() - b.getTime());
      return { oldest: all[0] ?? null, latest: all.at(-1) ?? null };
    },
  };
}

// Module state, not a globalThis singleton: a second copy of this module (another bundle of the same
// process) only means a second short-lived cache.
let current: CatalogSource | undefined;

/** Tests install a source with no cache; admin edits replace the source so the next read is fresh. */
export function setCatalogSource(source: CatalogSource): void {
  current = source;
}

/** Drops every cached bundle and directory list, after an admin changed one. */
export function refreshCatalog(): void {
  current = gatewayCatalogSource();
}

export function catalogSource(): CatalogSource {
  current ??= gatewayCatalogSource();
  return current;
}
