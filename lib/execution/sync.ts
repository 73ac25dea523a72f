import "server-only";
import { gatewayForAccount, recordAccountSync } from "../core/accounts";
import { markInventorySynced } from "../core/inventory-status";
import type { AwsGateway, RegionGateway, WorkspaceSummary } from "../aws";
import { COST_CENTRE_TAG_KEY, operatingSystemFamily, type OperatingSystem } from "../domain";
import { DEFAULT_ACCOUNT_ID, isDefaultAccount } from "../domain/accounts";
import type { PrismaClient } from "../generated/prisma/client";
import type { Tx } from "../core/tx";
import { toDomainBundle } from "../core/catalog-mapping";
import { cachedOperatingSystem, cacheFields, markGone, ownerIndex, type OwnerIndex } from "../core/workspace-cache";
import { emitWorkspaceStateChanged, webhookSubscribers } from "../core/webhooks";

export interface SyncResult {
  region: string;
  seen: number;
  created: number;
  updated: number;
  gone: number;
  tagsRead: number;
}

const chunked = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** WorkSpaces compared and written together: one lookup of their rows, one insert of the new ones. */
const WRITE_BATCH = 500;
/** Ids whose connection status is read at once (20 calls of 25) and then written, before the next ones are read. */
const STATUS_BATCH = 500;

type Counts = Pick<SyncResult, "created" | "updated">;

/**
 * Makes the cache true to AWS for one Region: every WorkSpace (all pages), including ones changed or
 * created outside the portal; those no longer listed are marked gone. Unchanged rows only get their
 * sync time touched, so a sync of a large, quiet fleet writes little. Tags cost one call per WorkSpace,
 * so each run reads them for at most `tagBudget` WorkSpaces, never-read ones first.
 * The listing is worked through `WRITE_BATCH` WorkSpaces at a time and only their ids are kept, so the
 * worker's memory does not grow with the fleet (a 10,000-WorkSpace Region is a few MiB of ids).
 */
export async function syncRegion(
  db: PrismaClient,
  gateway: AwsGateway,
  region: string,
  opts: { tagBudget?: number; now?: Date; accountId?: string } = {},
): Promise<SyncResult> {
  const now = opts.now ?? new Date();
  // `gateway` is the account's: another account's WorkSpaces in the same Region are not this sync's to mark gone.
  const accountId = opts.accountId ?? DEFAULT_ACCOUNT_ID;
  const gw = gateway.region(region);
  const owners = await ownerIndex(db);
  // The rows that may turn out gone: those cached before the listing, so one the portal creates meanwhile is not.
  const cachedLive = await db.workspace.findMany({ where: { accountId, region, goneAt: null }, select: { id: true } });
  const writer = batchWriter(db, region, owners, now, bundleSystems(gw, region), accountId);

  const listedIds = new Set<string>();
  const live: string[] = [];
  let seen = 0;
  let pending: WorkspaceSummary[] = [];
  for await (const page of gw.workspaces.workspacePages()) {
    for (const ws of page) {
      seen += 1;
      listedIds.add(ws.workspaceId);
      if (ws.state !== "TERMINATED") live.push(ws.workspaceId);
      pending.push(ws);
    }
    if (pending.length >= WRITE_BATCH) {
      await writer.write(pending);
      pending = [];
    }
  }
  await writer.write(pending);
  pending = [];

  const goneIds = cachedLive.filter((e) => !listedIds.has(e.id)).map((e) => e.id);
  await markGone(db, goneIds, now);

  // Connection status, 25 per call.
  for (const ids of chunked(live, STATUS_BATCH)) {
    const statuses = await gw.workspaces.connectionStatus(ids);
    for (const batch of chunked(statuses, 200)) {
      await db.$transaction(
        batch.map((s) =>
          db.workspace.update({
            where: { id: s.workspaceId },
            data: { connectionState: s.connectionState, lastConnectedAt: s.lastUserConnectionAt ?? undefined },
          }),
        ),
      );
    }
  }

  const tagBudget = opts.tagBudget ?? 200;
  const needTags = await db.workspace.findMany({
    where: { accountId, region, goneAt: null },
    orderBy: [{ tagsSyncedAt: { sort: "asc", nulls: "first" } }],
    take: tagBudget,
    select: { id: true },
  });
  for (const { id } of needTags) {
    const tags = await gw.tags.describeTags(id);
    const costCenter = tags.find((t) => t.key.toLowerCase() === COST_CENTRE_TAG_KEY.toLowerCase())?.value ?? null;
    await db.workspace.update({
      where: { id },
      data: { tags: tags.map((t) => ({ key: t.key, value: t.value })), costCenter, tagsSyncedAt: now },
    });
  }
  await markInventorySynced(db, isDefaultAccount(accountId) ? region : `${accountId}/${region}`, now);
  return { region, seen, ...writer.counts, gone: goneIds.length, tagsRead: needTags.length };
}

/**
 * Syncs every other AWS account the admins configured, each of its Regions through a gateway that assumes the
 * account's role. One account's failure (its role refused, a Region not enabled) is recorded for the accounts
 * page and does not keep the others from syncing.
 */
