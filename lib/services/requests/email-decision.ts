import "server-only";
import { awaitingDecision, mayDecide } from "../../domain";
import { db } from "../../db";
import { approvalFactsForPerson, whyAskedSentences } from "../../core/approvers";
import { describeWithNames } from "../../core/change-words";
import { parseStoredChange } from "../../core/stored-change";
import { checkEmailAction } from "../../core/email-links";
import { ServiceError } from "../../core/errors";
import type { RequestActor } from "./assess";
import { decideRequest, type DecideResult } from "./decide";

/** What the confirmation page shows for a link, read-only: opening a link never changes anything. */
export async function readEmailLink(actor: RequestActor, token: string) {
  const check = await checkEmailAction(db(), token, actor.id);
  if (!check.ok) return check;
  const request = await db().request.findUnique({
    where: { id: check.requestId },
    include: { requester: { select: { name: true } } },
  });
  if (!request) return { ok: false as const, reason: "The request behind this link no longer exists." };
  if (request.status !== "PENDING_APPROVAL" || request.currentStep !== check.step) {
    return { ok: false as const, reason: "This request has already been decided, cancelled or expired." };
  }
  // The link was sent to an approver; whether they still are one is judged now, as the decision will be.
  const awaiting = awaitingDecision(request);
  const facts = await approvalFactsForPerson(db(), actor.id, new Date());
  const right = mayDecide(actor.id, awaiting, facts);
  if (!right.ok) return { ok: false as const, reason: right.reason };
  const [what, [whyAsked]] = await Promise.all([
    describeWithNames(db(), parseStoredChange(request.change), request.region),
    whyAskedSentences(db(), actor.id, facts, [{ requesterName: request.requester.name, awaiting }]),
  ]);
  return { ok: true as const, action: check.action, request, what, whyAsked: whyAsked ?? null };
}

/** The POST behind the confirmation page: the link's own action, by the signed-in person it was sent to. */
export async function decideByEmailLink(actor: RequestActor, token: string, comment: string | undefined): Promise<DecideResult> {
  const check = await checkEmailAction(db(), token, actor.id);
  if (!check.ok) throw new ServiceError("invalid", check.reason);
  return decideRequest(actor, { requestId: check.requestId, decision: check.action, comment, channel: "EMAIL", emailToken: token });
}
