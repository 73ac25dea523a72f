import "server-only";
import type { z } from "zod";
import { db } from "../../db";
import { kickExecutor } from "../../core/signal";
import { recordAudit } from "../../core/audit";
import { notFound, ServiceError } from "../../core/errors";
import { enqueueJob } from "../../core/outbox";
import { toJson } from "../../core/tx";
import { parseInput, requireAdmin, type AdminCaller } from "./guard";
import { bulkActionLabel } from "../../presentation/describe";
import { startBulkInput } from "../../schemas/admin";
import { DESTRUCTIVE_CHANGE_TYPES } from "../../domain";

export const BULK_JOB_KIND = "bulk.execute";

/**
 * Records a bulk operation with one pending item per WorkSpace and hands it to the executor, all in one
 * transaction: the operation exists exactly when its job does, and a crash loses nothing. WorkSpaces the
 * cache does not know (or knows to be gone) fail at once with that reason rather than silently vanish.
 */
export async function startBulkOperation(caller: AdminCaller, raw: z.input<typeof startBulkInput>): Promise<{ operationId: string }> {
  const actor = await requireAdmin(caller);
  const input = parseInput(startBulkInput, raw);
  const { params } = input;
  // A bulk action is a change type; destructive by the same rule as a request.
  if (DESTRUCTIVE_CHANGE_TYPES.includes(params.action) && !input.confirmed) {
    throw new ServiceError("invalid", `${bulkActionLabel(params.action)} cannot be undone for the user; confirm it first.`);
  }
  const ids = [...new Set(input.workspaceIds)];
  const known = await db().workspace.findMany({ where: { id: { in: ids } }, select: { id: true, region: true, goneAt: true } });
  const byId = new Map(known.map((w) => [w.id, w]));
  const operationId = await db().$transaction(async (tx) => {
    const op = await tx.bulkOperation.create({
      data: { action: params.action, params: toJson(params), createdById: actor.id, createdBy: actor.name },
    });
    await tx.bulkItem.createMany({
      data: ids.map((workspaceId) => {
        const row = byId.get(workspaceId);
        const gone = !row || row.goneAt !== null;
        return {
          operationId: op.id,
          workspaceId,
          region: row?.region ?? "unknown",
          status: gone ? ("FAILED" as const) : ("PENDING" as const),
          reason: gone ? "This WorkSpace is not in the inventory (it may have been terminated)." : null,
          code: gone ? "not_found" : null,
        };
      }),
    });
    await recordAudit(tx, {
      actor,
      action: "bulk.started",
      targetType: "bulkOperation",
      targetId: op.id,
      after: { params, workspaceIds: ids },
    });
    await enqueueJob(tx, { kind: BULK_JOB_KIND, payload: { operationId: op.id }, maxAttempts: 20 });
    return op.id;
  });
  kickExecutor();
  return { operationId };
}

/** Puts the failed items back to pending and runs them again; only once the operation has finished. */
export async function retryBulkFailures(caller: AdminCaller, operationId: string): Promise<{ retried: number }> {
  const actor = await requireAdmin(caller);
  const retried = await db().$transaction(async (tx) => {
    const op = await tx.bulkOperation.findUnique({ where: { id: operationId }, select: { id: true } });
    if (!op) throw notFound("That bulk operation");
    if (await tx.bulkItem.count({ where: { operationId, status: "PENDING" } })) {
      throw new ServiceError("conflict", "This operation is still running; retry its failures once it has finished.");
    }
    const failed = await tx.bulkItem.findMany({
      where: { operationId, status: "FAILED", code: { not: "not_found" } },
      select: { workspaceId: true },
    });
    if (!failed.length) return 0;
    await tx.bulkItem.updateMany({
      where: { operationId, status: "FAILED", code: { not: "not_found" } },
      data: { status: "PENDING", reason: null, code: null },
    });
    await recordAudit(tx, {
      actor,
      action: "bulk.retried",
      targetType: "bulkOperation",
      targetId: operationId,
      after: { workspaceIds: failed.map((f) => f.workspaceId) },
    });
    await enqueueJob(tx, { kind: BULK_JOB_KIND, payload: { operationId }, maxAttempts: 20 });
    return failed.length;
  });
  kickExecutor();
  return { retried };
}
