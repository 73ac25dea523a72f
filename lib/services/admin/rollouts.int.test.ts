import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboxJob } from "@/lib/generated/prisma/client";
import { SimulatedCrash, type Worker } from "@/lib/execution/worker";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { getRollout } from "@/lib/queries/admin-rollouts";
import { continueRollout, retryRolloutFailures, startRollout, stopRollout } from "./rollouts";

// Staged rollouts end to end on PGlite and the sandbox: waves, the canary's wait for Continue, the automatic
// stop, Retry failed items, the owners' warnings, and a crash between the AWS call and its record.

const REGION = "us-east-1";
let world: TestWorld;
let worker: Worker;
let customBundleId: string;
let currentImageId: string;
let nextImageId: string;
const admin = () => ({ id: world.people.carol.id });
const prisma = () => world.database.prisma;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function injectFailure(operation: string, code: string) {
  const res = await fetch(`${world.sandbox.url}/__sandbox/faults`, {
    method: "POST",
    headers: { "X-Sandbox-Token": world.sandbox.controlToken },
    body: JSON.stringify({ failNext: { operation, code } }),
  });
  expect(res.ok).toBe(true);
}

/** Runs the executor and moves the sandbox's frozen clock on an hour at a time until `done` holds. */
async function settle(done: () => Promise<boolean>, what: string, rounds = 30) {
  for (let i = 0; i < rounds; i++) {
    await worker.drain();
    if (await done()) return;
    world.sandbox.advance(61);
    await sleep(250);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const rollout = (id: string) => prisma().rollout.findUniqueOrThrow({ where: { id } });
const items = (rolloutId: string) =>
  prisma().rolloutItem.findMany({ where: { rolloutId }, orderBy: [{ wave: "asc" }, { workspaceId: "asc" }] });
const calls = (operation: string, since: number, ok = true) =>
  world.calls.slice(since).filter((c) => c.operation === operation && (!ok || !c.error)).length;

beforeAll(async () => {
  // Frozen sandbox time, moved on by the tests: nothing finishes before they look.
  world = await createTestWorld({ fleetSize: 60, clockSpeed: 0 });
  worker = world.executor({ rolloutPollMs: 200, leaseMs: 10_000 });
  const gw = world.gateway.region(REGION);
  const [bundles, images] = await Promise.all([gw.bundles.describeBundles({ owner: "all" }), gw.bundles.describeImages()]);
  const custom = bundles.find((b) => b.name === "Corp-Standard-Win10")!;
  customBundleId = custom.bundleId;
  currentImageId = custom.imageId!;
  nextImageId = images.find((i) => i.name === "corp-win10-2026")!.imageId;
}, 60_000);
afterAll(() => world.close());

describe("staged rollouts", () => {
  it("migrates WorkSpaces onto a custom bundle: the canary, a wait for Continue, then the rest; owners are warned", async () => {
    // A public Windows bundle whose WorkSpaces AWS will all accept for a migration (AVAILABLE or STOPPED).
    const gw = world.gateway.region(REGION);
    const bundles = await gw.bundles.describeBundles({ owner: "all" });
    const windowsPublic = bundles.filter((b) => b.owner === "AMAZON" && !/linux/i.test(b.name)).map((b) => b.bundleId);
    const listed = await gw.workspaces.listWorkspaces();
    const fit = windowsPublic
      .map((bundleId) => listed.filter((w) => w.bundleId === bundleId))
      // Generated employees' WorkSpaces only: the demo people's have owners of their own.
      .filter(
        (on) => on.length >= 3 && on.every((w) => ["AVAILABLE", "STOPPED"].includes(w.state) && /^(emp|ctr|lab)\d+$/.test(w.userName)),
      )
      .sort((a, b) => b.length - a.length)[0]!;
    expect(fit).toBeDefined();
    const source = { bundleId: fit[0]!.bundleId };
    const moving = fit.map((w) => ({ id: w.workspaceId })).sort((a, b) => a.id.localeCompare(b.id));
    // The canary's first WorkSpace belongs to Alice, so her warning can be read.
    await prisma().workspace.update({ where: { id: moving[0]!.id }, data: { ownerId: world.people.alice.id } });
    await prisma().workspace.update({ where: { id: moving[2]!.id }, data: { ownerId: world.people.erin.id } });

    await expect(
      startRollout(
        { id: world.people.alice.id },
        {
          region: REGION,
          bundleId: customBundleId,
          imageId: currentImageId,
          method: "migrate",
          sourceBundleId: source.bundleId,
          canarySize: 2,
          pauseMinutes: 0,
          failureThresholdPercent: 50,
          confirmed: true,
        },
      ),
    ).rejects.toThrow("Only admins");

    const since = world.calls.length;
    const { rolloutId } = await startRollout(admin(), {
      region: REGION,
      bundleId: customBundleId,
      imageId: currentImageId,
      method: "migrate",
      sourceBundleId: source.bundleId,
      canarySize: 2,
      pauseMinutes: 0,
      failureThresholdPercent: 50,
      confirmed: true,
    });
    // The bundle already had the image: no update.
    expect(calls("UpdateWorkspaceBundle", since, false)).toBe(0);
    const planned = await items(rolloutId);
    expect(planned.map((i) => i.wave)).toEqual(moving.map((_, index) => (index < 2 ? 0 : 1)));

    await settle(async () => (await rollout(rolloutId)).status === "WAITING_FOR_CONTINUE", "the canary");
    const afterCanary = await items(rolloutId);
    expect(afterCanary.filter((i) => i.wave === 0).map((i) => i.status)).toEqual(["DONE", "DONE"]);
    expect(afterCanary.filter((i) => i.wave === 1).every((i) => i.status === "PENDING")).toBe(true);
    for (const item of afterCanary.filter((i) => i.wave === 0)) {
      expect(item.awsRequestId).toBeTruthy();
      expect(item.resultWorkspaceId).toMatch(/^ws-/);
    }
    expect(calls("MigrateWorkspace", since)).toBe(2);
    // Each warned WorkSpace (the canary's, and wave 1's told when the canary was through) keeps the newest
    // snapshot AWS held of its user volume, one DescribeWorkspaceSnapshots each.
    expect(afterCanary.every((i) => i.warnedAt && i.lastSnapshotAt)).toBe(true);
    // The canary's WorkSpaces moved to new ids; wave 1's are still there to ask.
    for (const item of afterCanary.filter((i) => i.wave === 1)) {
      const times = await gw.workspaces.describeSnapshots(item.workspaceId);
      const newest = [...times.rebuild, ...times.restore].sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
      expect(newest).not.toBeNull();
      expect(item.lastSnapshotAt?.toISOString()).toBe(newest?.toISOString());
    }
    expect(calls("DescribeWorkspaceSnapshots", since)).toBeGreaterThanOrEqual(afterCanary.length);
    // The rollout's page shows each item's stored time, without asking AWS again.
    const beforePage = world.calls.length;
    const page = await getRollout(rolloutId);
    const shown = page!.waves.flatMap((w) => w.items.map((i) => [i.workspaceId, i.lastSnapshotAt?.toISOString()]));
    expect(shown).toEqual(afterCanary.map((i) => [i.workspaceId, i.lastSnapshotAt?.toISOString()]));
    expect(calls("DescribeWorkspaceSnapshots", beforePage, false)).toBe(0);
    // Alice was told before the canary; Erin (wave 1) when the canary was through, before her wave.
    const warned = await prisma().notification.findMany({ where: { kind: "rollout.warned" } });
    expect(warned.map((n) => n.userId).sort()).toEqual([world.people.alice.id, world.people.erin.id].sort());
    expect(warned.find((n) => n.userId === world.people.alice.id)?.body).toMatch(/moved to the bundle Corp-Standard-Win10/);
    expect(await prisma().mailMessage.count({ where: { subject: { contains: "moves to Corp-Standard-Win10" } } })).toBe(2);
    const creatorTold = await prisma().notification.findFirst({ where: { userId: world.people.carol.id, kind: "rollout.progress" } });
    expect(creatorTold?.title).toMatch(/canary wave is through/);

    // Nothing more happens without Continue.
    world.sandbox.advance(120);
    await worker.drain();
    expect(calls("MigrateWorkspace", since)).toBe(2);

    await continueRollout(admin(), { rolloutId });
    await settle(async () => (await rollout(rolloutId)).status === "FINISHED", "the last wave");
    const done = await items(rolloutId);
    expect(done.every((i) => i.status === "DONE")).toBe(true);
    // One MigrateWorkspace per WorkSpace, no more.
    expect(calls("MigrateWorkspace", since)).toBe(moving.length);
    const audit = await prisma().auditEvent.findMany({ where: { targetId: rolloutId }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "rollout.started",
        "aws.MigrateWorkspace",
        "rollout.canary_finished",
        "rollout.continued",
        "rollout.finished",
      ]),
    );
    for (const a of audit.filter((e) => e.action === "aws.MigrateWorkspace")) expect(a.awsRequestIds.length).toBeGreaterThan(0);
    await expect(continueRollout(admin(), { rolloutId })).rejects.toThrow("not waiting for Continue");
  }, 120_000);

  it("rebuilds with a new image: the bundle is updated, a canary with too many failures stops, Retry finishes it", async () => {
    await world.sync();
    const onBundle = (await world.gateway.region(REGION).workspaces.listWorkspaces({ bundleId: customBundleId })).filter(
      (w) => w.state !== "TERMINATED",
    );
    expect(onBundle.length).toBeGreaterThanOrEqual(3);
    await injectFailure("RebuildWorkspaces", "InvalidResourceStateException");
    const since = world.calls.length;
    const { rolloutId } = await startRollout(admin(), {
      region: REGION,
      bundleId: customBundleId,
      imageId: nextImageId,
      method: "rebuild",
      canarySize: 2,
      pauseMinutes: 0,
      failureThresholdPercent: 20,
      confirmed: true,
    });
    const [bundle] = await world.gateway.region(REGION).bundles.describeBundles({ bundleIds: [customBundleId] });
    expect(bundle?.imageId).toBe(nextImageId);
    const update = await prisma().auditEvent.findFirstOrThrow({ where: { action: "bundle.image_updated", targetId: customBundleId } });
    expect(update.awsRequestIds).toHaveLength(1);

    await settle(async () => (await rollout(rolloutId)).status === "STOPPED", "the automatic stop");
    const stopped = await rollout(rolloutId);
    expect(stopped.stoppedReason).toMatch(/1 of 2 WorkSpaces in the canary wave failed, more than the 20%/);
    const canary = (await items(rolloutId)).filter((i) => i.wave === 0);
    expect(canary.map((i) => i.status).sort()).toEqual(["DONE", "FAILED"]);
    expect(canary.find((i) => i.status === "FAILED")?.reason).toBeTruthy();
    // The next wave was never sent.
    expect((await items(rolloutId)).filter((i) => i.wave === 1).every((i) => i.status === "PENDING")).toBe(true);
    expect(await prisma().auditEvent.count({ where: { targetId: rolloutId, action: "rollout.stopped_automatically" } })).toBe(1);

    await expect(retryRolloutFailures({ id: world.people.bob.id }, { rolloutId })).rejects.toThrow("Only admins");
    expect(await retryRolloutFailures(admin(), { rolloutId })).toEqual({ retried: 1 });
    await settle(async () => (await rollout(rolloutId)).status === "WAITING_FOR_CONTINUE", "the retried canary");
    await continueRollout(admin(), { rolloutId });
    await settle(async () => (await rollout(rolloutId)).status === "FINISHED", "the rest");
    expect((await items(rolloutId)).every((i) => i.status === "DONE")).toBe(true);
    // One accepted RebuildWorkspaces per WorkSpace (the refused one was a call AWS turned down).
    expect(calls("RebuildWorkspaces", since)).toBe(onBundle.length);
  }, 120_000);

  it("an admin's Stop sends nothing more; the WorkSpaces under way are followed to their end", async () => {
    const { rolloutId } = await startRollout(admin(), {
      region: REGION,
      bundleId: customBundleId,
      imageId: nextImageId,
      method: "rebuild",
      canarySize: 1,
      pauseMinutes: 0,
      failureThresholdPercent: 100,
      confirmed: true,
    });
    await worker.drain();
    expect((await items(rolloutId))[0]?.status).toBe("IN_PROGRESS");
    await stopRollout(admin(), { rolloutId });
    await settle(async () => (await items(rolloutId))[0]?.status === "DONE", "the canary's end");
    const after = await rollout(rolloutId);
    expect(after.status).toBe("STOPPED");
    expect(after.stoppedReason).toMatch(/stopped the rollout/);
    expect((await items(rolloutId)).slice(1).every((i) => i.status === "PENDING")).toBe(true);
  }, 120_000);

  it("survives a crash between the AWS call and its record: the takeover finds the rebuild in AWS and does not call again", async () => {
    const since = world.calls.length;
    const { rolloutId } = await startRollout(admin(), {
      region: REGION,
      bundleId: customBundleId,
      imageId: nextImageId,
      method: "rebuild",
      canarySize: 2,
      pauseMinutes: 0,
      failureThresholdPercent: 100,
      confirmed: true,
    });
    let crashed = false;
    const doomed = world.executor({
      owner: "doomed-rollout",
      leaseMs: 2_000,
      rolloutPollMs: 200,
      checkpoint: (point: string, job: OutboxJob) => {
        if (point !== "rollout:after-aws" || job.kind !== "rollout.run" || crashed) return;
        crashed = true;
        void doomed.stop();
        throw new SimulatedCrash("died before recording the rebuilds");
      },
    });
    doomed.start();
    await eventually(async () => crashed, 20_000, "the crash");
    await doomed.stop();
    expect(calls("RebuildWorkspaces", since)).toBe(2);
    const held = await items(rolloutId);
    expect(held.filter((i) => i.wave === 0).every((i) => i.status === "PENDING" && i.awsCalledAt)).toBe(true);

    // The lease runs out; the rescuer takes the job over.
    await sleep(2_200);
    await settle(async () => (await rollout(rolloutId)).status === "WAITING_FOR_CONTINUE", "the takeover");
    expect(calls("RebuildWorkspaces", since)).toBe(2);
    await continueRollout(admin(), { rolloutId });
    await settle(async () => (await rollout(rolloutId)).status === "FINISHED", "the rest");
    expect(calls("RebuildWorkspaces", since)).toBe((await items(rolloutId)).length);
  }, 120_000);

  it("refuses a second rollout of a bundle while one is under way, and an image that is not available", async () => {
    const base = {
      region: REGION,
      bundleId: customBundleId,
      method: "rebuild" as const,
      canarySize: 1,
      pauseMinutes: 60,
      failureThresholdPercent: 0,
      confirmed: true as const,
    };
    await expect(startRollout(admin(), { ...base, imageId: "wsi-zz0000000" })).rejects.toThrow("not available");
    const { rolloutId } = await startRollout(admin(), { ...base, imageId: nextImageId });
    await expect(startRollout(admin(), { ...base, imageId: nextImageId })).rejects.toThrow("still under way");
    await stopRollout(admin(), { rolloutId });
  }, 60_000);

  it("fails a WorkSpace that does not come back within the reconcile timeout, and the wave's failure limit stops the rollout", async () => {
    // The sandbox's clock stays frozen, so the rebuilt WorkSpace stays REBUILDING; the executor allows it 4 s.
    const impatient = world.executor({ owner: "impatient-rollout", rolloutPollMs: 200, leaseMs: 10_000, reconcileTimeoutMs: 4_000 });
    const { rolloutId } = await startRollout(admin(), {
      region: REGION,
      bundleId: customBundleId,
      imageId: nextImageId,
      method: "rebuild",
      canarySize: 1,
      pauseMinutes: 0,
      failureThresholdPercent: 0,
      confirmed: true,
    });
    await impatient.drain();
    const [first] = await items(rolloutId);
    expect(first?.status).toBe("IN_PROGRESS");
    expect((await world.gateway.region(REGION).workspaces.getWorkspaces([first!.workspaceId])).workspaces[0]?.state).toBe("REBUILDING");

    await sleep(4_200);
    await impatient.drain();
    const [stuck] = await items(rolloutId);
    expect(stuck?.status).toBe("FAILED");
    expect(stuck?.code).toBe("timeout");
    expect(stuck?.reason).toMatch(/did not come back within 1 minute; check it in the fleet/);
    const stopped = await rollout(rolloutId);
    expect(stopped.status).toBe("STOPPED");
    expect(stopped.stoppedReason).toMatch(/1 of 1 WorkSpaces in the canary wave failed, more than the 0%/);
    expect((await items(rolloutId)).slice(1).every((i) => i.status === "PENDING")).toBe(true);
  }, 60_000);
});
