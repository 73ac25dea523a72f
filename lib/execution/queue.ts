import "server-only";
import type { OutboxJob, PrismaClient } from "../generated/prisma/client";
import type { Tx } from "../core/tx";

// Row leases on the outbox: a worker takes due jobs with FOR UPDATE SKIP LOCKED and stamps them with
// its name, a lease expiry and a new fencing token (every claim raises `fence`). Two workers (on one
// PostgreSQL) never take the same job, and a job whose worker died is taken again once its lease has
// run out. Every later write by a worker names its token, so a worker that stalled past its lease
// cannot overwrite the one that took over, even when both carry the same name.

/** Who holds a job: the claiming worker and the fencing token its claim returned. */
export interface JobLease {
  jobId: string;
  owner: string;
  token: number;
}

export const leaseOf = (job: OutboxJob, owner: string): JobLease => ({ jobId: job.id, owner, token: job.fence });

/** The job is no longer this worker's (or may not be): it must not call AWS or write anything more for it. */
export class LeaseLost extends Error {}

export async function claimJobs(db: PrismaClient, owner: string, leaseMs: number, limit: number): Promise<OutboxJob[]> {
  return db.$queryRaw<OutboxJob[]>`
    UPDATE "OutboxJob" SET "leaseOwner" = ${owner}, "leaseUntil" = now() + (${leaseMs} * interval '1 millisecond'),
      "attempts" = "attempts" + 1, "fence" = "fence" + 1
    WHERE "id" IN (
      SELECT "id" FROM "OutboxJob"
      WHERE "status" = 'PENDING' AND "runAt" <= now() AND ("leaseUntil" IS NULL OR "leaseUntil" < now())
      ORDER BY "runAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`;
}

/**
 * Whether the lease is still ours in the database: same owner and token, still pending, not run out.
 * `lock` keeps the row locked until the caller's transaction ends, so no claim can come in between
 * this check and the caller's commit (a claimer skips a locked row).
 */
export async function holdsLease(db: Tx, lease: JobLease, lock = false): Promise<boolean> {
  const rows = lock
    ? await db.$queryRaw<unknown[]>`
        SELECT 1 FROM "OutboxJob"
        WHERE "id" = ${lease.jobId} AND "leaseOwner" = ${lease.owner} AND "fence" = ${lease.token}
          AND "status" = 'PENDING' AND "leaseUntil" > now()
        FOR UPDATE`
    : await db.$queryRaw<unknown[]>`
        SELECT 1 FROM "OutboxJob"
        WHERE "id" = ${lease.jobId} AND "leaseOwner" = ${lease.owner} AND "fence" = ${lease.token}
          AND "status" = 'PENDING' AND "leaseUntil" > now()`;
  return rows.length === 1;
}

/**
 * Extends a lease that has not run out; false when it has, or another worker has claimed the job. A
 * lapsed lease is not revived: the worker may already have been told it lost the job.
 */
export async function renewLease(db: PrismaClient, lease: JobLease, leaseMs: number): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "OutboxJob" SET "leaseUntil" = now() + (${leaseMs} * interval '1 millisecond')
    WHERE "id" = ${lease.jobId} AND "leaseOwner" = ${lease.owner} AND "fence" = ${lease.token}
      AND "status" = 'PENDING' AND "leaseUntil" > now()`;
  return n === 1;
}

// Finishing writes need only the token: a claim raises it under the row lock, so either the claim
// sees the job finished, or the write sees a new token and changes nothing.
const heldBy = (lease: JobLease) => ({ id: lease.jobId, leaseOwner: lease.owner, fence: lease.token, status: "PENDING" as const });

export async function completeJob(db: PrismaClient, lease: JobLease): Promise<boolean> {
  const { count } = await db.outboxJob.updateMany({
    where: heldBy(lease),
    data: { status: "DONE", completedAt: new Date(), leaseOwner: null, leaseUntil: null },
  });
  return count === 1;
}

/** Runs the job again at `runAt`; `countsAsAttempt: false` for polling, which is not a failure. */
export async function rescheduleJob(
  db: PrismaClient,
  job: OutboxJob,
  lease: JobLease,
  runAt: Date,
  opts: { error?: string; countsAsAttempt: boolean },
): Promise<boolean> {
  const { count } = await db.outboxJob.updateMany({
    where: heldBy(lease),
    data: {
      runAt,
      leaseOwner: null,
      leaseUntil: null,
      lastError: opts.error ?? job.lastError,
      attempts: opts.countsAsAttempt ? job.attempts : Math.max(0, job.attempts - 1),
    },
  });
  return count === 1;
}

/**
 * Hands a job back unfinished (a worker shutting down): no lease, due at once, so another worker takes it
 * on its next poll; the interrupted run does not count as an attempt. Guarded by the token like every write.
 */
export async function releaseJob(db: PrismaClient, lease: JobLease): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "OutboxJob" SET "leaseOwner" = NULL, "leaseUntil" = NULL, "runAt" = now(), "attempts" = GREATEST("attempts" - 1, 0)
    WHERE "id" = ${lease.jobId} AND "leaseOwner" = ${lease.owner} AND "fence" = ${lease.token} AND "status" = 'PENDING'`;
  return n === 1;
}

