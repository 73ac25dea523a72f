import { AwsGatewayError, type AwsGateway, type BatchResult, type ItemFailure, type RegionGateway } from "../../aws";
import { recordAudit } from "../../core/audit";
import type { BulkParams } from "../../schemas/admin";
import { SYSTEM } from "../../core/tx";
import { INVENTORY_SYNC_KEY, pokeJob } from "../../core/outbox";
import type { JobContext, JobHandler } from "../worker";

// Runs an admin's bulk operation: pending items in batches of 25 (the batch APIs' limit), one batch at a
// time, writing each batch's outcome and its AWS request ids before the next call. A crash repeats at
// most the batch in flight; the items already recorded are never sent again.

const BATCH = 25;

const OPERATION: Record<BulkParams["action"], string> = {
  reboot: "RebootWorkspaces",
  start: "StartWorkspaces",
  stop: "StopWorkspaces",
  rebuild: "RebuildWorkspaces",
  terminate: "TerminateWorkspaces",
  migrate: "MigrateWorkspace",
  runningMode: "ModifyWorkspaceProperties",
  tags: "CreateTags",
};

async function oneByOne(ids: string[], call: (id: string) => Promise<{ requestId: string }>): Promise<BatchResult> {
  const result: BatchResult = { succeeded: [], failed: [], requestIds: [] };
  for (const id of ids) {
    try {
      result.requestIds.push((await call(id)).requestId);
      result.succeeded.push(id);
    } catch (error) {
      if (!(error instanceof AwsGatewayError)) throw error;
      result.failed.push({ workspaceId: id, code: error.details.awsCode ?? error.reason, message: error.message, reason: error.reason });
    }
  }
  return result;
}

function runBatch(gw: RegionGateway, params: BulkParams, ids: string[]): Promise<BatchResult> {
  switch (params.action) {
    case "reboot":
      return gw.workspaces.reboot(ids);
    case "start":
      return gw.workspaces.start(ids);
    case "stop":
      return gw.workspaces.stop(ids);
    case "rebuild":
      return gw.workspaces.rebuild(ids);
    case "terminate":
      return gw.workspaces.terminate(ids);
    case "migrate":
      return oneByOne(ids, (id) => gw.workspaces.migrate(id, params.bundleId));
    case "runningMode":
      return oneByOne(ids, (id) =>
        gw.workspaces.modifyProperties(id, { runningMode: params.runningMode, autoStopTimeoutMinutes: params.runningMode === "AUTO_STOP" ? params.autoStopTimeoutMinutes : undefined }),
      );
    case "tags":
      return oneByOne(ids, (id) => gw.tags.createTags(id, params.tags));
  }
}

const plain = (f: ItemFailure) => f.message || `AWS refused it (${f.code}).`;

async function recordBatch(fenced: JobContext["fenced"], operationId: string, params: BulkParams, region: string, ids: string[], result: BatchResult) {
  await fenced(async (tx) => {
    if (result.succeeded.length) {
      await tx.bulkItem.updateMany({
        where: { operationId, workspaceId: { in: result.succeeded }, status: "PENDING" },
        data: { status: "DONE", reason: null, code: null, awsRequestId: result.requestIds.join(" ").slice(0, 500), attempts: { increment: 1 } },
      });
    }
    for (const f of result.failed) {
      await tx.bulkItem.updateMany({
        where: { operationId, workspaceId: f.workspaceId, status: "PENDING" },
        data: { status: "FAILED", reason: plain(f), code: f.code, attempts: { increment: 1 } },
      });
    }
    // Every id is either accepted or failed by the gateway; this only guards the loop against a surprise.
    await tx.bulkItem.updateMany({ where: { operationId, workspaceId: { in: ids }, status: "PENDING" }, data: { status: "FAILED", reason: "AWS gave no answer for this WorkSpace.", code: "no_answer" } });
    await recordAudit(tx, {
      actor: SYSTEM,
      action: `aws.${OPERATION[params.action]}`,
      targetType: "bulkOperation",
      targetId: operationId,
      awsRequestIds: result.requestIds,
      detail: { region, succeeded: result.succeeded, failed: result.failed.map((f) => ({ workspaceId: f.workspaceId, code: f.code, reason: f.reason })) },
    });
  });
}

export function bulkExecuteHandler(gateway: () => AwsGateway): JobHandler {
  return {
    async run(job, ctx) {
      const { operationId } = job.payload as { operationId: string };
      const op = await ctx.db.bulkOperation.findUnique({ where: { id: operationId } });
      if (!op) return;
      const params = op.params as unknown as BulkParams;
      for (;;) {
        const next = await ctx.db.bulkItem.findFirst({ where: { operationId, status: "PENDING" }, select: { region: true }, orderBy: { workspaceId: "asc" } });
        if (!next) break;
        const items = await ctx.db.bulkItem.findMany({ where: { operationId, status: "PENDING", region: next.region }, orderBy: { workspaceId: "asc" }, take: BATCH, select: { workspaceId: true } });
        const ids = items.map((i) => i.workspaceId);
        await ctx.checkpoint("bulk:before-aws");
        await ctx.assertLease();
        const gw = gateway().region(next.region);
        const result = await runBatch(gw, params, ids);
        await ctx.checkpoint("bulk:after-aws");
        await recordBatch(ctx.fenced, operationId, params, next.region, ids, result);
      }
      // Let the inventory catch up with the new states soon, so the fleet table does not lag behind.
      await pokeJob(ctx.db, INVENTORY_SYNC_KEY);
    },
  };
}
