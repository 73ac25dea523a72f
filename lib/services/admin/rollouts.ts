import "server-only";
import type { z } from "zod";
import { getAwsGateway } from "../../aws";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { refreshCatalog } from "../../core/catalog";
import { notFound, ServiceError } from "../../core/errors";
import { enqueueJob, INVENTORY_SYNC_KEY, pokeJob } from "../../core/outbox";
import { kickExecutor } from "../../core/signal";
import type { Tx } from "../../core/tx";
import { ownerIndex } from "../../core/workspace-cache";
import { canContinue, canRetryFailures, canStop, MAX_WAVE_SIZE, planWaves, type RolloutStatus } from "../../domain/rollout";
import { rolloutRef, startRolloutInput } from "../../schemas/rollouts";
import { callAws, parseInput, requireAdmin, type AdminCaller } from "./guard";

// Staged rollouts of a bundle's image. The service records the rollout and its waves and hands it to the
// executor's rollout.run job (lib/execution/handlers/rollout.ts), which carries every WorkSpace's change
// out through the change-type registry. Continue, Stop and Retry change the stored state and, where work
// follows, queue the job again under a new generation, so an older job that is still around ends without acting.

export const ROLLOUT_JOB_KIND = "rollout.run";

export const rolloutJobKey = (rolloutId: string, generation: number) => `rollout:${rolloutId}:${generation}`;

async function enqueueRolloutJob(tx: Tx, rolloutId: string, generation: number, runAt?: Date) {
  await enqueueJob(tx, {
    kind: ROLLOUT_JOB_KIND,
    payload: { rolloutId, generation },
    dedupeKey: rolloutJobKey(rolloutId, generation),
    runAt,
    maxAttempts: 20,
  });
}

const ACTIVE: RolloutStatus[] = ["RUNNING", "WAITING_FOR_CONTINUE"];

/**
 * Points the bundle at the image (when it is not already) and starts a staged rollout to the WorkSpaces the
 * inventory knows on it (or, for a migration, on the source bundle). AWS's refusal of the bundle update
 * stops it before anything is recorded.
 */
