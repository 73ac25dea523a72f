import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient, type OutboxJob } from "@/lib/generated/prisma/client";
import { startBulkOperation } from "@/lib/services/admin/bulk";
import { submitRequest } from "@/lib/services/requests/submit";
import { postgresTier } from "@/test/db";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { buryJob, claimJobs, completeJob, holdsLease, leaseOf, renewLease, rescheduleJob } from "./queue";
import { LeaseLost } from "./worker";

// A worker that stalls past its lease (a long GC pause, a slow database) must not act once it resumes:
// another worker may have claimed the job meanwhile and be running it. Each case stalls or breaks a
// first worker at a chosen point, lets the job be run by whoever holds it now, and then checks that
// AWS saw one call, the work ended as it should, and the first worker made no AWS call and wrote
// nothing when it resumed. The sandbox clock is frozen, so a reboot is still REBOOTING when the job is
// retaken and only completes when the test moves the clock on.

// The first worker's lease: short, so a test need not wait long for it to run out, yet long enough
// that on a loaded machine the worker reaches its checkpoint under the claim it started with.
const LEASE_MS = 1500;

interface Gate<T = void> {
  promise: Promise<T>;
  open(value: T): void;
}
function gate<T = void>(): Gate<T> {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

describe("fenced execution: a worker that lost its lease neither calls AWS nor writes", () => {
  let world: TestWorld;
  let fleet: string[];
  beforeAll(async () => {
    world = await createTestWorld({ clockSpeed: 0, fleetSize: 40 });
    const prisma = world.database.prisma;
    // AlwaysOn, so moving the frozen clock on never lets a WorkSpace stop by itself before its reboot is seen.
    const rows = await prisma.workspace.findMany({
      where: { region: "us-east-1", state: "AVAILABLE", goneAt: null, ownerId: null, runningMode: "ALWAYS_ON" },
      orderBy: { id: "asc" },
      take: 11,
    });
    expect(rows).toHaveLength(11);
    // Portal owners, so an admin's reboot of them is an admin action and needs no approval.
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
    fleet = rows.map((r) => r.id);
  });
  // A failed case must not leave a worker frozen: closing the world waits for every worker to stop.
  const thawAll: (() => void)[] = [];
  afterEach(() => thawAll.splice(0).forEach((thaw) => thaw()));
  afterAll(() => world.close());

  const prisma = () => world.database.prisma;
  const mutations = () => ({ ...(world.sandbox.state() as { mutatingCalls: Record<string, number> }).mutatingCalls });
  const madeSince = (before: Record<string, number>) => {
    const after = mutations();
    return Object.fromEntries(
      Object.keys(after)
        .map((op) => [op, (after[op] ?? 0) - (before[op] ?? 0)])
        .filter(([, n]) => n !== 0),
    );
  };
  let nextWorkspace = 0;

  /** An approved reboot with its execute job committed and no worker running. */
  async function approvedReboot(): Promise<{ requestId: string; job: OutboxJob }> {
    const workspaceId = fleet[nextWorkspace++]!;
    const result = await submitRequest(world.people.carol, { change: { type: "reboot", workspaceId }, justification: "fencing" });
    if (!result.ok) throw new Error(JSON.stringify(result.reasons));
    expect(result.status).toBe("APPROVED");
    const job = await prisma().outboxJob.findUniqueOrThrow({ where: { dedupeKey: `execute:${result.requestId}` } });
    return { requestId: result.requestId, job };
  }

  const jobRow = (id: string) => prisma().outboxJob.findUniqueOrThrow({ where: { id } });

  /** Everything a resumed worker could write about one request. */
  async function footprint(requestId: string, jobId: string) {
    return {
      job: await jobRow(jobId),
      request: await prisma().request.findUniqueOrThrow({ where: { id: requestId } }),
      audit: await prisma().auditEvent.findMany({ where: { requestId }, orderBy: { id: "asc" } }),
      notifications: await prisma().notification.count({ where: { requestId } }),
    };
  }

  /** Moves the frozen clock past a reboot and waits for the reconcile sweep to see it finished. */
  async function settled(requestId: string) {
    world.sandbox.advance(5);
    return eventually(
      async () => {
        const r = await prisma().request.findUniqueOrThrow({ where: { id: requestId } });
        return ["SUCCEEDED", "FAILED"].includes(r.status) ? r : null;
      },
      20_000,
      `request ${requestId} to finish`,
    );
  }

  const outcomes = async (requestId: string) =>
    (await prisma().auditEvent.findMany({ where: { requestId, action: { startsWith: "aws." } }, orderBy: { id: "asc" } })).map(
      (a) => (a.detail as { outcome?: string }).outcome,
    );

  /**
   * A worker that freezes, whole, when `job` reaches `point`: the handler waits at the checkpoint, its
   * renewals hang, and it polls no more. `thaw()` lets it run on; `stopped` is done once it has let go.
   * `token` is the claim it froze under (on a loaded machine an earlier claim may have lapsed on the way).
   */
  function freezingWorker(owner: string, job: OutboxJob, point: string, leaseMs = LEASE_MS) {
    const frozen = gate();
    const thawed = gate();
    thawAll.push(() => thawed.open());
    const errors: unknown[] = [];
    let stopped: Promise<void> | undefined;
    let token = 0;
    const worker = world.executor({
      owner,
      leaseMs,
      checkpoint: async (at, j) => {
        if (at !== point || j.id !== job.id || stopped) return;
        token = j.fence;
        stopped = worker.stop();
        frozen.open();
        await thawed.promise;
      },
      renewLease: async (renew) => {
        if (stopped) await thawed.promise;
        return renew();
      },
      onError: (error, j) => {
        if (j.id === job.id) errors.push(error);
      },
    });
    return { worker, frozen: frozen.promise, thaw: () => thawed.open(), stopped: () => stopped!, token: () => token, errors };
  }

  it.each(["execute:before-aws", "execute:before-call"])(
    "a worker frozen at %s past its lease: the job is retaken, AWS sees one reboot, and the resumed worker does nothing",
    async (point) => {
      const before = mutations();
      const { requestId, job } = await approvedReboot();
      const first = freezingWorker(`frozen-${point}`, job, point);
      first.worker.start();
      await first.frozen;
      // Still the frozen worker's, and AWS has seen nothing.
      expect(await jobRow(job.id)).toMatchObject({ status: "PENDING", leaseOwner: `frozen-${point}`, fence: first.token() });
      expect(madeSince(before)).toEqual({});

      const rescuer = world.executor({ owner: `rescuer-${point}` });
      rescuer.start();
      const done = await eventually(
        async () => ((await jobRow(job.id)).status === "DONE" ? jobRow(job.id) : null),
        20_000,
        "the rescuer to run the job",
      );
      expect(done).toMatchObject({ fence: first.token() + 1, attempts: first.token() + 1 });
      await rescuer.stop();

      // Thawed while the reboot is still under way: from before-aws, the resumed worker finds the
      // rescuer's reboot in AWS and would record it a second time if its write were not fenced.
      const seen = await footprint(requestId, job.id);
      const callsBefore = world.calls.length;
      first.thaw();
      await first.stopped();
      // Its renewal, hung since the freeze, has been answered (refused) by now.
      await new Promise((r) => setTimeout(r, 200));
      expect(madeSince(before)).toEqual({ RebootWorkspaces: 1 });
      expect(await footprint(requestId, job.id)).toEqual(seen);
      // At the call it had already committed awsCalledAt; it stops short of AWS altogether.
      if (point === "execute:before-call") expect(world.calls.slice(callsBefore)).toEqual([]);
      expect(first.errors).toHaveLength(1);
      expect(first.errors[0]).toBeInstanceOf(LeaseLost);

      rescuer.start();
      const request = await settled(requestId);
      await rescuer.stop();
      expect({ status: request.status, failureReason: request.failureReason }).toEqual({ status: "SUCCEEDED", failureReason: null });
      expect(await outcomes(requestId)).toEqual(["call"]);
      expect(madeSince(before)).toEqual({ RebootWorkspaces: 1 });
    },
  );

  it("a worker that still believes it holds the lease is stopped by the database's word", async () => {
    // The lease is long by the worker's clock, but the database (whose clock decides) let it run out
    // and another worker claimed the job: only the check in the database can tell.
    const before = mutations();
    const { requestId, job } = await approvedReboot();
    const first = freezingWorker("believer", job, "execute:before-call", 60_000);
    first.worker.start();
    await first.frozen;
    await prisma().$executeRaw`UPDATE "OutboxJob" SET "leaseUntil" = now() - interval '1 second' WHERE "id" = ${job.id}`;

    const rescuer = world.executor({ owner: "rescuer-db" });
    rescuer.start();
    await eventually(async () => (await jobRow(job.id)).status === "DONE", 20_000, "the rescuer to run the job");
    const request = await settled(requestId);
    expect(request.status).toBe("SUCCEEDED");
    await rescuer.stop();

    const seen = await footprint(requestId, job.id);
    const callsBefore = world.calls.length;
    first.thaw();
    await first.stopped();
    expect(madeSince(before)).toEqual({ RebootWorkspaces: 1 });
    expect(world.calls.slice(callsBefore)).toEqual([]);
    expect(await footprint(requestId, job.id)).toEqual(seen);
    expect(first.errors[0]).toBeInstanceOf(LeaseLost);
  });

  it.each([
    { point: "execute:before-aws", failure: "is refused" },
    { point: "execute:before-call", failure: "throws" },
  ])(
    "a renewal that $failure while the job is at $point: the worker lets go without writing, and the reboot is made once",
    async ({ point, failure }) => {
      const before = mutations();
      const { requestId, job } = await approvedReboot();
      const reached = gate();
      const renewalFailed = gate();
      let armed = false;
      let failed = false;
      let heldInDatabase: boolean | undefined;
      let token = 0;
      const errors: unknown[] = [];
      let stopping: Promise<void> | undefined;
      const worker = world.executor({
        owner: "renewer",
        leaseMs: LEASE_MS,
        checkpoint: async (at, j) => {
          if (at !== point || j.id !== job.id || armed) return;
          armed = true;
          token = j.fence;
          reached.open();
          await renewalFailed.promise;
          // The database still shows the lease as ours: only the failed renewal says otherwise.
          heldInDatabase = await holdsLease(prisma(), leaseOf(j, "renewer"));
          // No more claims for now, so the test can look at the job as this run leaves it.
          stopping = worker.stop();
        },
        renewLease: async (renew, j) => {
          if (!armed || failed || j.id !== job.id) return renew();
          failed = true;
          renewalFailed.open();
          if (failure === "throws") throw new Error("connection reset");
          return false;
        },
        onError: (error, j) => {
          if (j.id === job.id) errors.push(error);
        },
      });
      worker.start();
      await reached.promise;
      await eventually(async () => stopping !== undefined, 10_000, "the worker to let go");
      await stopping;

      expect(heldInDatabase).toBe(true);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(LeaseLost);
      expect(madeSince(before)).toEqual({});
      // Abandoned as it stood: not rescheduled, not buried, its lease left to run out.
      const abandoned = await jobRow(job.id);
      expect(abandoned).toMatchObject({ status: "PENDING", leaseOwner: "renewer", fence: token, attempts: token, lastError: null });
      const request = await prisma().request.findUniqueOrThrow({ where: { id: requestId } });
      // awsCalledAt is committed only right before the request leaves: at either point nothing is recorded yet, and the
      // failed renewal kept the worker from recording or sending anything.
      expect(request.awsCalledAt).toBeNull();

      // The same worker, on a later claim with a new token, runs it.
      worker.start();
      await eventually(async () => (await jobRow(job.id)).status === "DONE", 20_000, "the job to be run again");
      expect(await jobRow(job.id)).toMatchObject({ fence: token + 1, attempts: token + 1 });
      const finished = await settled(requestId);
      await worker.stop();
      expect(finished.status).toBe("SUCCEEDED");
      expect(madeSince(before)).toEqual({ RebootWorkspaces: 1 });
      expect(await outcomes(requestId)).toEqual(["call"]);
    },
  );

  // Tagging, whose repeat AWS accepts, so both runs of a repeated batch succeed item by item.
  it.each([
    { point: "bulk:before-aws", calls: 3 },
    // After its calls the frozen worker cannot stop the batch being repeated (the documented limit of a
    // crash at that point), but it must not record the batch a second time.
    { point: "bulk:after-aws", calls: 6 },
  ])("a bulk operation whose worker freezes at $point: the resumed worker neither calls nor records", async ({ point, calls }) => {
    const ids = fleet.slice(nextWorkspace, nextWorkspace + 3);
    nextWorkspace += 3;
    expect(ids).toHaveLength(3);
    const before = mutations();
    const { operationId } = await startBulkOperation(
      { id: world.people.carol.id },
      { workspaceIds: ids, params: { action: "tags", tags: [{ key: "patch-window", value: point }] } },
    );
    const job = (await prisma().outboxJob.findMany({ where: { kind: "bulk.execute" } })).find(
      (j) => (j.payload as { operationId?: string }).operationId === operationId,
    )!;
    expect(job).toBeDefined();
    const first = freezingWorker(`frozen-${point}`, job, point);
    first.worker.start();
    await first.frozen;

    const rescuer = world.executor({ owner: `rescuer-${point}` });
    rescuer.start();
    await eventually(async () => (await jobRow(job.id)).status === "DONE", 20_000, "the rescuer to run the batch");
    await rescuer.stop();
    const items = await prisma().bulkItem.findMany({ where: { operationId } });
    expect(items.map((i) => i.status)).toEqual(["DONE", "DONE", "DONE"]);
    const audit = () => prisma().auditEvent.findMany({ where: { targetId: operationId, action: "aws.CreateTags" } });
    const recorded = await audit();
    expect(recorded).toHaveLength(1);

    const callsBefore = world.calls.length;
    first.thaw();
    await first.stopped();
    expect(world.calls.slice(callsBefore).filter((c) => c.operation === "CreateTags")).toEqual([]);
    expect(madeSince(before)).toEqual({ CreateTags: calls });
    expect(await audit()).toEqual(recorded);
    expect(await prisma().bulkItem.findMany({ where: { operationId } })).toEqual(items);
    expect(first.errors[0]).toBeInstanceOf(LeaseLost);
  });

  describe("queue writes name the claim's token", () => {
    async function claimed(owner: string, leaseMs = 60_000) {
      // Due before anything else, so a claim of one job takes this one and leaves the executor's own be.
      const row = await prisma().outboxJob.create({ data: { kind: "test.fence", payload: {}, runAt: new Date(0) } });
      const [job] = await claimJobs(prisma(), owner, leaseMs, 1);
      expect(job?.id).toBe(row.id);
      return job!;
    }

    it("every claim raises the token", async () => {
      const job = await claimed("w1", 1);
      expect(job.fence).toBe(1);
      await new Promise((r) => setTimeout(r, 20));
      const [again] = await claimJobs(prisma(), "w1", 60_000, 1);
      expect(again).toMatchObject({ id: job.id, fence: 2, leaseOwner: "w1", attempts: 2 });
    });

    it("a stale token (same owner, earlier claim) can neither renew, complete, reschedule nor bury", async () => {
      const job = await claimed("w2", 1);
      await new Promise((r) => setTimeout(r, 20));
      const [retaken] = await claimJobs(prisma(), "w2", 60_000, 1);
      expect(retaken?.id).toBe(job.id);
      const stale = leaseOf(job, "w2");
      expect(await holdsLease(prisma(), stale)).toBe(false);
      expect(await renewLease(prisma(), stale, 60_000)).toBe(false);
      expect(await completeJob(prisma(), stale)).toBe(false);
      expect(await rescheduleJob(prisma(), job, stale, new Date(), { countsAsAttempt: true, error: "stale" })).toBe(false);
      expect(await buryJob(prisma(), stale, "stale")).toBe(false);
      expect(await jobRow(job.id)).toMatchObject({ status: "PENDING", leaseOwner: "w2", fence: 2, lastError: null });

      const current = leaseOf(retaken!, "w2");
      expect(await holdsLease(prisma(), current)).toBe(true);
      expect(await holdsLease(prisma(), { ...current, owner: "w3" })).toBe(false);
      expect(await renewLease(prisma(), current, 60_000)).toBe(true);
      expect(await completeJob(prisma(), current)).toBe(true);
      expect(await jobRow(job.id)).toMatchObject({ status: "DONE", leaseOwner: null });
      // Done is done: the lease does not outlive the job.
      expect(await holdsLease(prisma(), current)).toBe(false);
      expect(await renewLease(prisma(), current, 60_000)).toBe(false);
    });

    it("a lease that ran out is neither held nor renewed, though nobody has claimed the job since", async () => {
      const job = await claimed("w4", 1);
      await new Promise((r) => setTimeout(r, 20));
      const lease = leaseOf(job, "w4");
      expect(await holdsLease(prisma(), lease)).toBe(false);
      expect(await renewLease(prisma(), lease, 60_000)).toBe(false);
      // Finishing is still allowed: no other claim can have come in under the same token.
      expect(await buryJob(prisma(), lease, "gave up")).toBe(true);
    });

    // Needs a second connection: PGlite has one, so there a claim cannot even be sent mid-transaction.
    it.runIf(postgresTier())(
      "no claim comes in between a fenced write's check and its commit, even if the lease runs out meanwhile",
      async () => {
        const second = new PrismaClient({ adapter: new PrismaPg({ connectionString: world.database.url! }) });
        try {
          const job = await claimed("w5", 300);
          const lease = leaseOf(job, "w5");
          const checked = gate();
          const commit = gate();
          const write = prisma().$transaction(
            async (tx) => {
              expect(await holdsLease(tx, lease, true)).toBe(true);
              checked.open();
              await commit.promise;
              await tx.outboxJob.update({ where: { id: job.id }, data: { lastError: "written under the lease" } });
            },
            { timeout: 10_000 },
          );
          await checked.promise;
          await new Promise((r) => setTimeout(r, 500));
          // Run out in the database, but locked: the claimer passes it by.
          expect((await claimJobs(second, "w6", 60_000, 1)).map((j) => j.id)).not.toContain(job.id);
          commit.open();
          await write;
          const [retaken] = await claimJobs(second, "w6", 60_000, 1);
          expect(retaken).toMatchObject({ id: job.id, fence: 2, leaseOwner: "w6", lastError: "written under the lease" });
        } finally {
          await second.$disconnect();
        }
      },
    );
  });
});
