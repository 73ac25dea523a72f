import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { OutboxJob, Prisma, PrismaClient } from "../generated/prisma/client";
import {
  backoffMs,
  buryJob,
  claimJobs,
  completeJob,
  HeldLease,
  holdsLease,
  leaseOf,
  LeaseLost,
  renewLease,
  releaseJob,
  rescheduleJob,
  type JobLease,
} from "./queue";
import { onExecutorKick } from "../core/signal";
import type { Tx } from "../core/tx";
import { isDatabaseUnreachable } from "../db/outage";
import { logger } from "../logger";

export { LeaseLost, type JobLease } from "./queue";

/** What a handler wants done with its job. Returning nothing means done. */
export type JobOutcome = { done: true } | { done: false; runAt: Date; countsAsAttempt?: boolean; note?: string };

export interface JobContext {
  db: PrismaClient;
  owner: string;
  /** This run's claim of the job; a later claim (by anyone) carries a higher token. */
  lease: JobLease;
  /** Aborted once the lease is known lost. */
  signal: AbortSignal;
  /**
   * Throws LeaseLost unless the job is still ours: not known lost here, and in the database the same
   * owner and token, still pending, lease not run out. Call it right before anything that must not
   * happen twice (an AWS call). With `tx`, the row stays locked until that transaction ends.
   */
  assertLease(tx?: Tx): Promise<void>;
  /** Runs `write` in a transaction that first locks the job row and checks the lease; LeaseLost (and nothing written) if it is gone. */
  fenced<T>(write: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T>;
  /** Test hook: called at named points so a test can simulate the process dying there. */
  checkpoint(point: string): Promise<void>;
}

export interface JobHandler {
  run(job: OutboxJob, ctx: JobContext): Promise<JobOutcome | void>;
  /** Called once when the job is given up (permanent error, or attempts exhausted). */
  onGiveUp?(job: OutboxJob, error: unknown, ctx: JobContext): Promise<void>;
}

/** A refusal that retrying cannot fix: the job is given up at once. */
export class PermanentJobError extends Error {}

/** Thrown by a checkpoint to simulate a crash: the worker abandons the job exactly as a dead process would. */
export class SimulatedCrash extends Error {}

export interface WorkerOptions {
  db: PrismaClient;
  handlers: Record<string, JobHandler>;
  owner?: string;
  leaseMs?: number;
  pollMs?: number;
  concurrency?: number;
  checkpoint?: (point: string, job: OutboxJob) => Promise<void> | void;
  /** First retry delay after a failed attempt; it doubles per attempt (with jitter) up to five minutes. */
  retryBaseMs?: number;
  onError?: (error: unknown, job: OutboxJob) => void;
  /** Test hook: runs each lease renewal, so a test can make one fail or hang. */
  renewLease?: (renew: () => Promise<boolean>, job: OutboxJob) => Promise<boolean>;
  /** While claims fail (the database unreachable), the wait between polls doubles from pollMs up to this. */
  maxPollBackoffMs?: number;
}

export class Worker {
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private running = new Set<Promise<void>>();
  /** The leases of the jobs running now, so stop() can hand back the ones that outlast its grace. */
  private readonly held = new Map<string, { job: OutboxJob; held: HeldLease }>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private pumping = false;
  private pumpAgain = false;
  private unsubscribe: (() => void) | undefined;
  /** Polls that failed in a row, and when the first of them failed. */
  private pollFailures = 0;
  private failingSince: number | undefined;