export async function startRollout(caller: AdminCaller, raw: z.input<typeof startRolloutInput>): Promise<{ rolloutId: string }> {
  const actor = await requireAdmin(caller);
  const input = parseInput(startRolloutInput, raw);
  const gw = getAwsGateway().region(input.region);
  const fromBundle = input.method === "migrate" ? input.sourceBundleId! : input.bundleId;

  const busy = await db().rollout.findFirst({
    where: { region: input.region, bundleId: input.bundleId, status: { in: ACTIVE } },
    select: { id: true },
  });
  if (busy) throw new ServiceError("conflict", "A rollout of this bundle is still under way; finish or stop it first.");

  // AWS's own answer, not the cache: a WorkSpace created on the bundle since the last sync is in the rollout too.
  const listed = (await gw.workspaces.listWorkspaces({ bundleId: fromBundle }))
    .filter((w) => !["TERMINATED", "TERMINATING"].includes(w.state))
    .sort((a, b) => a.workspaceId.localeCompare(b.workspaceId));
  if (!listed.length)
    throw new ServiceError(
      "invalid",
      input.method === "migrate"
        ? "No WorkSpace uses the bundle to migrate from."
        : "No WorkSpace uses this bundle, so there is nothing to roll out.",
    );
  const [cached, owners] = await Promise.all([
    db().workspace.findMany({ where: { id: { in: listed.map((w) => w.workspaceId) } }, select: { id: true, ownerId: true } }),
    ownerIndex(db()),
  ]);
  const cachedOwner = new Map(cached.map((w) => [w.id, w.ownerId]));
  const workspaces = listed.map((w) => ({
    id: w.workspaceId,
    ownerId: cachedOwner.get(w.workspaceId) ?? owners.ownerOf(w.directoryId, w.userName) ?? null,
  }));

  const [[bundle], images] = await Promise.all([gw.bundles.describeBundles({ bundleIds: [input.bundleId] }), gw.bundles.describeImages()]);
  if (!bundle) throw notFound("That bundle");
  if (bundle.owner === "AMAZON")
    throw new ServiceError("refused", "Amazon's public bundles cannot be given another image; roll out a custom bundle.");
  const image = images.find((i) => i.imageId === input.imageId);
  if (!image || image.state !== "AVAILABLE")
    throw new ServiceError("invalid", "That image is not available in this account; choose one whose state is Available.", [
      { code: "imageId", message: "Choose an available image." },
    ]);

  const previousImageId = bundle.imageId ?? null;
  if (previousImageId !== input.imageId) {
    const out = await callAws(
      actor,
      {
        action: "bundle.update_image",
        targetType: "bundle",
        targetId: input.bundleId,
        detail: { region: input.region, imageId: input.imageId },
      },
      () => gw.bundles.updateBundle(input.bundleId, input.imageId),
    );
    await recordAudit(db(), {
      actor,
      action: "bundle.image_updated",
      targetType: "bundle",
      targetId: input.bundleId,
      before: { imageId: previousImageId },
      after: { imageId: input.imageId },
      awsRequestIds: [out.requestId],
      detail: { region: input.region },
    });
    refreshCatalog();
  }

  const waves = planWaves(workspaces, input.canarySize, MAX_WAVE_SIZE);
  const now = new Date();
  const rolloutId = await db().$transaction(async (tx) => {
    const rollout = await tx.rollout.create({
      data: {
        region: input.region,
        bundleId: input.bundleId,
        imageId: input.imageId,
        previousImageId,
        method: input.method,
        sourceBundleId: input.method === "migrate" ? fromBundle : null,
        canarySize: input.canarySize,
        waveSize: MAX_WAVE_SIZE,
        pauseMinutes: input.pauseMinutes,
        failureThresholdPercent: input.failureThresholdPercent,
        status: "RUNNING",
        waveCount: waves.length,
        nextWaveAt: now,
        createdById: actor.id,
        createdBy: actor.name,
      },
    });
    await tx.rolloutItem.createMany({
      data: waves.flatMap((wave, index) =>
        wave.map((w) => ({ rolloutId: rollout.id, workspaceId: w.id, region: input.region, wave: index, ownerId: w.ownerId })),
      ),
    });
    await recordAudit(tx, {
      actor,
      action: "rollout.started",
      targetType: "rollout",
      targetId: rollout.id,
      after: {
        bundleId: input.bundleId,
        imageId: input.imageId,
        method: input.method,
        sourceBundleId: input.method === "migrate" ? fromBundle : undefined,
        canarySize: input.canarySize,
        pauseMinutes: input.pauseMinutes,
        failureThresholdPercent: input.failureThresholdPercent,
        workspaces: workspaces.length,
        waves: waves.length,
      },
    });
    await enqueueRolloutJob(tx, rollout.id, 0);
    // WorkSpaces AWS lists that the inventory does not know yet get their names on the pages soon.
    if (cached.length < listed.length) await pokeJob(tx, INVENTORY_SYNC_KEY);
    return rollout.id;
  });
  kickExecutor();
  return { rolloutId };
}

async function loadForChange(tx: Tx, rolloutId: string) {
  const rollout = await tx.rollout.findUnique({ where: { id: rolloutId } });
  if (!rollout) throw notFound("That rollout");
  return { ...rollout, status: rollout.status as RolloutStatus };
}

