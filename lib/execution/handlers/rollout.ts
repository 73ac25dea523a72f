import "server-only";
import { AwsGatewayError, type AwsGateway, type RegionGateway, type WorkspaceSummary } from "../../aws";
import type { ExistingWorkspaceChange } from "../../domain";
import { afterWave, rolloutItemOverdue, waveName, type RolloutMethod, type WaveCounts } from "../../domain/rollout";
import { batchExecution } from "../../changes/registry";
import { ItemRefused, type StoredRequest } from "../../changes/types";
import { recordAudit } from "../../core/audit";
import { changeNames } from "../../core/change-words";
import { notify } from "../../core/notifications";
import { INVENTORY_SYNC_KEY, pokeJob } from "../../core/outbox";
import { SYSTEM, type Tx } from "../../core/tx";
import type { Prisma, Rollout, RolloutItem } from "../../generated/prisma/client";
import type { JobContext, JobHandler, JobOutcome } from "../worker";

// Drives a staged rollout (lib/services/admin/rollouts.ts) one step at a time, all state in the database:
//  1. the current wave's owners are warned (portal and mail) unless they already were;
//  2. its pending WorkSpaces are changed through the registry's entry for the method, one AWS call per
//     WorkSpace (RebuildWorkspaces and MigrateWorkspace take one each), recorded with each call's request id;
//     `awsCalledAt` is written before the call, so after a crash AWS is asked for the call's effect first;
//  3. the WorkSpaces under way are described (25 per call) until AWS shows each done or failed, or the
//     reconcile timeout since its call has passed (then it fails, counted like any failure of its wave);
//  4. then the domain's afterWave decides: stop on too many failures, wait for Continue after the canary,
//     the next wave after the pause (its owners are warned now), or the end.
// The job is queued again for each of these, so a restart resumes at the step it was at.

export interface RolloutHandlerOptions {
  /** How soon to look again at WorkSpaces under way (default 15 s). */
  pollMs?: number;
  /** How long a WorkSpace under way may take before it fails: the request path's reconcile timeout. */
  timeoutMs?: number;
}

const CONCURRENT_CALLS = 25;

type Item = Pick<RolloutItem, "id" | "workspaceId" | "region" | "awsCalledAt" | "sawTransition" | "resultWorkspaceId">;

function changeFor(rollout: Rollout, workspaceId: string): ExistingWorkspaceChange {
  return (rollout.method as RolloutMethod) === "migrate"
    ? { type: "migrate", workspaceId, targetBundleId: rollout.bundleId }
    : { type: "rebuild", workspaceId };
}

function executionFor(rollout: Rollout, workspaceId: string) {
  const change = changeFor(rollout, workspaceId);
  const execution = batchExecution(change);
  if (!execution) throw new Error(`A ${change.type} cannot be carried out.`);
  return { change, execution };
}

function stored(rollout: Rollout, item: Item): StoredRequest<ExistingWorkspaceChange> {
  return {
    id: item.id,
    region: item.region,
    change: changeFor(rollout, item.workspaceId),
    resultWorkspaceId: item.resultWorkspaceId,
    awsCalledAt: item.awsCalledAt,
    executionMemo: { sawTransition: item.sawTransition },
  };
}

type CallOutcome =
  | { workspaceId: string; ok: true; requestIds: string[]; resultWorkspaceId?: string }
  | { workspaceId: string; ok: false; code: string; reason: string; requestIds: string[]; outcomeUnknown: boolean };

/**
 * Calls without an answer (AWS may have taken them) before a WorkSpace's item fails: each one leaves the item pending,
 * so the next pass first asks AWS whether the rebuild started (the SDK does not resend a rebuild, lib/aws/clients.ts).
 */
const UNANSWERED_CALLS = 3;

