import "server-only";
import { getAwsGateway } from "../aws";
import type { CatalogSource } from "./catalog";
import { toDomainBundle, toDomainDirectory } from "./catalog-mapping";

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
        return registered.map((d) => ({ ...toDomainDirectory(region, d, dsById.get(d.directoryId)), registrationCode: d.registrationCode ?? null }));
      }),
    snapshots: async (region, workspaceId) => {
      const times = await getAwsGateway().region(region).workspaces.describeSnapshots(workspaceId);
      const all = [...times.rebuild, ...times.restore].sort((a, b) => a.getTime() - b.getTime());
      return { oldest: all[0] ?? null, latest: all.at(-1) ?? null };
    },
  };
}
