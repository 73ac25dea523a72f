import "server-only";
import { awaitingDecision, mayDecide, parseApprovalSteps } from "../../domain";
import type { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import type { DecisionChannel, DecisionKind } from "../../generated/prisma/enums";
import { kickExecutor } from "../../core/signal";
import { recordAudit } from "../../core/audit";
import { emitRequestEvent } from "../../core/webhooks";
import { consumeEmailAction, checkEmailAction } from "../../core/email-links";
import { isUniqueViolation, notFound, ServiceError } from "../../core/errors";
import { notify, retireApprovalNotifications } from "../../core/notifications";
import { enqueueJob } from "../../core/outbox";
import type { RequestActor } from "./assess";
import { describeWithNames } from "../../core/change-words";
import { approvalFactsForPerson } from "../../core/approvers";
import { notifyApprovers } from "../../core/approvers";
import { parseStoredChange } from "../../core/stored-change";

export interface DecideInput {
  requestId: string;
  decision: DecisionKind;
  comment?: string;
  channel: DecisionChannel;
  /** For the EMAIL channel: the link's token, used up by this decision. */
  emailToken?: string;
  /** For the API channel: the token the ITSM tool called with, recorded on the decision. */
  apiTokenId?: string;
}

export type DecideResult = { ok: true; status: "PENDING_APPROVAL" | "APPROVED" | "REJECTED" };

const ALREADY_DECIDED = "Someone else decided this request a moment ago; it is no longer waiting for you.";
const REROUTED = "This request was just routed to someone else; it is no longer waiting for you.";

/**
 * Records one approver's decision on the step the request waits for. The Decision row's unique
 * (requestId, step) and the conditional status update make sure exactly one of two simultaneous
 * decisions wins; the loser gets a plain "already decided" answer and changes nothing.
 */
export async function decideRequest(actor: RequestActor, input: DecideInput, now = new Date()): Promise<DecideResult> {
  const comment = input.comment?.trim() || undefined;
  if (input.decision === "REJECTED" && !comment)
    throw new ServiceError("invalid", "Say why you reject the request; the requester sees your reason.");

  const request = await db().request.findUnique({ where: { id: input.requestId } });
  if (!request) throw notFound("That request");
  const awaiting = awaitingDecision(request);
  // Roles and delegations as they are now, whatever the channel and whatever the session remembers.
  const facts = await approvalFactsForPerson(db(), actor.id, now);
  const right = mayDecide(actor.id, awaiting, facts);
  // The domain's refusal code travels with the reason, so the REST API can answer with it.
  if (!right.ok && right.code === "OWN_REQUEST")
    throw new ServiceError("forbidden", right.reason, [{ code: right.code, message: right.reason }]);
  if (request.status !== "PENDING_APPROVAL") {
    if (right.ok || facts.people.some((p) => p.id === actor.id && p.role === "ADMIN")) throw new ServiceError("conflict", ALREADY_DECIDED);
    throw notFound("That request");
  }
  const step = awaiting.step;
  if (!right.ok) throw new ServiceError("forbidden", right.reason, [{ code: right.code, message: right.reason }]);
  if (!step) {
    const reason = "This request is not waiting for you.";
    throw new ServiceError("forbidden", reason, [{ code: "NOT_WAITING_FOR_YOU", message: reason }]);
  }

  const steps = parseApprovalSteps(request.approvalSteps);
  const isLast = request.currentStep >= steps.length - 1;
  const nextStatus = input.decision === "REJECTED" ? "REJECTED" : isLast ? "APPROVED" : "PENDING_APPROVAL";
  const change = parseStoredChange(request.change);
  const what = await describeWithNames(db(), change, request.region);
  const actorRef = { kind: "user" as const, id: actor.id, name: actor.name, role: actor.role, via: actor.via };

  try {
    await db().$transaction(async (tx) => {
      if (input.channel === "EMAIL") {
        const token = input.emailToken ? await checkEmailAction(tx, input.emailToken, actor.id, now) : null;
        if (!token?.ok) throw new ServiceError("invalid", token?.reason ?? "This link is not valid.");
        if (token.requestId !== request.id || token.step !== request.currentStep || token.action !== input.decision)
          throw new ServiceError("invalid", "This link does not match the request.");
        if (!(await consumeEmailAction(tx, token.tokenId, now))) throw new ServiceError("conflict", "This link has already been used.");
      }
      await tx.decision.create({
        data: {
          requestId: request.id,
          step: request.currentStep,
          stepRole: step.role,
          approverId: actor.id,
          onBehalfOfId: right.onBehalfOf ?? null,
          decision: input.decision,
          comment: comment ?? null,
          channel: input.channel,
          apiTokenId: input.apiTokenId ?? null,
          createdAt: now,
        },
      });
      const updated = await tx.request.updateMany({
        // Unchanged steps: a request routed to someone else meanwhile is no longer this person's to decide.
        where: {
          id: request.id,
          status: "PENDING_APPROVAL",
          currentStep: request.currentStep,
          approvalSteps: { equals: request.approvalSteps as Prisma.InputJsonValue },
        },
        data: {
          status: nextStatus,
          currentStep: nextStatus === "PENDING_APPROVAL" ? request.currentStep + 1 : request.currentStep,
          decidedAt: nextStatus === "PENDING_APPROVAL" ? null : now,
          escalatedAt: nextStatus === "PENDING_APPROVAL" ? null : request.escalatedAt,
        },
      });
      if (updated.count !== 1) {
        const current = await tx.request.findUnique({ where: { id: request.id }, select: { status: true, currentStep: true } });
        throw new ServiceError(
          "conflict",
          current?.status === "PENDING_APPROVAL" && current.currentStep === request.currentStep ? REROUTED : ALREADY_DECIDED,
        );
      }
      await recordAudit(tx, {
        actor: actorRef,
        action: input.decision === "APPROVED" ? "request.approved" : "request.rejected",
        targetType: "request",
        targetId: request.id,
        requestId: request.id,
        before: { status: request.status, currentStep: request.currentStep },
        after: { status: nextStatus },
        detail: { step: step.role, comment, channel: input.channel, onBehalfOf: right.onBehalfOf },
      });

      if (nextStatus === "REJECTED") await emitRequestEvent(tx, "request.rejected", request.id, now);
      else if (nextStatus === "APPROVED") await emitRequestEvent(tx, "request.approved", request.id, now);

      // Whatever the outcome, nobody is asked to decide this step any more: the approvers' notifications are read.
      await retireApprovalNotifications(tx, request.id, now);
      if (nextStatus === "REJECTED") {
        await notify(tx, {
          userId: request.requesterId,
          requestId: request.id,
          kind: "request.rejected",
          title: "Your request was rejected",
          body: `${what} was rejected by ${actor.name}: ${comment}`,
          link: `/requests/${request.id}`,
          mail: {},
        });
      } else if (nextStatus === "APPROVED") {
        await enqueueJob(tx, { kind: "request.execute", payload: { requestId: request.id }, dedupeKey: `execute:${request.id}` });
        await notify(tx, {
          userId: request.requesterId,
          requestId: request.id,
          kind: "request.approved",
          title: "Your request was approved",
          body: `${what} was approved by ${actor.name}${comment ? `: ${comment}` : ""}. It starts now.`,
          link: `/requests/${request.id}`,
          mail: {},
        });
      } else {
        const next = { ...request, currentStep: request.currentStep + 1, escalatedAt: null };
        await notifyApprovers(
          tx,
          next,
          {
            what,
            summary: `${what}\nApproved by ${actor.name}; an admin's approval is needed as well.\nJustification: ${request.justification}`,
          },
          now,
        );
        await notify(tx, {
          userId: request.requesterId,
          requestId: request.id,
          kind: "request.step_approved",
          title: "Your manager approved; an admin decides next",
          body: `${what} was approved by ${actor.name}. It now needs an admin's approval.`,
          link: `/requests/${request.id}`,
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ServiceError("conflict", ALREADY_DECIDED);
    throw error;
  }
  if (nextStatus === "APPROVED") kickExecutor();
  return { ok: true, status: nextStatus };
}
