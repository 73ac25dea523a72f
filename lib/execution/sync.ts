import "server-only";
import { markInventorySynced } from "../core/inventory-status";
import type { AwsGateway, WorkspaceSummary } from "../aws";
import { COST_CENTRE_TAG_KEY } from "../domain";
import type { PrismaClient } from "../generated/prisma/client";
import type { Tx } from "../core/tx";
import { cacheFields, markGone, ownerIndex } from "../core/workspace-cache";
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

/**
 * Makes the cache true to AWS for one Region: every WorkSpace (all pages), including ones changed or
 * created outside the portal; those no longer listed are marked gone. Unchanged rows only get their
 * sync time touched, so a sync of a large, quiet fleet writes little. Tags cost one call per WorkSpace,
 * so each run reads them for at most `tagBudget` WorkSpaces, never-read ones first.
 */
export async function syncRegion(
  db: PrismaClient,
  gateway: AwsGateway,
  region: string,
  opts: { tagBudget?: number; now?: Date } = {},
): Promise<SyncResult> {
  const now = opts.now ?? new Date();
  const gw = gateway.region(region);
  const listed = await gw.workspaces.listWorkspaces();
  const owners = await ownerIndex(db);
  const existing = await db.workspace.findMany({
    where: { region },
    select: { id: true, raw: true, state: true, ownerId: true, goneAt: true },
  });
  const existingById = new Map(existing.map((e) => [e.id, e]));

  const fresh: WorkspaceSummary[] = [];
  const changed: WorkspaceSummary[] = [];
  const unchanged: string[] = [];
  for (const ws of listed) {
    const row = existingById.get(ws.workspaceId);
    if (!row) fresh.push(ws);
    else if (JSON.stringify(row.raw) !== JSON.stringify(ws) || row.goneAt || row.ownerId !== owners.ownerOf(ws.directoryId, ws.userName))
      changed.push(ws);
    else unchanged.push(ws.workspaceId);
  }
  for (const batch of chunked(fresh, 500)) {
    await db.workspace.createMany({
      data: batch.map((ws) => ({ id: ws.workspaceId, ...cacheFields(region, ws, owners, now), firstSeenAt: now, stateChangedAt: now })),
      skipDuplicates: true,
    });
  }
  const stateSubscribers = changed.length ? await webhookSubscribers(db, "workspace.state_changed") : [];
  for (const ws of changed) {
    const row = existingById.get(ws.workspaceId)!;
    const stateChanged = row.state !== ws.state;
    const write = async (tx: Tx) => {
      await tx.workspace.update({
        where: { id: ws.workspaceId },
        data: { ...cacheFields(region, ws, owners, now), ...(stateChanged ? { stateChangedAt: now } : {}) },
      });
      if (stateChanged) await emitWorkspaceStateChanged(tx, ws.workspaceId, row.state, now, stateSubscribers);
    };
    // Only a new state that endpoints want to hear of needs a transaction: the row and its event land together.
    if (stateChanged && stateSubscribers.length) await db.$transaction(write);
    else await write(db);
  }
  for (const batch of chunked(unchanged, 1000))
    await db.workspace.updateMany({ where: { id: { in: batch } }, data: { lastSyncedAt: now } });

  const listedIds = new Set(listed.map((w) => w.workspaceId));
  const goneIds = existing.filter((e) => !e.goneAt && !listedIds.has(e.id)).map((e) => e.id);
  await markGone(db, goneIds, now);

  // Connection status, 25 per call.
  const live = listed.filter((w) => w.state !== "TERMINATED").map((w) => w.workspaceId);
  if (live.length) {
    const statuses = await gw.workspaces.connectionStatus(live);
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
    where: { region, goneAt: null },
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
  await markInventorySynced(db, region, now);
  return { region, seen: listed.length, created: fresh.length, updated: changed.length, gone: goneIds.length, tagsRead: needTags.length };
}
