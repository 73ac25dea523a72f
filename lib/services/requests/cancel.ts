import "server-only";
import { parseStoredChange } from "../../core/stored-change";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { emitRequestEvent } from "../../core/webhooks";
import { notFound, ServiceError } from "../../core/errors";
import { notify, retireApprovalNotifications } from "../../core/notifications";
import type { RequestActor } from "./assess";
import { describeWithNames } from "../../core/change-words";
import { eligibleApprovers } from "../../core/approvers";

/** The requester withdraws a request that is still waiting for approval. */
export async function cancelRequest(actor: RequestActor, requestId: string, now = new Date()): Promise<void> {
  const request = await db().request.findFirst({ where: { id: requestId, requesterId: actor.id } });
  if (!request) throw notFound("That request");
  if (request.status !== "PENDING_APPROVAL")
    throw new ServiceError("conflict", "Only a request that is still waiting for approval can be cancelled.");
  const approvers = await eligibleApprovers(db(), request, now);
  const what = await describeWithNames(db(), parseStoredChange(request.change), request.region);
  await db().$transaction(async (tx) => {
    const { count } = await tx.request.updateMany({
      where: { id: requestId, requesterId: actor.id, status: "PENDING_APPROVAL" },
      data: { status: "CANCELLED", completedAt: now },
    });
    if (count !== 1) throw new ServiceError("conflict", "The request was decided a moment ago and can no longer be cancelled.");
    await tx.emailActionToken.updateMany({ where: { requestId, usedAt: null }, data: { usedAt: now } });
    await recordAudit(tx, {
      actor: { kind: "user", id: actor.id, name: actor.name, role: actor.role, via: actor.via },
      action: "request.cancelled",
      targetType: "request",
      targetId: requestId,
      requestId,
      before: { status: "PENDING_APPROVAL" },
      after: { status: "CANCELLED" },
    });
    await emitRequestEvent(tx, "request.cancelled", requestId, now);
    await retireApprovalNotifications(tx, requestId, now);
    for (const approver of approvers) {
      await notify(tx, {
        userId: approver.userId,
        requestId,
        kind: "request.cancelled",
        title: "A request you were asked to approve was cancelled",
        body: `${actor.name} cancelled: ${what}.`,
        link: `/approvals`,
      });
    }
  });
}