/** After the canary: the next wave starts once the pause since the canary's end has passed. */
export async function continueRollout(caller: AdminCaller, raw: z.input<typeof rolloutRef>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { rolloutId } = parseInput(rolloutRef, raw);
  await db().$transaction(async (tx) => {
    const rollout = await loadForChange(tx, rolloutId);
    if (!canContinue(rollout.status)) throw new ServiceError("conflict", "This rollout is not waiting for Continue.");
    const now = new Date();
    const startsAt = rollout.nextWaveAt && rollout.nextWaveAt > now ? rollout.nextWaveAt : now;
    const generation = rollout.generation + 1;
    const { count } = await tx.rollout.updateMany({
      where: { id: rolloutId, status: "WAITING_FOR_CONTINUE", generation: rollout.generation },
      data: { status: "RUNNING", currentWave: 1, nextWaveAt: startsAt, generation },
    });
    if (count !== 1) throw new ServiceError("conflict", "This rollout changed meanwhile; reload the page.");
    await recordAudit(tx, { actor, action: "rollout.continued", targetType: "rollout", targetId: rolloutId, after: { startsAt } });
    await enqueueRolloutJob(tx, rolloutId, generation, startsAt);
  });
  kickExecutor();
}

/** No further WorkSpace is sent to AWS; the ones already under way are followed to their end. */
export async function stopRollout(caller: AdminCaller, raw: z.input<typeof rolloutRef>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { rolloutId } = parseInput(rolloutRef, raw);
  await db().$transaction(async (tx) => {
    const rollout = await loadForChange(tx, rolloutId);
    if (!canStop(rollout.status)) throw new ServiceError("conflict", "This rollout has already ended.");
    const { count } = await tx.rollout.updateMany({
      where: { id: rolloutId, status: rollout.status },
      data: { status: "STOPPED", stoppedReason: `${actor.name} stopped the rollout.` },
    });
    if (count !== 1) throw new ServiceError("conflict", "This rollout changed meanwhile; reload the page.");
    await recordAudit(tx, {
      actor,
      action: "rollout.stopped",
      targetType: "rollout",
      targetId: rolloutId,
      before: { status: rollout.status },
    });
  });
  kickExecutor();
}

/**
 * Puts the failed WorkSpaces of the waves done so far back to pending and runs them again. Once they are
 * through, the rollout goes on as after the wave it stopped at: Continue after the canary, the next wave
 * otherwise, or its end.
 */
export async function retryRolloutFailures(caller: AdminCaller, raw: z.input<typeof rolloutRef>): Promise<{ retried: number }> {
  const actor = await requireAdmin(caller);
  const { rolloutId } = parseInput(rolloutRef, raw);
  const retried = await db().$transaction(async (tx) => {
    const rollout = await loadForChange(tx, rolloutId);
    const [failed, inProgress] = await Promise.all([
      tx.rolloutItem.findMany({ where: { rolloutId, status: "FAILED" }, select: { workspaceId: true } }),
      tx.rolloutItem.count({ where: { rolloutId, status: "IN_PROGRESS" } }),
    ]);
    if (!canRetryFailures(rollout.status, { failed: failed.length, inProgress })) {
      throw new ServiceError(
        "conflict",
        failed.length
          ? "WorkSpaces of this rollout are still under way; retry its failures once they are through."
          : "No WorkSpace of this rollout failed.",
      );
    }
    const generation = rollout.generation + 1;
    const { count } = await tx.rollout.updateMany({
      where: { id: rolloutId, status: rollout.status, generation: rollout.generation },
      data: { status: "RUNNING", stoppedReason: null, finishedAt: null, nextWaveAt: new Date(), generation },
    });
    if (count !== 1) throw new ServiceError("conflict", "This rollout changed meanwhile; reload the page.");
    await tx.rolloutItem.updateMany({
      where: { rolloutId, status: "FAILED" },
      data: { status: "PENDING", reason: null, code: null, awsCalledAt: null, sawTransition: false, finishedAt: null },
    });
    await recordAudit(tx, {
      actor,
      action: "rollout.retried",
      targetType: "rollout",
      targetId: rolloutId,
      after: { workspaceIds: failed.map((f) => f.workspaceId) },
    });
    await enqueueRolloutJob(tx, rolloutId, generation);
    return failed.length;
  });
  kickExecutor();
  return { retried };
}
