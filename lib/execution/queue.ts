import type { OutboxJob, PrismaClient } from "../generated/prisma/client";

// Row leases on the outbox: a worker takes due jobs with FOR UPDATE SKIP LOCKED and stamps them with
// its name and a lease expiry. Two workers (on one PostgreSQL) never take the same job, and a job whose
// worker died is taken again once its lease has run out. Every later write checks the lease is still
// ours, so a worker that stalled past its lease cannot overwrite the one that took over.

export async function claimJobs(db: PrismaClient, owner: string, leaseMs: number, limit: number): Promise<OutboxJob[]> {
  return db.$queryRaw<OutboxJob[]>`
    UPDATE "OutboxJob" SET "leaseOwner" = ${owner}, "leaseUntil" = now() + (${leaseMs} * interval '1 millisecond'), "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "OutboxJob"
      WHERE "status" = 'PENDING' AND "runAt" <= now() AND ("leaseUntil" IS NULL OR "leaseUntil" < now())
      ORDER BY "runAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`;
}

/** Extends the lease of a job still running; false when another worker has taken it over. */
export async function renewLease(db: PrismaClient, job: OutboxJob, owner: string, leaseMs: number): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "OutboxJob" SET "leaseUntil" = now() + (${leaseMs} * interval '1 millisecond')
    WHERE "id" = ${job.id} AND "leaseOwner" = ${owner} AND "status" = 'PENDING'`;
  return n === 1;
}

export async function completeJob(db: PrismaClient, job: OutboxJob, owner: string): Promise<boolean> {
  const { count } = await db.outboxJob.updateMany({
    where: { id: job.id, leaseOwner: owner, status: "PENDING" },
    data: { status: "DONE", completedAt: new Date(), leaseOwner: null, leaseUntil: null },
  });
  return count === 1;
}

/** Runs the job again at `runAt`; `countsAsAttempt: false` for polling, which is not a failure. */
export async function rescheduleJob(db: PrismaClient, job: OutboxJob, owner: string, runAt: Date, opts: { error?: string; countsAsAttempt: boolean }) {
  await db.outboxJob.updateMany({
    where: { id: job.id, leaseOwner: owner, status: "PENDING" },
    data: {
      runAt,
      leaseOwner: null,
      leaseUntil: null,
      lastError: opts.error ?? job.lastError,
      attempts: opts.countsAsAttempt ? job.attempts : Math.max(0, job.attempts - 1),
    },
  });
}

export async function buryJob(db: PrismaClient, job: OutboxJob, owner: string, error: string): Promise<boolean> {
  const { count } = await db.outboxJob.updateMany({
    where: { id: job.id, leaseOwner: owner, status: "PENDING" },
    data: { status: "DEAD", completedAt: new Date(), lastError: error, leaseOwner: null, leaseUntil: null },
  });
  return count === 1;
}

/** Exponential backoff with full jitter, capped: retries of many jobs spread out instead of arriving together. */
export function backoffMs(attempt: number, baseMs = 1000, capMs = 5 * 60_000, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
