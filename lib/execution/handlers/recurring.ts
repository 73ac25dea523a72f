import type { PrismaClient } from "../../generated/prisma/client";
import { enqueueJob } from "../../services/outbox";

// Jobs that live forever and reschedule themselves: one row each, whichever process runs it.
export const RECONCILE_SWEEP_KEY = "recurring:reconcile";
export const INVENTORY_SYNC_KEY = "recurring:inventory-sync";
export const APPROVAL_TIMEOUTS_KEY = "recurring:approval-timeouts";

export async function ensureRecurringJobs(db: PrismaClient): Promise<void> {
  await enqueueJob(db, { kind: "request.reconcile", payload: {}, dedupeKey: RECONCILE_SWEEP_KEY, maxAttempts: 1_000_000 });
  await enqueueJob(db, { kind: "inventory.sync", payload: {}, dedupeKey: INVENTORY_SYNC_KEY, maxAttempts: 1_000_000 });
  await enqueueJob(db, { kind: "approvals.timeouts", payload: {}, dedupeKey: APPROVAL_TIMEOUTS_KEY, maxAttempts: 1_000_000 });
}
