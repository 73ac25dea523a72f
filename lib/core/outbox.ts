import "server-only";
import type { Tx } from "./tx";
import { toJson } from "./tx";
import { currentTraceContext } from "../observability/tracing";

/** The side effects the executor knows how to run (lib/execution/handlers). */
export type JobKind =
  | "request.execute"
  | "request.reconcile"
  | "mail.send"
  | "inventory.sync"
  | "approvals.timeouts"
  | "bulk.execute"
  | "usage.sync"
  | "optimizer.nightly"
  | "reclaim.daily"
  | "reports.snapshot"
  | "webhook.deliver"
  | "rollout.run";

// Jobs that live forever and reschedule themselves: one row each, whichever process runs it.
export const RECONCILE_SWEEP_KEY = "recurring:reconcile";
export const INVENTORY_SYNC_KEY = "recurring:inventory-sync";
export const APPROVAL_TIMEOUTS_KEY = "recurring:approval-timeouts";
export const USAGE_SYNC_KEY = "recurring:usage-sync";
export const OPTIMIZER_NIGHTLY_KEY = "recurring:optimizer-nightly";
export const RECLAIM_DAILY_KEY = "recurring:reclaim-daily";
export const REPORTS_SNAPSHOT_KEY = "recurring:reports-snapshot";

export interface JobSpec {
  kind: JobKind;
  payload: Record<string, unknown>;
  runAt?: Date;
  /** At most one job per key ever exists; enqueueing the same key again is a no-op. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/**
 * Adds a job inside the caller's transaction: it exists exactly when the change that needs it was
 * committed. Call kickExecutor() after the commit to start it within the second.
 */
export async function enqueueJob(tx: Tx, job: JobSpec): Promise<void> {
  await enqueueJobs(tx, [job]);
}

/** Several jobs in one statement (a webhook event's deliveries), as enqueueJob adds one. */
export async function enqueueJobs(tx: Tx, jobs: readonly JobSpec[]): Promise<void> {
  if (!jobs.length) return;
  await tx.outboxJob.createMany({
    data: jobs.map((job) => ({
      kind: job.kind,
      // Queued inside a traced request: the job's span continues that trace (lib/observability/tracing.ts).
      payload: toJson({ ...job.payload, ...currentTraceContext() }),
      runAt: job.runAt ?? new Date(),
      dedupeKey: job.dedupeKey ?? null,
      maxAttempts: job.maxAttempts ?? 8,
    })),
    skipDuplicates: true,
  });
}

/** Makes a recurring job (e.g. the reconcile sweep) due now, so work just committed is looked at at once. */
export async function pokeJob(tx: Tx, dedupeKey: string): Promise<void> {
  await tx.outboxJob.updateMany({ where: { dedupeKey, status: "PENDING", leaseOwner: null }, data: { runAt: new Date() } });
}
