import "server-only";
import { awaitingDecision, managerStepFor, mayDecide, parseApprovalSteps, rerouteManagerSteps } from "../domain";
import { Prisma } from "../generated/prisma/client";
import { recordAudit } from "./audit";
import { approvalFactsForPerson } from "./approvers";
import { parseStoredChange } from "./stored-change";
import { toJson, type Actor, type Tx } from "./tx";
import { changeNames } from "./change-words";
import { retireApprovalNotifications } from "./notifications";
import { notifyApprovers } from "./approvers";

// Pending manager steps follow the organisation: when a requester's manager changes, or the manager a
// step names stops being an approver, the step goes to whoever should decide it now, and the links
// mailed for it stop working.

export type RerouteCause = { kind: "manager_changed"; requesterId: string } | { kind: "approver_role_changed"; approverId: string };

const WHY: Record<RerouteCause["kind"], (requesterName: string) => string> = {
  manager_changed: (name) => `${name}'s manager changed, so this request now waits for you.`,
  approver_role_changed: () => "The approver it waited for no longer approves requests, so it now waits for you.",
};

/**
 * Call inside the transaction that changes the organisation, after the change, so the new manager and
 * roles are what it reads. Returns how many requests went to someone else.
 */
export async function rerouteOpenApprovals(tx: Tx, actor: Actor, cause: RerouteCause, now: Date): Promise<number> {
  const step = Prisma.sql`("approvalSteps" -> "currentStep")`;
  const affected =
    cause.kind === "manager_changed"
      ? Prisma.sql`"requesterId" = ${cause.requesterId}`
      : Prisma.sql`${step} ->> 'approverId' = ${cause.approverId}`;
  // Locked, so a decision racing this change waits for it and then finds the steps changed.
  const rows = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT "id" FROM "Request"
    WHERE "status" = 'PENDING_APPROVAL' AND ${step} ->> 'role' = 'MANAGER' AND ${affected}
    ORDER BY "createdAt", "id" FOR UPDATE`);
  let rerouted = 0;
  for (const { id } of rows) {
    const request = await tx.request.findUniqueOrThrow({
      where: { id },
      include: { requester: { select: { name: true, manager: { select: { id: true, role: true } } } } },
    });
    const steps = parseApprovalSteps(request.approvalSteps);
    const next = rerouteManagerSteps(steps, request.currentStep, managerStepFor(request.requesterId, request.requester.manager));
    if (JSON.stringify(next) === JSON.stringify(steps)) continue;
    await tx.request.update({ where: { id }, data: { approvalSteps: toJson(next) } });
    await tx.emailActionToken.updateMany({ where: { requestId: id, step: request.currentStep, usedAt: null }, data: { usedAt: now } });
    await recordAudit(tx, {
      actor,
      action: "request.rerouted",
      targetType: "request",
      targetId: id,
      requestId: id,
      before: { approvalSteps: steps },
      after: { approvalSteps: next },
      detail: { cause: cause.kind },
    });
    const change = parseStoredChange(request.change);
    const what = (await changeNames(tx, [request.region], request.workspaceId ? [request.workspaceId] : [])).describe(change);
    // The approvers it waited for are no longer asked: their notifications are read; the new ones are told.
    await retireApprovalNotifications(tx, id, now);
    await notifyApprovers(
      tx,
      { ...request, approvalSteps: next },
      {
        what,
        summary: `${request.requester.name}: ${what}.\n${WHY[cause.kind](request.requester.name)}\nJustification: ${request.justification}`,
      },
      now,
    );
    rerouted += 1;
  }
  if (cause.kind === "approver_role_changed") await retireLinksOf(tx, cause.approverId, now);
  return rerouted;
}

/** Uses up the unused links someone holds for requests they may no longer decide (delegated or admin steps). */
async function retireLinksOf(tx: Tx, userId: string, now: Date): Promise<void> {
  const tokens = await tx.emailActionToken.findMany({
    where: { approverId: userId, usedAt: null, expiresAt: { gt: now } },
    select: { id: true, requestId: true, step: true },
  });
  if (tokens.length === 0) return;
  const requests = await tx.request.findMany({
    where: { id: { in: [...new Set(tokens.map((t) => t.requestId))] }, status: "PENDING_APPROVAL" },
    select: { id: true, requesterId: true, approvalSteps: true, currentStep: true, escalatedAt: true },
  });
  const facts = await approvalFactsForPerson(tx, userId, now);
  const stillTheirs = new Set(
    requests.filter((r) => mayDecide(userId, awaitingDecision(r), facts).ok).map((r) => `${r.id}:${r.currentStep}`),
  );
  const retired = tokens.filter((t) => !stillTheirs.has(`${t.requestId}:${t.step}`)).map((t) => t.id);
  if (retired.length > 0) await tx.emailActionToken.updateMany({ where: { id: { in: retired } }, data: { usedAt: now } });
}
