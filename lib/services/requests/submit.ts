import "server-only";
import { formatMoney, type Refusal } from "../../domain";
import { db } from "../../db";
import { kickExecutor } from "../../core/signal";
import { recordAudit } from "../../core/audit";
import { emitRequestEvent } from "../../core/webhooks";
import { isUniqueViolation, ServiceError } from "../../core/errors";
import { notify } from "../../core/notifications";
import { enqueueJob } from "../../core/outbox";
import { toJson, type Actor } from "../../core/tx";
import { assessChange, type ChangeInput, type RequestActor } from "./assess";
import { describeWithNames } from "../../core/change-words";
import { notifyApprovers } from "../../core/approvers";

export interface SubmitInput extends ChangeInput {
  justification: string;
  /** Sent by the form with each render; a second submit with the same key returns the first request. */
  idempotencyKey?: string;
  /** Who the audit names as submitting it when a portal job raises it for the requester (the reclaim job); default: the requester. */
  submittedBy?: Actor;
}

export type SubmitResult =
  | { ok: true; requestId: string; status: "PENDING_APPROVAL" | "APPROVED"; duplicate: boolean; why: string }
  | { ok: false; reasons: Refusal[] };

async function existingForKey(actorId: string, key: string | undefined): Promise<SubmitResult | null> {
  if (!key) return null;
  const found = await db().request.findUnique({
    where: { idempotencyKey: key },
    select: { id: true, requesterId: true, status: true, approvalReason: true },
  });
  if (!found) return null;
  if (found.requesterId !== actorId) throw new ServiceError("conflict", "This form was already used by someone else; reload the page.");
  const status = found.status === "PENDING_APPROVAL" ? "PENDING_APPROVAL" : "APPROVED";
  return { ok: true, requestId: found.id, status, duplicate: true, why: found.approvalReason };
}

export async function submitRequest(actor: RequestActor, input: SubmitInput, now = new Date()): Promise<SubmitResult> {
  const earlier = await existingForKey(actor.id, input.idempotencyKey);
  if (earlier) return earlier;

  const assessment = await assessChange(db(), actor, input, now);
  if (!assessment.allowed) return { ok: false, reasons: assessment.reasons };
  const { change, approval, cost } = assessment;
  const status = approval.autoApproved ? "APPROVED" : "PENDING_APPROVAL";
  const costDeltaCents = cost.ok ? cost.delta.cents : null;
  const what = await describeWithNames(db(), change, assessment.region);
  const summary =
    `${actor.name}: ${what}.` +
    (cost.ok && cost.delta.cents !== 0
      ? ` Monthly cost ${cost.delta.cents > 0 ? "+" : "−"}${formatMoney({ ...cost.delta, cents: Math.abs(cost.delta.cents) })}.`
      : "") +
    `\nJustification: ${input.justification}`;

  let requestId: string;
  try {
    requestId = await db().$transaction(async (tx) => {
      const request = await tx.request.create({
        data: {
          type: change.type,
          change: toJson(change),
          workspaceId: change.type === "create" ? null : change.workspaceId,
          region: assessment.region,
          directoryId: assessment.directoryId,
          requesterId: actor.id,
          beneficiaryId: assessment.beneficiary.id,
          justification: input.justification,
          status,
          costDeltaCents,
          currency: cost.ok ? cost.delta.currency : "USD",
          approvalReason: approval.why,
          approvalSteps: toJson(approval.steps),
          confirmedDestructive: Boolean(input.confirmDestructive),
          idempotencyKey: input.idempotencyKey ?? null,
          origin: input.origin ?? null,
          decidedAt: approval.autoApproved ? now : null,
          createdAt: now,
        },
      });
      const actorRef: Actor = input.submittedBy ?? { kind: "user", id: actor.id, name: actor.name, role: actor.role, via: actor.via };
      await recordAudit(tx, {
        actor: actorRef,
        action: "request.submitted",
        targetType: change.type === "create" ? "user" : "workspace",
        targetId: change.type === "create" ? assessment.beneficiary.id : change.workspaceId,
        requestId: request.id,
        after: { change, costDeltaCents, approval, justification: input.justification, origin: input.origin ?? null },
      });
      await emitRequestEvent(tx, "request.submitted", request.id, now);
      if (approval.autoApproved) {
        await emitRequestEvent(tx, "request.approved", request.id, now);
        await recordAudit(tx, {
          actor: actorRef,
          action: "request.auto_approved",
          targetType: "request",
          targetId: request.id,
          requestId: request.id,
          detail: { why: approval.why },
        });
        await enqueueJob(tx, { kind: "request.execute", payload: { requestId: request.id }, dedupeKey: `execute:${request.id}` });
      } else {
        await notifyApprovers(tx, request, { what, summary }, now);
      }
      await notify(tx, {
        userId: actor.id,
        requestId: request.id,
        kind: "request.submitted",
        title: approval.autoApproved ? "Your request is on its way" : "Your request is waiting for approval",
        body: `${what}. ${approval.why}`,
        link: `/requests/${request.id}`,
      });
      return request.id;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await existingForKey(actor.id, input.idempotencyKey);
    if (raced) return raced;
    return {
      ok: false,
      reasons: [
        { code: "OPEN_REQUEST", message: "This WorkSpace already has a request in progress; wait for it to finish or cancel it first." },
      ],
    };
  }
  if (status === "APPROVED") kickExecutor();
  return { ok: true, requestId, status, duplicate: false, why: approval.why };
}
