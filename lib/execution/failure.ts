import "server-only";
import { AwsGatewayError } from "../aws";
import type { PrismaClient } from "../generated/prisma/client";
import { recordAudit } from "../core/audit";
import { emitRequestEvent } from "../core/webhooks";
import { adminIds, notify } from "../core/notifications";
import { describeWithNames } from "../core/change-words";
import { SYSTEM } from "../core/tx";
import { ItemRefused } from "../changes/types";
import { parseStoredChange } from "../core/stored-change";

/** A user-facing sentence and the raw AWS detail for the audit log. */
export function explainFailure(error: unknown): { reason: string; code: string; detail: Record<string, unknown> } {
  if (error instanceof AwsGatewayError) {
    return { reason: error.message, code: error.reason, detail: { ...error.details } };
  }
  if (error instanceof ItemRefused) {
    return {
      reason: error.awsMessage || "AWS refused the change.",
      code: error.reason,
      detail: { awsCode: error.code, awsMessage: error.awsMessage, awsRequestIds: error.awsRequestIds },
    };
  }
  return {
    reason: "The change could not be carried out because of an internal error; an admin has been told.",
    code: "internal",
    detail: { message: error instanceof Error ? error.message : String(error) },
  };
}

/** Marks an open request FAILED (once), audits the AWS error, and tells the requester and, if asked, the admins. */
export async function failRequest(
  db: PrismaClient,
  requestId: string,
  failure: { reason: string; code: string; detail?: unknown; awsRequestIds?: string[] },
  opts: { alertAdmins: boolean; now?: Date },
) {
  const now = opts.now ?? new Date();
  await db.$transaction(async (tx) => {
    const request = await tx.request.findUnique({ where: { id: requestId } });
    if (!request) return;
    const { count } = await tx.request.updateMany({
      where: { id: requestId, status: { in: ["APPROVED", "EXECUTING"] } },
      data: { status: "FAILED", completedAt: now, failureReason: failure.reason, failureCode: failure.code },
    });
    if (count !== 1) return;
    await recordAudit(tx, {
      actor: SYSTEM,
      action: "request.failed",
      targetType: "request",
      targetId: requestId,
      requestId,
      before: { status: request.status },
      after: { status: "FAILED", reason: failure.reason },
      awsRequestIds: failure.awsRequestIds ?? [],
      detail: failure.detail,
    });
    await emitRequestEvent(tx, "request.failed", requestId, now);
    const what = await describeWithNames(tx, parseStoredChange(request.change), request.region);
    await notify(tx, {
      userId: request.requesterId,
      requestId,
      kind: "request.failed",
      title: "Your request failed",
      body: `${what} could not be completed: ${failure.reason}`,
      link: `/requests/${requestId}`,
      mail: {},
    });
    if (opts.alertAdmins) {
      for (const admin of await adminIds(tx)) {
        await notify(tx, {
          userId: admin,
          requestId,
          kind: "request.failed.admin",
          title: "A request failed and needs a look",
          body: `${what}: ${failure.reason}`,
          link: `/requests/${requestId}`,
          mail: {},
        });
      }
    }
  });
}
