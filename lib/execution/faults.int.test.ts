import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsGateway } from "@/lib/aws/gateway";
import type { Change } from "@/lib/domain";
import { submitRequest } from "@/lib/services/requests/submit";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";

// A flaky AWS: 30% of calls throttled and 10% answered with a 5xx, on every operation (the describes
// the executor and reconciler make as well as the mutations). Every request must still end SUCCEEDED,
// or FAILED with a reason, and no mutation may be made twice.

const BATCH = 12;
const TERMINAL = ["SUCCEEDED", "FAILED"];
const OP_FOR: Record<string, string> = {
  reboot: "RebootWorkspaces",
  start: "StartWorkspaces",
  stop: "StopWorkspaces",
  computeType: "ModifyWorkspaceProperties",
};
const LARGER: Record<string, string> = { VALUE: "STANDARD", STANDARD: "PERFORMANCE", PERFORMANCE: "POWER", POWER: "POWERPRO" };

describe("executor under sandbox faults", () => {
  let world: TestWorld;
  let changes: Change[];
  let probeWorkspaceId: string;
  beforeAll(async () => {
    // Two sandbox minutes a second: a compute change (15 min) settles in 7.5 s; the cache is synced
    // again just before submitting, so an AutoStop WorkSpace that stopped by itself is not asked to stop.
    world = await createTestWorld({ clockSpeed: 120, fleetSize: 60 });
    const prisma = world.database.prisma;
    const rows = await prisma.workspace.findMany({
      where: {
        region: "us-east-1",
        ownerId: null,
        goneAt: null,
        state: { in: ["AVAILABLE", "STOPPED"] },
        computeType: { in: Object.keys(LARGER) },
      },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    expect(rows).toHaveLength(BATCH);
    probeWorkspaceId = rows[0]!.id;
    // Portal owners for fleet WorkSpaces, so the admin's changes are admin actions (no approval step).
    for (const ws of rows) {
      await prisma.user.create({
        data: {
          email: `${ws.userName}.${ws.id}@fleet.test`,
          name: `Fleet ${ws.userName}`,
          directoryUserName: ws.userName,
          managerId: world.people.bob.id,
        },
      });
    }
    await world.sync();
    // Only changes the WorkSpace's state allows, chosen so an AutoStop timeout cannot overtake them:
    // AlwaysOn ones are rebooted or resized, stopped ones started, running AutoStop ones stopped.
    changes = rows.map((ws, i): Change => {
      if (ws.state === "STOPPED") return { type: "start", workspaceId: ws.id };
      if (ws.runningMode === "AUTO_STOP") return { type: "stop", workspaceId: ws.id };
      return i % 2
        ? { type: "reboot", workspaceId: ws.id }
        : { type: "computeType", workspaceId: ws.id, computeType: LARGER[ws.computeType!] as "STANDARD" };
    });
    expect(new Set(changes.map((c) => c.type)).size).toBeGreaterThanOrEqual(3);
  });
  afterAll(async () => {
    // Clear the faults first, so the workers' last calls finish quickly and close() does not wait on them.
    await setFaults({ throttleRate: 0, errorRate: 0 });
    await world.close();
  });

  it("the injected faults are live: calls fail at about the configured rate", async () => {
    let failed = 0;
    // No retries, so every injected fault shows as a failed call; a client per call, so the SDK's
    // adaptive rate limiter (which slows a client down after throttling) does not stretch the probe.
    const probeOnce = async () => {
      const probe = createAwsGateway({
        regions: ["us-east-1"],
        defaultRegion: "us-east-1",
        endpoints: { workspaces: world.sandbox.url, directoryService: world.sandbox.url },
        credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
        maxAttempts: 1,
      });
      try {
        await probe.region("us-east-1").workspaces.getWorkspaces([probeWorkspaceId]);
      } catch {
        failed += 1;
      } finally {
        probe.destroy();
      }
    };
    await setFaults({ throttleRate: 0.3, errorRate: 0.1 });
    try {
      for (let i = 0; i < 40; i += 1) await probeOnce();
    } finally {
      await setFaults({ throttleRate: 0, errorRate: 0 });
    }
    // 37% expected (0.3 + 0.7 × 0.1), about 15 of 40; the bounds are far enough out not to flake.
    expect(failed).toBeGreaterThanOrEqual(4);
    expect(failed).toBeLessThanOrEqual(30);
  });

  it("with 30% throttling and 10% 5xx every request ends terminal, none twice", async () => {
    const prisma = world.database.prisma;
    const before = (world.sandbox.state() as { mutatingCalls: Record<string, number> }).mutatingCalls;
    const ids: string[] = [];
    // The cache must be fresh: a WorkSpace may have stopped by itself since the world was built.
    await world.sync();
    // Submitted before the faults start (submitting reads the catalog from AWS too); the jobs wait
    // for the executors, which meet the faults on every call.
    for (const change of changes) {
      const result = await submitRequest(world.people.carol, { change, justification: "fleet maintenance" });
      if (!result.ok) throw new Error(`${change.type} refused: ${JSON.stringify(result.reasons)}`);
      expect(result.status).toBe("APPROVED");
      ids.push(result.requestId);
    }
    await setFaults({ throttleRate: 0.3, errorRate: 0.1 });
    const started = Date.now();
    for (const owner of ["flaky-1", "flaky-2"]) world.executor({ owner }).start();
    const finished = await eventually(
      async () => {
        const rows = await prisma.request.findMany({ where: { id: { in: ids } } });
        return rows.every((r) => TERMINAL.includes(r.status)) ? rows : null;
      },
      // Generous for a busy CI machine: with these faults a run here takes 10–25 s.
      90_000,
      "every request to end",
    ).catch(async (error: unknown) => {
      const rows = await prisma.request.findMany({ where: { id: { in: ids } }, select: { type: true, status: true } });
      throw new Error(`${String(error)}: ${JSON.stringify(rows)}`);
    });
    await setFaults({ throttleRate: 0, errorRate: 0 });
    const outcomes = finished.map((r) => `${r.type}=${r.status}`).join(", ");
    console.log(`faults: ${finished.length} requests terminal in ${Date.now() - started} ms: ${outcomes}`);

    for (const r of finished) {
      if (r.status === "FAILED") expect(r.failureReason, r.id).toMatch(/\w/);
      else expect(r.failureReason).toBeNull();
    }
    // No execute job is left waiting or running (a refused call buries its job just after failing the request).
    const jobs = await eventually(
      async () => {
        const rows = await prisma.outboxJob.findMany({ where: { dedupeKey: { in: ids.map((id) => `execute:${id}`) } } });
        return rows.every((j) => j.status !== "PENDING") ? rows : null;
      },
      5_000,
      "execute jobs to settle",
    );
    expect(jobs).toHaveLength(BATCH);
    for (const j of jobs) expect(["DONE", "DEAD"]).toContain(j.status);

    // Per operation: at most one mutation per request, and at least one per request that succeeded.
    const after = (world.sandbox.state() as { mutatingCalls: Record<string, number> }).mutatingCalls;
    for (const [type, op] of Object.entries(OP_FOR)) {
      const ofType = finished.filter((r) => r.type === type);
      const made = (after[op] ?? 0) - (before[op] ?? 0);
      expect(made, op).toBeLessThanOrEqual(ofType.length);
      expect(made, op).toBeGreaterThanOrEqual(ofType.filter((r) => r.status === "SUCCEEDED").length);
    }
    const total = Object.values(after).reduce((a, b) => a + b, 0) - Object.values(before).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(BATCH);
    // Retries absorb faults at this rate; a run where most requests failed would mean they do not.
    expect(finished.filter((r) => r.status === "SUCCEEDED").length).toBeGreaterThanOrEqual(BATCH - 2);
  }, 120_000);

  async function setFaults(faults: { throttleRate: number; errorRate: number }) {
    const res = await fetch(`${world.sandbox.url}/__sandbox/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Sandbox-Token": world.sandbox.controlToken },
      body: JSON.stringify(faults),
    });
    expect(res.ok).toBe(true);
  }
});
