import "server-only";
import { pendingApprovalStatus } from "../../domain";
import { parseStoredChange } from "../../core/stored-change";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { emitRequestEvent } from "../../core/webhooks";
import { notify, retireApprovalNotifications } from "../../core/notifications";
import { getPolicySettings } from "../../core/settings";
import { SYSTEM } from "../../core/tx";
import { describeWithNames } from "../../core/change-words";
import { notifyApprovers } from "../../core/approvers";

/**
 * Escalates requests that waited too long for their manager (admins may then decide them too) and
 * expires those that waited longer still. Run periodically by the executor; safe to run concurrently,
 * since each transition is a conditional update.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

export async function processApprovalTimeouts(now = new Date()): Promise<{ escalated: number; expired: number }> {
  const settings = await getPolicySettings(db());
  // Only requests with something due: old enough to expire, or to escalate and not escalated yet. Reading
  // every pending request (or the oldest N) would let long-escalated ones crowd out newer ones.
  const escalateBefore = new Date(now.getTime() - settings.escalationDays * DAY_MS);
  const expireBefore = new Date(now.getTime() - settings.expiryDays * DAY_MS);
  const pending = await db().request.findMany({
    where: {
      status: "PENDING_APPROVAL",
      OR: [{ createdAt: { lte: expireBefore } }, { createdAt: { lte: escalateBefore }, escalatedAt: null }],
    },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
  let escalated = 0;
  let expired = 0;
  for (const request of pending) {
    const standing = pendingApprovalStatus(request.createdAt, now, settings);
    const what = await describeWithNames(db(), parseStoredChange(request.change), request.region);
    if (standing === "EXPIRED") {
      const done = await db().$transaction(async (tx) => {
        const { count } = await tx.request.updateMany({
          where: { id: request.id, status: "PENDING_APPROVAL" },
          data: { status: "EXPIRED", completedAt: now },
        });
        if (count !== 1) return false;
        await tx.emailActionToken.updateMany({ where: { requestId: request.id, usedAt: null }, data: { usedAt: now } });
        await recordAudit(tx, {
          actor: SYSTEM,
          action: "request.expired",
          targetType: "request",
          targetId: request.id,
          requestId: request.id,
          detail: { expiryDays: settings.expiryDays },
        });
        await emitRequestEvent(tx, "request.expired", request.id, now);
        await retireApprovalNotifications(tx, request.id, now);
        await notify(tx, {
          userId: request.requesterId,
          requestId: request.id,
          kind: "request.expired",
          title: "Your request expired",
          body: `${what} was not decided within ${settings.expiryDays} days and has expired. Submit it again if you still need it.`,
          link: `/requests/${request.id}`,
          mail: {},
        });
        return true;
      });
      if (done) expired += 1;
    } else if (standing === "ESCALATE" && !request.escalatedAt) {
      const done = await db().$transaction(async (tx) => {
        const { count } = await tx.request.updateMany({
          where: { id: request.id, status: "PENDING_APPROVAL", escalatedAt: null },
          data: { escalatedAt: now },
        });
        if (count !== 1) return false;
        await recordAudit(tx, {
          actor: SYSTEM,
          action: "request.escalated",
          targetType: "request",
          targetId: request.id,
          requestId: request.id,
          detail: { escalationDays: settings.escalationDays },
        });
        // Everyone who may decide now is told again, once: the earlier notifications are read.
        await retireApprovalNotifications(tx, request.id, now);
        await notifyApprovers(
          tx,
          { ...request, escalatedAt: now },
          {
            what,
            summary:
              `Escalated after ${settings.escalationDays} days without a decision.\n${what}\n` + `Justification: ${request.justification}`,
          },
          now,
        );
        await notify(tx, {
          userId: request.requesterId,
          requestId: request.id,
          kind: "request.escalated",
          title: "Your request was escalated",
          body: `${what} waited ${settings.escalationDays} days for a decision, so admins can now decide it too.`,
          link: `/requests/${request.id}`,
          mail: {},
        });
        return true;
      });
      if (done) escalated += 1;
    }
  }
  return { escalated, expired };
}
