import { afterAll, beforeAll, expect, it } from "vitest";
import type { Worker } from "@/lib/execution/worker";
import { createTestWorld, type TestWorld } from "@/test/world";
import { startRollout } from "./rollouts";

// A rollout's rebuild whose answer is lost: the SDK does not resend a rebuild (lib/aws/clients.ts), so the rollout
// keeps the WorkSpace pending and asks AWS on its next pass instead of failing it. A WorkSpace rebuilt twice would
// still have the new image; one failed for a lost answer would need an admin's retry.

const REGION = "us-east-1";
let world: TestWorld;
let worker: Worker;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  // Answers time out after 2 s here, and the sandbox's clock is frozen: a rebuild stays REBUILDING until moved on.
  world = await createTestWorld({ fleetSize: 60, clockSpeed: 0, gatewayTimeoutMs: 2_000 });
  worker = world.executor({ rolloutPollMs: 200, leaseMs: 20_000 });
}, 60_000);
afterAll(() => world.close());

it("keeps a WorkSpace whose rebuild went unanswered pending, finds the rebuild in AWS, and finishes it", async () => {
  await world.sync();
  const gw = world.gateway.region(REGION);
  const [bundles, images, fleet] = await Promise.all([
    gw.bundles.describeBundles({ owner: "all" }),
    gw.bundles.describeImages(),
    gw.workspaces.listWorkspaces(),
  ]);
  // A custom bundle, with one WorkSpace migrated onto it straight through AWS, and another image for it to take.
  const bundle = bundles.find((b) => b.name === "Corp-Standard-Win10")!;
  const bundleId = bundle.bundleId;
  const imageId = images.find((i) => i.name === "corp-win10-2026")!.imageId;
  const source = fleet.find((w) => w.state === "AVAILABLE" && w.computeType === "STANDARD" && w.runningMode === "ALWAYS_ON")!;
  await gw.workspaces.migrate(source.workspaceId, bundleId);
  for (let i = 0; i < 10; i++) {
    world.sandbox.advance(61);
    const onBundle = await gw.workspaces.listWorkspaces({ bundleId });
    if (onBundle.some((w) => w.state === "AVAILABLE")) break;
  }
  await world.sync();
  await world.setFaults({ slowNext: { operation: "RebuildWorkspaces", ms: 3_000 } });
  const since = world.calls.length;
  const { rolloutId } = await startRollout(
    { id: world.people.carol.id },
    { region: REGION, bundleId, imageId, method: "rebuild", canarySize: 1, pauseMinutes: 0, failureThresholdPercent: 0, confirmed: true },
  );
  await worker.drain();
  await sleep(1_500); // the held-back answer's call has landed in the sandbox by now
  await worker.drain();

  const [canary] = await world.database.prisma.rolloutItem.findMany({ where: { rolloutId, wave: 0 } });
  expect(canary).toMatchObject({ status: "IN_PROGRESS", reason: null });
  expect((await gw.workspaces.getWorkspace(canary!.workspaceId))?.state).toBe("REBUILDING");
  const rebuilds = world.calls.slice(since).filter((c) => c.operation === "RebuildWorkspaces");
  // The first call's answer was lost; at most one more was accepted (AWS refuses a rebuild while one is under way).
  expect(rebuilds[0]?.error).toBe("OutcomeUnknown");
  expect(rebuilds.filter((c) => !c.error).length).toBeLessThanOrEqual(1);
  const audit = await world.database.prisma.auditEvent.findFirstOrThrow({
    where: { targetId: rolloutId, action: "aws.RebuildWorkspaces" },
    orderBy: { id: "asc" },
  });
  expect(audit.detail).toMatchObject({ unanswered: [canary!.workspaceId], failed: [] });

  world.sandbox.advance(61);
  await worker.drain();
  for (
    let i = 0;
    i < 20 && (await world.database.prisma.rollout.findUniqueOrThrow({ where: { id: rolloutId } })).status !== "WAITING_FOR_CONTINUE";
    i++
  ) {
    world.sandbox.advance(61);
    await sleep(250);
    await worker.drain();
  }
  expect(await world.database.prisma.rolloutItem.findFirstOrThrow({ where: { rolloutId, wave: 0 } })).toMatchObject({ status: "DONE" });
}, 120_000);
