import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import {
  APPROVAL_TIMEOUTS_KEY,
  enqueueJob,
  INVENTORY_SYNC_KEY,
  OPTIMIZER_NIGHTLY_KEY,
  RECLAIM_DAILY_KEY,
  RECONCILE_SWEEP_KEY,
  REPORTS_SNAPSHOT_KEY,
  USAGE_SYNC_KEY,
} from "../../core/outbox";

export async function ensureRecurringJobs(db: PrismaClient): Promise<void> {
  await enqueueJob(db, { kind: "request.reconcile", payload: {}, dedupeKey: RECONCILE_SWEEP_KEY, maxAttempts: 1_000_000 });
  await enqueueJob(db, { kind: "inventory.sync", payload: {}, dedupeKey: INVENTORY_SYNC_KEY, maxAttempts: 1_000_000 });
  await enqueueJob(db, { kind: "usage.sync", payload: {}, dedupeKey: USAGE_SYNC_KEY, maxAttempts: 1_000_000 });
  await enqueueJob(db, { kind: "approvals.timeouts", payload: {}, dedupeKey: APPROVAL_TIMEOUTS_KEY, maxAttempts: 1_000_000 });
  // Nightly, whether or not the setting is on: the handler checks it each time, so turning it on needs no restart.
  await enqueueJob(db, { kind: "optimizer.nightly", payload: {}, dedupeKey: OPTIMIZER_NIGHTLY_KEY, maxAttempts: 1_000_000 });
  await enqueueJob(db, { kind: "reclaim.daily", payload: {}, dedupeKey: RECLAIM_DAILY_KEY, maxAttempts: 1_000_000 });
  await enqueueJob(db, { kind: "reports.snapshot", payload: {}, dedupeKey: REPORTS_SNAPSHOT_KEY, maxAttempts: 1_000_000 });
}