async function callOne(gw: RegionGateway, rollout: Rollout, item: Item): Promise<CallOutcome> {
  const { execution } = executionFor(rollout, item.workspaceId);
  try {
    const out = await execution.call(gw, stored(rollout, item));
    return { workspaceId: item.workspaceId, ok: true, requestIds: out.awsRequestIds, resultWorkspaceId: out.resultWorkspaceId };
  } catch (error) {
    if (error instanceof ItemRefused)
      return {
        workspaceId: item.workspaceId,
        ok: false,
        code: error.code,
        reason: error.message || error.reason,
        requestIds: error.awsRequestIds,
        outcomeUnknown: error.outcomeUnknown,
      };
    if (error instanceof AwsGatewayError)
      return {
        workspaceId: item.workspaceId,
        ok: false,
        code: error.details.awsCode ?? error.reason,
        reason: error.message,
        requestIds: error.details.requestId ? [error.details.requestId] : [],
        outcomeUnknown: error.outcomeUnknown,
      };
    throw error;
  }
}

async function parallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

/** Calls at once for the snapshot times; the gateway's rate limit paces them further. */
const SNAPSHOT_LOOKUPS_AT_ONCE = 5;

/**
 * The newest snapshot AWS holds of each WorkSpace's user volume (DescribeWorkspaceSnapshots, one call per
 * WorkSpace), looked up when its wave is warned: what its user drive comes back from. A WorkSpace AWS could not
 * answer for keeps no time; the rollout does not wait on it.
 */
async function lastSnapshots(gateway: () => AwsGateway, items: readonly { id: string; workspaceId: string; region: string }[]) {
  const found = await parallel(items, SNAPSHOT_LOOKUPS_AT_ONCE, async (item) => {
    try {
      const times = await gateway().region(item.region).workspaces.describeSnapshots(item.workspaceId);
      const latest = [...times.rebuild, ...times.restore].reduce<Date | null>((a, t) => (!a || t > a ? t : a), null);
      return [item.id, latest] as const;
    } catch (error) {
      if (error instanceof AwsGatewayError) return [item.id, null] as const;
      throw error;
    }
  });
  return new Map(found);
}

/**
 * Reads the next wave's snapshot times while this wave's WorkSpaces rebuild, so the reads (one call per WorkSpace,
 * at the gateway's read rate) are not on the rollout's critical path between two waves. Its owners are warned, with
 * these times, when this wave is through.
 */
async function readNextWaveSnapshots(ctx: JobContext, gateway: () => AwsGateway, rollout: Rollout) {
  const items = await ctx.db.rolloutItem.findMany({
    where: { rolloutId: rollout.id, wave: rollout.currentWave + 1, warnedAt: null, lastSnapshotAt: null, status: "PENDING" },
    select: { id: true, workspaceId: true, region: true },
  });
  if (!items.length) return;
  const snapshots = await lastSnapshots(gateway, items);
  for (const [id, at] of snapshots) {
    if (at) await ctx.db.rolloutItem.updateMany({ where: { id, warnedAt: null }, data: { lastSnapshotAt: at } });
  }
}

/**
 * Tells the owners of a wave's WorkSpaces, once each, what is about to happen and when. The names are looked up
 * before the transaction (a bundle's name may need AWS); the notifications and mails commit with the mark.
 */