export async function buryJob(db: PrismaClient, lease: JobLease, error: string): Promise<boolean> {
  const { count } = await db.outboxJob.updateMany({
    where: heldBy(lease),
    data: { status: "DEAD", completedAt: new Date(), lastError: error, leaseOwner: null, leaseUntil: null },
  });
  return count === 1;
}

/** Exponential backoff with full jitter, capped: retries of many jobs spread out instead of arriving together. */
export function backoffMs(attempt: number, baseMs = 1000, capMs = 5 * 60_000, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * A worker's own view of one lease. It renews the lease every third of its length, one renewal at a
 * time, and counts the lease lost, for good, when a renewal fails (refused or thrown) or when its local
 * deadline passes without one: then `signal` aborts and `check()` throws. The deadline runs from when
 * the claim or renewal was sent, so it never ends later than the database's own expiry.
 */
export class HeldLease {
  private deadline: number;
  private readonly claimSentAt: number;
  private readonly controller = new AbortController();
  private renewTimer: NodeJS.Timeout | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    readonly lease: JobLease,
    private readonly leaseMs: number,
    sentAt: number,
    private readonly renew: () => Promise<boolean>,
    private readonly now: () => number = Date.now,
  ) {
    this.claimSentAt = sentAt;
    this.deadline = sentAt + leaseMs;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get lost(): boolean {
    this.expireIfDue();
    return this.controller.signal.aborted;
  }

  /** Throws LeaseLost when the lease is known lost or has run out by the local clock. */
  check(): void {
    if (this.lost) throw this.controller.signal.reason as LeaseLost;
  }

  lose(why: string): void {
    if (this.controller.signal.aborted) return;
    this.controller.abort(
      new LeaseLost(`Job ${this.lease.jobId} (token ${this.lease.token}) is no longer held by ${this.lease.owner}: ${why}.`),
    );
    this.stop();
  }

  start(): void {
    this.armDeadline();
    this.scheduleRenewal(this.claimSentAt);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.renewTimer);
    clearTimeout(this.deadlineTimer);
  }

  // A third of the lease after the last renewal was sent, so a renewal may take two thirds of the lease
  // to answer before it lapses; the next one starts only once this one has answered, so slow renewals
  // never pile up.
  private scheduleRenewal(lastSentAt: number): void {
    if (this.stopped) return;
    const wait = Math.max(0, lastSentAt + Math.max(50, this.leaseMs / 3) - this.now());
    this.renewTimer = setTimeout(() => void this.renewOnce(), wait);
  }

  private async renewOnce(): Promise<void> {
    if (this.stopped || this.lost) return;
    const sentAt = this.now();
    let renewed: boolean;
    let failure = "another worker has claimed the job, or its lease had run out";
    try {
      renewed = await this.renew();
    } catch (error) {
      renewed = false;
      failure = `renewing its lease failed (${error instanceof Error ? error.message : String(error)})`;
    }
    if (this.stopped || this.lost) return;
    if (!renewed) return this.lose(failure);
    this.deadline = Math.max(this.deadline, sentAt + this.leaseMs);
    this.armDeadline();
    this.scheduleRenewal(sentAt);
  }

  private expireIfDue(): void {
    if (!this.controller.signal.aborted && this.now() >= this.deadline) this.lose("its lease ran out before it was renewed");
  }

  // Aborts the signal when the deadline passes, even while a renewal hangs.
  private armDeadline(): void {
    clearTimeout(this.deadlineTimer);
    this.deadlineTimer = setTimeout(
      () => {
        this.expireIfDue();
        if (!this.stopped) this.armDeadline();
      },
      Math.max(1, this.deadline - this.now()),
    );
  }
}
