import "server-only";
import { LRUCache } from "lru-cache";
import { getAwsGateway } from "../aws";
import { db } from "../db";
import type { Bundle, Directory } from "../domain";
import { isDefaultAccount } from "../domain/accounts";
import { gatewayForAccount } from "./accounts";
import { toDomainBundle, toDomainDirectory } from "./catalog-mapping";
import type { SnapshotEvidence } from "./workspace-records";

/** A directory as the catalog knows it: the rules' view plus what the WorkSpaces client asks for on first use. */
export interface CatalogDirectory extends Directory {
  registrationCode: string | null;
}

/** What the request rules need from AWS besides the cached WorkSpaces, per Region. */
// `accountId`: the AWS account (lib/core/accounts.ts) whose catalog is meant; the environment's own when absent.
export interface CatalogSource {
  bundles(region: string, accountId?: string): Promise<Bundle[]>;
  directories(region: string, accountId?: string): Promise<CatalogDirectory[]>;
  snapshots(region: string, workspaceId: string, accountId?: string): Promise<SnapshotEvidence>;
  /** How long an answer stays fresh; page reads serve an older one while they refresh it. 0: every page read asks again. */
  freshForMs?: number;
}

interface Cached<T> {
  at: number;
  value: Promise<T>;
}

// The default account's keys stay as they were; another account's lists are cached apart.
const accountKey = (accountId?: string) => (isDefaultAccount(accountId) ? "" : `${accountId}/`);

const gatewayOf = (accountId?: string) =>
  isDefaultAccount(accountId) ? Promise.resolve(getAwsGateway()) : gatewayForAccount(db(), getAwsGateway, accountId);

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
    freshForMs: ttlMs,
    bundles: (region, accountId) =>
      cached(`bundles:${accountKey(accountId)}${region}`, async () => {
        const gateway = (await gatewayOf(accountId)).region(region);
        const [bundles, images] = await Promise.all([gateway.bundles.describeBundles({ owner: "all" }), gateway.bundles.describeImages()]);
        const imageById = new Map(images.map((i) => [i.imageId, i]));
        return bundles.flatMap((b) => toDomainBundle(region, b, b.imageId ? imageById.get(b.imageId) : undefined) ?? []);
      }),
    directories: (region, accountId) =>
      cached(`directories:${accountKey(accountId)}${region}`, async () => {
        const gateway = (await gatewayOf(accountId)).region(region);
        const registered = await gateway.directories.describeDirectories();
        const described = registered.length ? await gateway.directoryService.describeDirectories(registered.map((d) => d.directoryId)) : [];
        const dsById = new Map(described.map((d) => [d.directoryId, d]));
        return registered.map((d) => ({
          ...toDomainDirectory(region, d, dsById.get(d.directoryId)),
          registrationCode: d.registrationCode ?? null,
        }));
      }),
    snapshots: async (region, workspaceId, accountId) => {
      const times = await (await gatewayOf(accountId)).region(region).workspaces.describeSnapshots(workspaceId);
      const all = [...times.rebuild, ...times.restore].sort((a, b) => a.getTime() - b.getTime());
      return { oldest: all[0] ?? null, latest: all.at(-1) ?? null };
    },
  };
}

// Module state, not a globalThis singleton: a second copy of this module (another bundle of the same
// process) only means a second short-lived cache.
let current: CatalogSource | undefined;
let pages: PageCatalog | undefined;

/** Tests install a source with no cache; admin edits replace the source so the next read is fresh. */
export function setCatalogSource(source: CatalogSource): void {
  current = source;
  pages = undefined;
}

/** Drops every cached bundle and directory list, after an admin changed one. */
export function refreshCatalog(): void {
  setCatalogSource(gatewayCatalogSource());
}

/** For the executor and services, which must decide on what AWS says now and may wait for it. */
export function catalogSource(): CatalogSource {
  current ??= gatewayCatalogSource();
  return current;
}

/** How long a page waits for a catalog AWS has not answered yet before it renders without it. */
export const PAGE_CATALOG_WAIT_MS = 3_000;

/** A page's view of the catalog: the last good answer, or null while AWS has not given one yet (rejects when AWS refused). */
export interface PageCatalog {
  bundles(region: string, accountId?: string): Promise<Bundle[] | null>;
  directories(region: string, accountId?: string): Promise<CatalogDirectory[] | null>;
  snapshots(region: string, workspaceId: string, accountId?: string): Promise<SnapshotEvidence | null>;
}

/**
 * Page reads never wait long on AWS: a throttled or slow AWS retries with backoff for many seconds. They
 * get the last good answer at once and refresh it in the background (one refresh per list and Region at a
 * time, however many pages ask); with no answer yet they wait PAGE_CATALOG_WAIT_MS, and the refresh that
 * goes on past it fills the cache for the next view.
 */
export function pageCatalog(): PageCatalog {
  pages ??= boundedCatalog(catalogSource());
  return pages;
}

type PageValue = Bundle[] | CatalogDirectory[] | SnapshotEvidence;

function boundedCatalog(source: CatalogSource): PageCatalog {
  const freshForMs = source.freshForMs ?? 0;
  const cache = new LRUCache<string, PageValue, () => Promise<PageValue>>({
    // Every Region's two lists plus the snapshots of the WorkSpaces viewed lately.
    max: 5_000,
    // A source with no freshness (tests) is asked on every read; its answer still stands in when it is slow.
    ttl: Math.max(freshForMs, 1),
    allowStale: freshForMs > 0,
    noDeleteOnStaleGet: true,
    noDeleteOnFetchRejection: true,
    ignoreFetchAbort: true,
    allowStaleOnFetchAbort: true,
    fetchMethod: (_key, _stale, { context }) => context(),
  });
  // Null when AWS has not answered in time and nothing is known yet; throws when AWS refused and nothing is known.
  async function read<T extends PageValue>(key: string, load: () => Promise<T>): Promise<T | null> {
    try {
      const value = await cache.fetch(key, { context: load, signal: AbortSignal.timeout(PAGE_CATALOG_WAIT_MS) });
      return (value as T | undefined) ?? null;
    } catch (error) {
      const stale = cache.get(key, { allowStale: true });
      if (stale) return stale as T;
      throw error;
    }
  }
  return {
    bundles: (region, accountId) => read(`bundles:${accountKey(accountId)}${region}`, () => source.bundles(region, accountId)),
    directories: (region, accountId) => read(`directories:${accountKey(accountId)}${region}`, () => source.directories(region, accountId)),
    snapshots: (region, workspaceId, accountId) =>
      read(`snapshots:${region}:${workspaceId}`, () => source.snapshots(region, workspaceId, accountId)),
  };
}
