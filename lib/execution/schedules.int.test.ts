import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient, type OutboxJob } from "@/lib/generated/prisma/client";
import { submitRequest } from "@/lib/services/requests/submit";
import { postgresTier } from "@/test/db";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";

// Several worker processes on one PostgreSQL: each schedule is one outbox row, claimed under a fenced
// lease, so it runs once per interval across all workers, never once per worker. Two executors with a
// database client each stand in for two processes. PostgreSQL only: PGlite has one connection, so two
// "processes" on it would prove nothing.

const INTERVAL_MS = 1000;
const RUN_MS = 7000;

describe.skipIf(!postgresTier())("schedules across two workers", () => {
  let world: TestWorld;
  let second: PrismaClient;
  beforeAll(async () => {
    world = await createTestWorld({ fleetSize: 10 });
    second = new PrismaClient({ adapter: new PrismaPg({ connectionString: world.database.url! }) });
  });
  afterAll(async () => {
    await second?.$disconnect();
    await world?.close();
  });

  it("run once per interval in total, and an approved request is executed once", async () => {
    const prisma = world.database.prisma;
    const runs: { kind: string; owner: string; at: number }[] = [];
    const witness = (owner: string) => (point: string, job: OutboxJob) => {
      if (point === "job:before-complete") runs.push({ kind: job.kind, owner, at: Date.now() });
    };
    const executed: string[] = [];
    const executions = (owner: string) => (point: string, job: OutboxJob) => {
      witness(owner)(point, job);
      if (point === "execute:before-aws") executed.push(`${owner}:${job.id}`);
    };
    const settings = { inventorySyncMs: INTERVAL_MS, leaseMs: 5000, pollMs: 50 };
    const a = world.executor({ ...settings, owner: "worker-a", db: prisma, checkpoint: executions("worker-a") });
    const b = world.executor({ ...settings, owner: "worker-b", db: second, checkpoint: executions("worker-b") });

    const mutations = world.sandbox.mutationCount();
    const started = Date.now();
    a.start();
    b.start();
    // An admin's reboot is approved at once; both workers are polling for it.
    const asked = await submitRequest(world.people.carol, {
      change: { type: "reboot", workspaceId: (await prisma.workspace.findFirstOrThrow({ where: { region: "us-east-1" } })).id },
      justification: "two workers",
    });
    if (!asked.ok) throw new Error(JSON.stringify(asked.reasons));
    await eventually(async () => {
      const r = await prisma.request.findUniqueOrThrow({ where: { id: asked.requestId } });
      return r.status === "SUCCEEDED";
    });
    await new Promise((r) => setTimeout(r, Math.max(0, RUN_MS - (Date.now() - started))));
    await Promise.all([a.stop(), b.stop()]);
    const elapsed = Date.now() - started;

    // The request: one AWS call from one worker, one mutation in the sandbox.
    expect(executed).toHaveLength(1);
    expect(world.sandbox.mutationCount() - mutations).toBe(1);

    // The inventory sync: once per interval across both workers, one run at a time.
    const syncs = runs.filter((r) => r.kind === "inventory.sync");
    const perInterval = Math.floor(elapsed / INTERVAL_MS);
    // It recurs; the next run is due an interval after the last one ended, so a sync's own time (longer on
    // a loaded machine) stretches the period, and only the upper bound and the gaps are exact.
    expect(syncs.length).toBeGreaterThanOrEqual(2);
    expect(syncs.length).toBeLessThanOrEqual(perInterval + 1); // once per worker would be about twice this
    for (let i = 1; i < syncs.length; i++) expect(syncs[i]!.at - syncs[i - 1]!.at).toBeGreaterThanOrEqual(INTERVAL_MS - 50);
    const owners = new Set(syncs.map((s) => s.owner));
    console.log(
      `[schedules] ${syncs.length} inventory syncs in ${elapsed} ms at a ${INTERVAL_MS} ms interval, ` +
        `run by ${[...owners].join(" and ")}: ${syncs.map((s) => s.owner.slice(-1)).join("")}`,
    );

    // The approval timeouts check (every minute): once in these seconds, though two workers poll.
    expect(runs.filter((r) => r.kind === "approvals.timeouts")).toHaveLength(1);
    // Still one row per schedule.
    expect(await prisma.outboxJob.count({ where: { dedupeKey: { startsWith: "recurring:" } } })).toBe(7);
  }, 60_000);
});
