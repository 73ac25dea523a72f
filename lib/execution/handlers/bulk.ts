import "server-only";
import type { AwsGateway, BatchResult, ItemFailure } from "../../aws";
import { changeForBulkItem, parseBulkParams } from "../../changes/bulk";
import { batchExecution } from "../../changes/registry";
import { recordAudit } from "../../core/audit";
import { SYSTEM } from "../../core/tx";
import { accountsOfWorkspaces, gatewayForAccount } from "../../core/accounts";
import { INVENTORY_SYNC_KEY, pokeJob } from "../../core/outbox";
import { PermanentJobError, type JobContext, type JobHandler } from "../worker";

// Runs an admin's bulk operation: pending items in batches of 25 (the batch APIs' limit), one batch at a
// time, writing each batch's outcome and its AWS request ids before the next call. A crash repeats at
// most the batch in flight; the items already recorded are never sent again.

const BATCH = 25;

const plain = (f: ItemFailure) => f.message || `AWS refused it (${f.code}).`;

async function recordBatch(
  fenced: JobContext["fenced"],
  operationId: string,
  awsOperation: string,
  region: string,
  ids: string[],
  result: BatchResult,
) {
  await fenced(async (tx) => {
    if (result.succeeded.length) {
      await tx.bulkItem.updateMany({
        where: { operationId, workspaceId: { in: result.succeeded }, status: "PENDING" },
        data: {
          status: "DONE",
          reason: null,
          code: null,
          awsRequestId: result.requestIds.join(" ").slice(0, 500),
          attempts: { increment: 1 },
        },
      });
    }
    for (const f of result.failed) {
      await tx.bulkItem.updateMany({
        where: { operationId, workspaceId: f.workspaceId, status: "PENDING" },
        data: { status: "FAILED", reason: plain(f), code: f.code, attempts: { increment: 1 } },
      });
    }
    // Every id is either accepted or failed by the gateway; this only guards the loop against a surprise.
    await tx.bulkItem.updateMany({
      where: { operationId, workspaceId: { in: ids }, status: "PENDING" },
      data: { status: "FAILED", reason: "AWS gave no answer for this WorkSpace.", code: "no_answer" },
    });
    await recordAudit(tx, {
      actor: SYSTEM,
      action: `aws.${awsOperation}`,
      targetType: "bulkOperation",
      targetId: operationId,
      awsRequestIds: result.requestIds,
      detail: {
        region,
        succeeded: result.succeeded,
        failed: result.failed.map((f) => ({ workspaceId: f.workspaceId, code: f.code, reason: f.reason })),
      },
    });
  });
}

export function bulkExecuteHandler(gateway: () => AwsGateway): JobHandler {
  return {
    async run(job, ctx) {
      const { operationId } = job.payload as { operationId: string };
      const op = await ctx.db.bulkOperation.findUnique({ where: { id: operationId } });
      if (!op) return;
      const params = parseBulkParams(op.params);
      for (;;) {
        const next = await ctx.db.bulkItem.findFirst({
          where: { operationId, status: "PENDING" },
          select: { region: true, workspaceId: true },
          orderBy: { workspaceId: "asc" },
        });
        if (!next) break;
        const items = await ctx.db.bulkItem.findMany({
          where: { operationId, status: "PENDING", region: next.region },
          orderBy: { workspaceId: "asc" },
          take: BATCH,
          select: { workspaceId: true },
        });
        // One call goes to one AWS account: this batch is the first item's account's (others' come in a later one).
        const accounts = await accountsOfWorkspaces(ctx.db, [next.workspaceId, ...items.map((i) => i.workspaceId)]);
        const accountId = accounts.get(next.workspaceId)!;
        const ids = items.map((i) => i.workspaceId).filter((id) => accounts.get(id) === accountId);
        await ctx.checkpoint("bulk:before-aws");
        await ctx.assertLease();
        const gw = (await gatewayForAccount(ctx.db, gateway, accountId)).region(next.region);
        const changes = ids.map((id) => changeForBulkItem(params, id));
        const execution = batchExecution(changes[0]!);
        if (!execution) throw new PermanentJobError(`A bulk ${params.action} cannot be carried out.`);
        const result = await execution.callBatch(gw, changes);
        await ctx.checkpoint("bulk:after-aws");
        await recordBatch(ctx.fenced, operationId, execution.awsOperation, next.region, ids, result);
        const settled = execution.stateAfterCall?.(changes[0]!);
        if (settled && result.succeeded.length) {
          // AWS shows this state at once (maintenance): the cache, and so the executor's hold, need not wait for a sync.
          await ctx.fenced((tx) =>
            tx.workspace.updateMany({
              where: { id: { in: result.succeeded }, state: { not: settled } },
              data: { state: settled, stateChangedAt: new Date() },
            }),
          );
        }
      }
      // Let the inventory catch up with the new states soon, so the fleet table does not lag behind.
      await pokeJob(ctx.db, INVENTORY_SYNC_KEY);
    },
  };
}
