import "server-only";
import type { AwsGateway } from "../aws";
import type { PrismaClient } from "../generated/prisma/client";
import { afterInventory, afterUsageSync } from "../execution/handlers/after-inventory";
import { bulkExecuteHandler } from "../execution/handlers/bulk";
import { rolloutHandler } from "../execution/handlers/rollout";
import { executeRequestHandler } from "../execution/handlers/execute";
import { approvalTimeoutsHandler, inventorySyncHandler, mailHandler } from "../execution/handlers/maintenance";
import { reclaimDailyHandler } from "../execution/handlers/reclaim";
import { reconcileHandler } from "../execution/handlers/reconcile";
import { usageSyncHandler } from "../execution/handlers/usage";
import { ensureRecurringJobs } from "../execution/handlers/recurring";
import { optimizerNightlyHandler } from "../execution/handlers/optimizer";
import { runNightlyOptimizer } from "../services/optimizer";
import { reportsSnapshotHandler } from "../execution/handlers/snapshot";
import { runReclaim } from "../services/reclaim";
import { processApprovalTimeouts } from "../services/requests/timeouts";
import { takeReportsSnapshot } from "../services/snapshots";
import { Worker, type WorkerOptions } from "../execution/worker";
import { webhookDeliveryHandler, type WebhookDeliveryOptions } from "../execution/handlers/webhooks";
import { getConfig } from "../config";
import { tracedHandlers } from "../observability/tracing";

export interface ExecutorSettings {
  db: PrismaClient;
  gateway: () => AwsGateway;
  regions: readonly string[];
  leaseMs: number;
  pollMs: number;
  reconcileTimeoutMs: number;
  inventorySyncMs: number;
  /** How often CloudWatch usage is synced; default 6 hours. */
  usageSyncMs?: number;
  mail: { smtpUrl?: string; from: string };
  checkpoint?: WorkerOptions["checkpoint"];
  onError?: WorkerOptions["onError"];
  renewLease?: WorkerOptions["renewLease"];
  owner?: string;
  /** First retry delay of a failed job attempt (default 1 s, doubling). */
  retryBaseMs?: number;
  /** Reconcile poll interval while requests are in progress. */
  reconcileBusyMs?: number;
  /** Webhook delivery (production defaults to the configuration's). */
  webhooks?: Partial<WebhookDeliveryOptions>;
  /** How soon a staged rollout looks again at WorkSpaces under way (default 15 s). */
  rolloutPollMs?: number;
  /** Jobs run at once (default 8). */
  concurrency?: number;
}

/** The executor of one process: every job kind's handler on one worker. */
export function createExecutor(settings: ExecutorSettings): Worker {
  return new Worker({
    db: settings.db,
    owner: settings.owner,
    leaseMs: settings.leaseMs,
    pollMs: settings.pollMs,
    concurrency: settings.concurrency,
    checkpoint: settings.checkpoint,
    retryBaseMs: settings.retryBaseMs,
    onError: settings.onError,
    renewLease: settings.renewLease,
    // Each job runs in a span continuing the trace of the request that queued it.
    handlers: tracedHandlers({
      "request.execute": executeRequestHandler(settings.gateway),
      "request.reconcile": reconcileHandler(settings.gateway, {
        timeoutMs: settings.reconcileTimeoutMs,
        busyIntervalMs: settings.reconcileBusyMs,
      }),
      "inventory.sync": inventorySyncHandler(settings.gateway, settings.regions, settings.inventorySyncMs),
      "usage.sync": afterInventory(
        settings.regions,
        usageSyncHandler(settings.gateway, settings.regions, settings.usageSyncMs ?? 6 * 3_600_000),
      ),
      "approvals.timeouts": approvalTimeoutsHandler(processApprovalTimeouts),
      "mail.send": mailHandler(settings.mail),
      "bulk.execute": bulkExecuteHandler(settings.gateway),
      "rollout.run": rolloutHandler(settings.gateway, { pollMs: settings.rolloutPollMs, timeoutMs: settings.reconcileTimeoutMs }),
      "optimizer.nightly": afterInventory(settings.regions, optimizerNightlyHandler(runNightlyOptimizer)),
      "reports.snapshot": afterInventory(settings.regions, afterUsageSync(reportsSnapshotHandler(takeReportsSnapshot))),
      // After the first usage sync attempt, which learns never-used WorkSpaces' age: a fresh start warns about old ones at once.
      "reclaim.daily": afterInventory(settings.regions, afterUsageSync(reclaimDailyHandler(runReclaim))),
      "webhook.deliver": webhookDeliveryHandler({ production: getConfig().production, ...settings.webhooks }),
    }),
  });
}

export async function startExecutor(settings: ExecutorSettings): Promise<Worker> {
  await ensureRecurringJobs(settings.db);
  const worker = createExecutor(settings);
  worker.start();
  return worker;
}
