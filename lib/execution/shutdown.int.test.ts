import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueJob } from "@/lib/core/outbox";
import { kickExecutor } from "@/lib/core/signal";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { claimJobs } from "./queue";
import { Worker, type JobHandler } from "./worker";

// A worker told to stop (SIGTERM): it claims nothing more at once, lets the jobs it runs finish within the
// grace, and hands back the ones that overrun so another worker takes them at once, not after the lease.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The handlers stand in for real ones under two existing job kinds: one quick, one that overruns the grace.
describe("stopping a worker with a grace period", () => {
  let database: TestDatabase;
  const writes: string[] = [];
  const handlers: Record<string, JobHandler> = {
    // Finishes well inside the grace.
    "mail.send": {
      async run(job) {
        await sleep(300);
        writes.push(`quick:${job.id}`);
      },
    },
    // Runs until its lease is taken from it, then tries one fenced write, which must not happen.
    "bulk.execute": {
      async run(job, ctx) {
        await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
        await ctx.fenced(async () => void writes.push(`slow:${job.id}`));
      },
    },
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("finishes the job in flight, releases the one that overruns, and claims nothing after stop", async () => {
    const prisma = database.prisma;
    await enqueueJob(prisma, { kind: "mail.send", payload: {} });
    await enqueueJob(prisma, { kind: "bulk.execute", payload: {} });
    const quick = await prisma.outboxJob.findFirstOrThrow({ where: { kind: "mail.send" } });
    const slow = await prisma.outboxJob.findFirstOrThrow({ where: { kind: "bulk.execute" } });

    // A long lease: only the release, not its expiry, can make the slow job claimable again within this test.
    const worker = new Worker({ db: prisma, handlers, owner: "worker-a", leaseMs: 60_000, pollMs: 50 });
    worker.start();
    for (let i = 0; i < 100; i++) {
      const claimed = await prisma.outboxJob.count({ where: { leaseOwner: "worker-a" } });
      if (claimed === 2) break;
      await sleep(20);
    }
    expect(await prisma.outboxJob.count({ where: { leaseOwner: "worker-a" } })).toBe(2);

    const stopping = Date.now();
    const outcome = await worker.stop({ graceMs: 800 });
    const took = Date.now() - stopping;
    expect(outcome).toEqual({ finished: 1, released: 1 });
    // The grace bounds the wait (plus the moment given to the released handler to unwind).
    expect(took).toBeGreaterThanOrEqual(750);
    expect(took).toBeLessThan(2500);

    const quickAfter = await prisma.outboxJob.findUniqueOrThrow({ where: { id: quick.id } });
    expect(quickAfter.status).toBe("DONE");
    expect(writes).toEqual([`quick:${quick.id}`]); // the slow handler's fenced write was refused

    const slowAfter = await prisma.outboxJob.findUniqueOrThrow({ where: { id: slow.id } });
    expect(slowAfter).toMatchObject({ status: "PENDING", leaseOwner: null, leaseUntil: null });
    expect(slowAfter.runAt.getTime()).toBeLessThanOrEqual(Date.now());
    // The interrupted run is not counted as a failed attempt.
    expect(slowAfter.attempts).toBe(0);

    // A new job, kicked and polled for: the stopped worker takes nothing more.
    await enqueueJob(prisma, { kind: "mail.send", payload: { late: true } });
    kickExecutor();
    await sleep(400);
    expect(await prisma.outboxJob.count({ where: { leaseOwner: "worker-a" } })).toBe(0);
    expect(await prisma.outboxJob.count({ where: { kind: "mail.send", status: "DONE" } })).toBe(1);

    // Another worker takes the released job at once, with a higher fencing token.
    const taken = await claimJobs(prisma, "worker-b", 60_000, 10);
    const retaken = taken.find((j) => j.id === slow.id);
    expect(retaken).toBeDefined();
    expect(retaken!.fence).toBeGreaterThan(slowAfter.fence);
    expect(taken).toHaveLength(2); // the released job and the late one
  });

  it("without a grace waits for every job, as before", async () => {
    const prisma = database.prisma;
    await enqueueJob(prisma, { kind: "mail.send", payload: { n: 2 } });
    const worker = new Worker({ db: prisma, handlers, owner: "worker-c", leaseMs: 60_000, pollMs: 50 });
    worker.start();
    for (let i = 0; i < 100 && (await prisma.outboxJob.count({ where: { leaseOwner: "worker-c" } })) === 0; i++) await sleep(20);
    await worker.stop();
    expect(await prisma.outboxJob.count({ where: { kind: "mail.send", status: "DONE" } })).toBe(2);
  });
});