export async function syncOtherAccounts(
  db: PrismaClient,
  base: () => AwsGateway,
  opts: { tagBudget?: number; now?: Date } = {},
): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  const accounts = await db.awsAccount.findMany({ orderBy: { createdAt: "asc" } });
  for (const account of accounts) {
    const at = opts.now ?? new Date();
    try {
      const gateway = await gatewayForAccount(db, base, account.id);
      for (const region of account.regions) results.push(await syncRegion(db, gateway, region, { ...opts, accountId: account.id }));
      await recordAccountSync(db, account.id, { at });
    } catch (error) {
      await recordAccountSync(db, account.id, { at, failure: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}

/**
 * The OS of each bundle in the Region as the catalog sees it, for WorkSpaces AWS describes without their
 * OperatingSystemName (older responses). Read at most once a sync, and only when such a WorkSpace is listed;
 * a failed read leaves their OS unknown for this sync rather than failing it.
 */
function bundleSystems(gw: RegionGateway, region: string): () => Promise<Map<string, OperatingSystem>> {
  let loaded: Promise<Map<string, OperatingSystem>> | undefined;
  const load = async () => {
    const [bundles, images] = await Promise.all([gw.bundles.describeBundles({ owner: "all" }), gw.bundles.describeImages()]);
    const imageById = new Map(images.map((i) => [i.imageId, i]));
    const systems = new Map<string, OperatingSystem>();
    for (const b of bundles) {
      const bundle = toDomainBundle(region, b, b.imageId ? imageById.get(b.imageId) : undefined);
      if (bundle) systems.set(bundle.id, bundle.operatingSystem);
    }
    return systems;
  };
  return () => (loaded ??= load().catch(() => new Map()));
}

/** Compares listed WorkSpaces with their cached rows and writes what differs, a batch at a time. */
function batchWriter(
  db: PrismaClient,
  region: string,
  owners: OwnerIndex,
  now: Date,
  bundleOs: () => Promise<Map<string, OperatingSystem>>,
  accountId: string = DEFAULT_ACCOUNT_ID,
) {
  const counts: Counts = { created: 0, updated: 0 };
  let stateSubscribers: Awaited<ReturnType<typeof webhookSubscribers>> | undefined;

  async function write(listed: WorkspaceSummary[]) {
    if (!listed.length) return;
    const existing = await db.workspace.findMany({
      where: { region, id: { in: listed.map((ws) => ws.workspaceId) } },
      select: { id: true, raw: true, state: true, ownerId: true, goneAt: true, operatingSystem: true },
    });
    const existingById = new Map(existing.map((e) => [e.id, e]));
    const systems = listed.some((ws) => !operatingSystemFamily(ws.operatingSystemName)) ? await bundleOs() : undefined;
    const osOf = (ws: WorkspaceSummary) => systems?.get(ws.bundleId) ?? null;
    const fresh: WorkspaceSummary[] = [];
    const changed: WorkspaceSummary[] = [];
    const unchanged: string[] = [];
    for (const ws of listed) {
      const row = existingById.get(ws.workspaceId);
      if (!row) fresh.push(ws);
      else if (
        JSON.stringify(row.raw) !== JSON.stringify(ws) ||
        row.goneAt ||
        row.ownerId !== owners.ownerOf(ws.directoryId, ws.userName) ||
        // Cached before its OS was known (or before the sync kept it), and known now.
        (!row.operatingSystem && cachedOperatingSystem(ws, osOf(ws)))
      )
        changed.push(ws);
      else unchanged.push(ws.workspaceId);
    }
    counts.created += fresh.length;
    counts.updated += changed.length;
    if (fresh.length) {
      await db.workspace.createMany({
        data: fresh.map((ws) => ({
          id: ws.workspaceId,
          accountId,
          ...cacheFields(region, ws, owners, now, undefined, osOf(ws)),
          firstSeenAt: now,
          stateChangedAt: now,
        })),
        skipDuplicates: true,
      });
    }
    if (changed.length) stateSubscribers ??= await webhookSubscribers(db, "workspace.state_changed");
    for (const ws of changed) {
      const row = existingById.get(ws.workspaceId)!;
      const stateChanged = row.state !== ws.state;
      const subscribers = stateSubscribers!;
      const update = async (tx: Tx) => {
        await tx.workspace.update({
          where: { id: ws.workspaceId },
          data: { ...cacheFields(region, ws, owners, now, undefined, osOf(ws)), ...(stateChanged ? { stateChangedAt: now } : {}) },
        });
        if (stateChanged) await emitWorkspaceStateChanged(tx, ws.workspaceId, row.state, now, subscribers);
      };
      // Only a new state that endpoints want to hear of needs a transaction: the row and its event land together.
      if (stateChanged && subscribers.length) await db.$transaction(update);
      else await update(db);
    }
    if (unchanged.length) await db.workspace.updateMany({ where: { id: { in: unchanged } }, data: { lastSyncedAt: now } });
  }

  return { write, counts };
}