  constructor(private readonly options: WorkerOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 2000;
    this.concurrency = options.concurrency ?? 8;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = onExecutorKick(() => void this.poll());
    const tick = () => {
      if (this.stopped) return;
      void this.poll().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.nextPollMs());
      });
    };
    tick();
  }

  /** Whether the last claim failed (the database unreachable, most likely): the worker is polling with backoff. */
  get failing(): boolean {
    return this.pollFailures > 0;
  }

  // A PostgreSQL restart or fail-over must not end the process: a failed claim is logged once, when it
  // starts failing, the polls back off (with jitter, so a fleet of workers does not return in step), and
  // the first claim that succeeds again says so. Jobs claimed before the outage keep their fenced leases:
  // whatever a handler could not record is retried by whoever claims the job once its lease has run out.
  private async poll(): Promise<void> {
    try {
      await this.pump();
    } catch (error) {
      this.pollFailures += 1;
      if (this.pollFailures > 1) return;
      this.failingSince = Date.now();
      const unreachable = isDatabaseUnreachable(error);
      logger().warn(
        { err: error, owner: this.owner, unreachable },
        unreachable
          ? "database unreachable: the executor claims no jobs and keeps polling with backoff until it answers again"
          : "claiming jobs failed: the executor keeps polling with backoff",
      );
    }
  }

  private claimSucceeded(): void {
    if (this.pollFailures === 0) return;
    logger().info(
      { owner: this.owner, failedPolls: this.pollFailures, downMs: Date.now() - (this.failingSince ?? Date.now()) },
      "database reachable again: the executor claims jobs again",
    );
    this.pollFailures = 0;
    this.failingSince = undefined;
  }

  private nextPollMs(): number {
    if (this.pollFailures === 0) return this.pollMs;
    const cap = Math.max(this.pollMs, this.options.maxPollBackoffMs ?? 5000);
    return backoffMs(this.pollFailures + 1, this.pollMs, cap);
  }

  /**
   * Stops taking jobs at once and waits for the ones running to finish. With `graceMs`, waits that long at
   * most, then hands back the jobs still running (lease cleared, due now, guarded by their tokens) so another
   * worker takes them at once instead of after their leases run out; their handlers here are told the lease
   * is lost, so they write nothing more. Returns how many finished and how many were handed back.
   */
  async stop(): Promise<void>;
  async stop(options: { graceMs: number }): Promise<{ finished: number; released: number }>;
  async stop(options: { graceMs?: number } = {}): Promise<{ finished: number; released: number } | void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    // A claim already in flight starts its jobs after this point; wait for it, or those jobs would run
    // on after stop() returned (against a database the caller may be closing).
    while (this.pumping) await new Promise((r) => setTimeout(r, 5));
    const inFlight = this.running.size;
    if (options.graceMs === undefined) {
      await Promise.allSettled([...this.running]);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.graceMs)));
    await Promise.race([Promise.allSettled([...this.running]), graceOver]);
    clearTimeout(timer);
    const overran = [...this.held.values()];
    let released = 0;
    for (const { job, held } of overran) {
      // Lost here first, so the handler cannot start an AWS call or a fenced write after the job is handed back.
      held.lose("the worker is shutting down and handed the job back");
      try {
        if (await releaseJob(this.options.db, held.lease)) released += 1;
      } catch (error) {
        // The lease then runs out on its own and another worker takes the job after it.
        this.options.onError?.(error, job);
      }
    }
    // The handed-back handlers stop at their next lease check; give them a moment to unwind, no more.
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, 1000).unref())]);
    return { finished: inFlight - overran.length, released };
  }

  /** Takes due jobs until the pool is full or none are due; returns how many it started. */
  async pump(): Promise<number> {
    if (this.pumping) {
      this.pumpAgain = true;
      return 0;
    }
    this.pumping = true;
    let started = 0;
    try {
      do {
        this.pumpAgain = false;
        const free = this.concurrency - this.running.size;
        if (free <= 0) break;
        const claimSentAt = Date.now();
        const jobs = await claimJobs(this.options.db, this.owner, this.leaseMs, free);
        this.claimSucceeded();
        for (const job of jobs) {
          // runJob reports a handler's failure itself; what reaches here is a failure to record the outcome
          // (the database gone mid-job): the lease then runs out and the job is claimed again, by its token.
          const run = this.runJob(job, claimSentAt)
            .catch((error: unknown) => this.options.onError?.(error, job))
            .finally(() => {
              this.running.delete(run);
              if (!this.stopped) void this.poll();
            });
          this.running.add(run);
          started += 1;
        }
        if (jobs.length === free) this.pumpAgain = true;
      } while (this.pumpAgain && !this.stopped);
    } finally {
      this.pumping = false;
    }
    return started;
  }

  /** Runs every due job to completion once (tests and scripts). */
  async drain(): Promise<void> {
    while ((await this.pump()) > 0 || this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async runJob(job: OutboxJob, claimSentAt: number): Promise<void> {
    const { db } = this.options;
    const handler = this.options.handlers[job.kind];
    const lease = leaseOf(job, this.owner);
    const renew = () => renewLease(db, lease, this.leaseMs);
    const held = new HeldLease(lease, this.leaseMs, claimSentAt, () =>
      this.options.renewLease ? this.options.renewLease(renew, job) : renew(),
    );
    const confirm = async (tx: Tx, lock: boolean) => {
      held.check();
      if (!(await holdsLease(tx, lease, lock))) held.lose("the database shows another claim, or an expired lease");
      // The answer may have come back after the lease ran out here.
      held.check();
    };
    const ctx: JobContext = {
      db,
      owner: this.owner,
      lease,
      signal: held.signal,
      checkpoint: async (point) => void (await this.options.checkpoint?.(point, job)),
      assertLease: (tx) => confirm(tx ?? db, tx !== undefined),
      fenced: (write) =>
        db.$transaction(async (tx) => {
          await confirm(tx, true);
          return write(tx);
        }),
    };
    held.start();
    this.held.set(job.id, { job, held });
    try {
      if (!handler) throw new PermanentJobError(`No handler for job kind ${job.kind}`);
      const outcome = await handler.run(job, ctx);
      await ctx.checkpoint("job:before-complete");
      held.check();
      // The finishing write names the token and needs no lease; a renewal racing it would find the job
      // finished and report the lease lost.
      held.stop();
      const kept =
        !outcome || outcome.done
          ? await completeJob(db, lease)
          : await rescheduleJob(db, job, lease, outcome.runAt, { countsAsAttempt: outcome.countsAsAttempt ?? false, error: outcome.note });
      if (!kept)
        this.options.onError?.(
          new LeaseLost(`Job ${job.id} (token ${lease.token}) was claimed by another worker before ${this.owner} finished it.`),
          job,
        );
    } catch (error) {
      if (error instanceof SimulatedCrash) return; // the lease stays; another worker retakes the job when it runs out
      this.options.onError?.(error, job);
      // A worker that lost its lease abandons the job as it stands: whoever holds it now, or takes it
      // when the lease runs out, decides what happens to it.
      if (error instanceof LeaseLost || held.lost) return;
      held.stop();
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof PermanentJobError;
      if (permanent || job.attempts >= job.maxAttempts) {
        if (await buryJob(db, lease, message)) await handler?.onGiveUp?.(job, error, ctx);
      } else {
        await rescheduleJob(db, job, lease, new Date(Date.now() + backoffMs(job.attempts, this.options.retryBaseMs)), {
          error: message,
          countsAsAttempt: true,
        });
      }
    } finally {
      held.stop();
      this.held.delete(job.id);
    }
  }
}