async function warnOwners(
  ctx: JobContext,
  gateway: () => AwsGateway,
  rollout: Rollout,
  wave: number,
  startsAt: Date,
  now: Date,
  readSnapshots: boolean,
) {
  const items = await ctx.db.rolloutItem.findMany({
    where: { rolloutId: rollout.id, wave, warnedAt: null, status: "PENDING" },
    select: { id: true, workspaceId: true, ownerId: true, region: true },
  });
  if (!items.length) return;
  // A wave after the first had its snapshot times read while the wave before it was rebuilding
  // (readNextWaveSnapshots); one with none found is not asked again, which would put the reads back between waves.
  const snapshots = readSnapshots ? await lastSnapshots(gateway, items) : new Map<string, Date | null>();
  const owned = items.filter((i): i is typeof i & { ownerId: string } => Boolean(i.ownerId));
  const names = owned.length
    ? await changeNames(
        ctx.db,
        [rollout.region],
        owned.map((i) => i.workspaceId),
      )
    : null;
  const bundle = names?.bundle(rollout.bundleId) ?? "its bundle";
  const when = startsAt.getTime() <= now.getTime() ? "shortly" : `from ${startsAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const migrate = rollout.method === "migrate";
  await ctx.fenced(async (tx) => {
    const { count } = await tx.rolloutItem.updateMany({
      where: { id: { in: items.map((i) => i.id) }, warnedAt: null },
      data: { warnedAt: now },
    });
    if (count === 0) return;
    for (const item of items) {
      const at = snapshots.get(item.id);
      if (at) await tx.rolloutItem.updateMany({ where: { id: item.id }, data: { lastSnapshotAt: at } });
    }
    for (const item of owned) {
      const name = names?.workspace(item.workspaceId) ?? item.workspaceId;
      await notify(tx, {
        userId: item.ownerId,
        kind: "rollout.warned",
        title: migrate ? `Your WorkSpace ${name} moves to ${bundle} ${when}` : `Your WorkSpace ${name} gets a new image ${when}`,
        body:
          (migrate
            ? `Your WorkSpace ${name} is being moved to the bundle ${bundle}. `
            : `Your WorkSpace ${name} is being rebuilt with the new image of ${bundle}. `) +
          "It is unavailable for up to an hour. Drive C is replaced, so programs you installed yourself are gone; " +
          "your user drive comes back from its last snapshot (taken every 12 hours), " +
          "so save your work somewhere safe and sign out before then.",
        link: `/workspaces/${item.workspaceId}`,
        mail: {},
      });
    }
  });
}

/** The current wave's pending WorkSpaces, changed in AWS and recorded. */
async function sendPending(ctx: JobContext, gateway: () => AwsGateway, rollout: Rollout) {
  for (;;) {
    const pending = await ctx.db.rolloutItem.findMany({
      where: { rolloutId: rollout.id, status: "PENDING", wave: { lte: rollout.currentWave } },
      orderBy: [{ wave: "asc" }, { workspaceId: "asc" }],
      take: 25,
    });
    if (!pending.length) return;
    const region = pending[0]!.region;
    const batch = pending.filter((i) => i.region === region);
    const gw = gateway().region(region);

    // Called before (a crash came between the call and its record): AWS may already show the effect.
    const earlier = batch.filter((i) => i.awsCalledAt);
    const applied = new Map<string, { resultWorkspaceId?: string }>();
    if (earlier.length) {
      const { workspaces } = await gw.workspaces.getWorkspaces(earlier.map((i) => i.workspaceId));
      const byId = new Map(workspaces.map((w) => [w.workspaceId, w]));
      for (const item of earlier) {
        const { execution } = executionFor(rollout, item.workspaceId);
        const found = await execution.alreadyApplied(gw, stored(rollout, item), byId.get(item.workspaceId));
        // A rollout's rebuild whose effect cannot be confirmed is made again: a WorkSpace rebuilt twice has the new
        // image, one skipped would quietly keep the old one.
        if (found && !found.unconfirmed) applied.set(item.workspaceId, { resultWorkspaceId: found.resultWorkspaceId });
      }
    }
    const toCall = batch.filter((i) => !applied.has(i.workspaceId));
    const now = new Date();
    await ctx.fenced(async (tx) => {
      if (toCall.length)
        await tx.rolloutItem.updateMany({ where: { id: { in: toCall.map((i) => i.id) }, status: "PENDING" }, data: { awsCalledAt: now } });
      for (const item of batch.filter((i) => applied.has(i.workspaceId)))
        await tx.rolloutItem.updateMany({
          where: { id: item.id, status: "PENDING" },
          data: { status: "IN_PROGRESS", resultWorkspaceId: applied.get(item.workspaceId)?.resultWorkspaceId ?? null },
        });
    });
    if (!toCall.length) continue;
    await ctx.checkpoint("rollout:before-aws");
    await ctx.assertLease();
    const outcomes = await parallel(toCall, CONCURRENT_CALLS, (item) => callOne(gw, rollout, { ...item, awsCalledAt: now }));
    await ctx.checkpoint("rollout:after-aws");
    const { execution } = executionFor(rollout, toCall[0]!.workspaceId);
    const askAgain = new Set(
      outcomes.filter((o, i) => !o.ok && o.outcomeUnknown && toCall[i]!.attempts + 1 < UNANSWERED_CALLS).map((o) => o.workspaceId),
    );
    await ctx.fenced(async (tx) => {
      for (const o of outcomes) {
        await tx.rolloutItem.updateMany({
          where: { rolloutId: rollout.id, workspaceId: o.workspaceId, status: "PENDING" },
          data: askAgain.has(o.workspaceId)
            ? { attempts: { increment: 1 } }
            : o.ok
              ? {
                  status: "IN_PROGRESS",
                  awsRequestId: o.requestIds.join(" ").slice(0, 200) || null,
                  resultWorkspaceId: o.resultWorkspaceId ?? null,
                  attempts: { increment: 1 },
                }
              : {
                  status: "FAILED",
                  reason: o.reason.slice(0, 500),
                  code: o.code.slice(0, 100),
                  awsRequestId: o.requestIds.join(" ").slice(0, 200) || null,
                  finishedAt: new Date(),
                  attempts: { increment: 1 },
                },
        });
      }
      await recordAudit(tx, {
        actor: SYSTEM,
        action: `aws.${execution.awsOperation}`,
        targetType: "rollout",
        targetId: rollout.id,
        awsRequestIds: outcomes.flatMap((o) => o.requestIds),
        detail: {
          region,
          succeeded: outcomes.filter((o) => o.ok).map((o) => o.workspaceId),
          failed: outcomes.flatMap((o) =>
            o.ok || askAgain.has(o.workspaceId) ? [] : [{ workspaceId: o.workspaceId, code: o.code, reason: o.reason }],
          ),
          unanswered: [...askAgain],
        },
      });
    });
  }
}

/** Looks at the WorkSpaces under way; returns how many still are. */
async function followInProgress(
  ctx: JobContext,
  gateway: () => AwsGateway,
  rollout: Rollout,
  timeoutMs: number | undefined,
): Promise<number> {
  const items = await ctx.db.rolloutItem.findMany({ where: { rolloutId: rollout.id, status: "IN_PROGRESS" } });
  if (!items.length) return 0;
  const now = new Date();
  // Stuck in REBUILDING, or never seen on the migrated bundle: it fails once the reconcile timeout has passed.
  const overdue = (item: RolloutItem) =>
    timeoutMs === undefined ? null : rolloutItemOverdue({ calledAt: item.awsCalledAt, now, timeoutMinutes: timeoutMs / 60_000 });
  let still = 0;
  const regions = [...new Set(items.map((i) => i.region))];
  for (const region of regions) {
    const inRegion = items.filter((i) => i.region === region);
    const gw = gateway().region(region);
    const ids = new Set(inRegion.flatMap((i) => [i.workspaceId, ...(i.resultWorkspaceId ? [i.resultWorkspaceId] : [])]));
    const { workspaces } = await gw.workspaces.getWorkspaces([...ids]);
    const byId = new Map(workspaces.map((w) => [w.workspaceId, w]));
    const updates: { item: RolloutItem; data: Prisma.RolloutItemUncheckedUpdateManyInput }[] = [];
    for (const item of inRegion) {
      const { execution } = executionFor(rollout, item.workspaceId);
      const request = stored(rollout, item);
      const ws = byId.get(item.workspaceId);
      let result: WorkspaceSummary | undefined = item.resultWorkspaceId ? byId.get(item.resultWorkspaceId) : undefined;
      if (!result && execution.findResult) result = await execution.findResult(gw, request, ws);
      if (!result && rollout.method === "migrate") {
        const found = await execution.alreadyApplied(gw, request, ws);
        if (found?.resultWorkspaceId) result = (await gw.workspaces.getWorkspaces([found.resultWorkspaceId])).workspaces[0];
      }
      const progress = execution.progress({ request, workspace: ws, result, now });
      if (progress.kind === "done")
        updates.push({
          item,
          data: { status: "DONE", finishedAt: now, resultWorkspaceId: progress.resultWorkspaceId ?? item.resultWorkspaceId },
        });
      else if (progress.kind === "failed")
        updates.push({ item, data: { status: "FAILED", reason: progress.reason.slice(0, 500), code: "aws_error", finishedAt: now } });
      else if (overdue(item)) updates.push({ item, data: { status: "FAILED", reason: overdue(item), code: "timeout", finishedAt: now } });
      else {
        still++;
        if (progress.sawTransition && !item.sawTransition) updates.push({ item, data: { sawTransition: true } });
      }
    }
    if (updates.length)
      await ctx.fenced(async (tx) => {
        for (const u of updates) await tx.rolloutItem.updateMany({ where: { id: u.item.id, status: "IN_PROGRESS" }, data: u.data });
      });
  }
  return still;
}

async function waveCounts(ctx: JobContext, rolloutId: string, wave: number): Promise<WaveCounts> {
  const groups = await ctx.db.rolloutItem.groupBy({ by: ["status"], where: { rolloutId, wave }, _count: { _all: true } });
  const n = (s: string) => groups.find((g) => g.status === s)?._count._all ?? 0;
  const counts = { pending: n("PENDING"), inProgress: n("IN_PROGRESS"), done: n("DONE"), failed: n("FAILED") };
  return { ...counts, total: counts.pending + counts.inProgress + counts.done + counts.failed };
}

async function tellCreator(tx: Tx, rollout: Rollout, title: string, body: string) {
  await notify(tx, { userId: rollout.createdById, kind: "rollout.progress", title, body, link: `/admin/rollouts/${rollout.id}`, mail: {} });
}

export function rolloutHandler(gateway: () => AwsGateway, options: RolloutHandlerOptions = {}): JobHandler {
  const pollMs = options.pollMs ?? 15_000;
  const timeoutMs = options.timeoutMs;
  return {
    async run(job, ctx): Promise<JobOutcome | void> {
      const { rolloutId, generation } = job.payload as { rolloutId: string; generation: number };
      const rollout = await ctx.db.rollout.findUnique({ where: { id: rolloutId } });
      // A newer Continue or Retry queued its own job; this one has nothing left to do.
      if (!rollout || rollout.generation !== generation) return;
      if (rollout.status === "WAITING_FOR_CONTINUE" || rollout.status === "FINISHED") return;
      const now = new Date();

      if (rollout.status === "RUNNING") {
        const startsAt = rollout.nextWaveAt ?? now;
        await warnOwners(ctx, gateway, rollout, rollout.currentWave, startsAt, now, true);
        if (startsAt > now) return { done: false, runAt: startsAt };
        // Once per wave, as its calls go out: the next wave's snapshot reads need nothing this wave waits for.
        const toSend = await ctx.db.rolloutItem.count({
          where: { rolloutId: rollout.id, status: "PENDING", wave: { lte: rollout.currentWave } },
        });
        if (toSend) await Promise.all([sendPending(ctx, gateway, rollout), readNextWaveSnapshots(ctx, gateway, rollout)]);
      }

      const still = await followInProgress(ctx, gateway, rollout, timeoutMs);
      if (still > 0) return { done: false, runAt: new Date(Date.now() + pollMs) };
      // Stopped by an admin: the WorkSpaces under way are through, and nothing more is sent.
      const fresh = await ctx.db.rollout.findUnique({ where: { id: rolloutId } });
      if (!fresh || fresh.status !== "RUNNING" || fresh.generation !== generation) return;
      // A retry may have put back WorkSpaces of earlier waves; they are all through before the rollout moves on.
      if (
        await ctx.db.rolloutItem.count({
          where: { rolloutId, wave: { lte: fresh.currentWave }, status: { in: ["PENDING", "IN_PROGRESS"] } },
        })
      )
        return { done: false, runAt: new Date() };

      const counts = await waveCounts(ctx, rolloutId, fresh.currentWave);
      const at = new Date();
      const verdict = afterWave({
        wave: fresh.currentWave,
        waveCount: fresh.waveCount,
        counts,
        thresholdPercent: fresh.failureThresholdPercent,
        pauseMinutes: fresh.pauseMinutes,
        now: at,
      });
      const summary = `${counts.done} of ${counts.total} WorkSpaces in ${waveName(fresh.currentWave)} are done, ${counts.failed} failed.`;
      const outcome = await ctx.fenced(async (tx): Promise<JobOutcome | void> => {
        const guard = { id: rolloutId, status: "RUNNING", generation };
        switch (verdict.kind) {
          case "wait":
            return { done: false, runAt: new Date(Date.now() + pollMs) };
          case "stop":
            await tx.rollout.updateMany({ where: guard, data: { status: "STOPPED", stoppedReason: verdict.reason } });
            await recordAudit(tx, {
              actor: SYSTEM,
              action: "rollout.stopped_automatically",
              targetType: "rollout",
              targetId: rolloutId,
              detail: { wave: fresh.currentWave, ...counts },
            });
            await tellCreator(tx, fresh, "A rollout stopped: too many WorkSpaces failed", verdict.reason);
            return;
          case "finish":
            await tx.rollout.updateMany({ where: guard, data: { status: "FINISHED", finishedAt: at, nextWaveAt: null } });
            await recordAudit(tx, {
              actor: SYSTEM,
              action: "rollout.finished",
              targetType: "rollout",
              targetId: rolloutId,
              detail: counts,
            });
            await tellCreator(tx, fresh, "A rollout is finished", summary);
            return;
          case "await-continue": {
            const earliest = new Date(at.getTime() + fresh.pauseMinutes * 60_000);
            await tx.rollout.updateMany({ where: guard, data: { status: "WAITING_FOR_CONTINUE", nextWaveAt: earliest } });
            await recordAudit(tx, {
              actor: SYSTEM,
              action: "rollout.canary_finished",
              targetType: "rollout",
              targetId: rolloutId,
              detail: counts,
            });
            await tellCreator(tx, fresh, "A rollout's canary wave is through: check it, then continue", summary);
            return;
          }
          case "next":
            await tx.rollout.updateMany({ where: guard, data: { currentWave: verdict.nextWave, nextWaveAt: verdict.startsAt } });
            await recordAudit(tx, {
              actor: SYSTEM,
              action: "rollout.wave_finished",
              targetType: "rollout",
              targetId: rolloutId,
              detail: { wave: fresh.currentWave, ...counts },
            });
            return { done: false, runAt: verdict.startsAt };
        }
      });
      // The next wave's owners hear of it now, during the pause or while the canary is being checked.
      if (verdict.kind === "await-continue")
        await warnOwners(ctx, gateway, fresh, verdict.nextWave, new Date(at.getTime() + fresh.pauseMinutes * 60_000), at, false);
      if (verdict.kind === "next") await warnOwners(ctx, gateway, fresh, verdict.nextWave, verdict.startsAt, at, false);
      // Let the inventory catch up with the rebuilt (or migrated) WorkSpaces soon.
      await pokeJob(ctx.db, INVENTORY_SYNC_KEY);
      return outcome;
    },
  };
}
