import "server-only";
import {
  awaitingDecision,
  whoMayDecide,
  whyAsked,
  whyAskedSentence,
  type ApprovalFacts,
  type AwaitingDecision,
  type DelegationInForce,
  type EligibleApprover,
  type PersonWithRole,
} from "../domain";
import { issueEmailActionLinks } from "./email-links";
import { APPROVAL_NEEDED, notify } from "./notifications";
import type { Tx } from "./tx";

// Loads what the domain's approver rule reads (current roles and delegations in force) and nothing
// else: who may decide is answered by lib/domain/approvers.ts alone.

export interface StoredRequestForRouting {
  requesterId: string;
  approvalSteps: unknown;
  currentStep: number;
  escalatedAt: Date | null;
}

const inForce = (now: Date) => ({ revokedAt: null, startsAt: { lte: now }, endsAt: { gt: now } });

/** Facts to list everyone who may decide `request`: the step's manager, their delegates and every admin. */
export async function approvalFactsForRequest(tx: Tx, request: AwaitingDecision, now: Date): Promise<PersonApprovalFacts> {
  const managerId = request.step?.role === "MANAGER" ? request.step.approverId : null;
  const delegations = managerId
    ? await tx.delegation.findMany({ where: { approverId: managerId, ...inForce(now) }, select: { approverId: true, delegateId: true } })
    : [];
  const named = [...(managerId ? [managerId] : []), ...delegations.map((d) => d.delegateId)];
  const people = await tx.user.findMany({
    // A service account never decides, whatever role it was given.
    where: { serviceAccount: false, OR: [{ id: { in: named } }, { role: "ADMIN" }] },
    select: { id: true, role: true, name: true },
  });
  return { people, delegations };
}

/** Facts for judging one person on any request, with names for showing on whose behalf they decide. */
export interface PersonApprovalFacts extends ApprovalFacts {
  people: (PersonWithRole & { name: string })[];
  delegations: DelegationInForce[];
}

/** Facts to judge one person on any request: their role, and who delegated to them with those people's roles. */
export async function approvalFactsForPerson(tx: Tx, userId: string, now: Date): Promise<PersonApprovalFacts> {
  const delegations = await tx.delegation.findMany({
    where: { delegateId: userId, ...inForce(now) },
    select: { approverId: true, delegateId: true },
  });
  const people = await tx.user.findMany({
    where: { id: { in: [userId, ...delegations.map((d) => d.approverId)] }, serviceAccount: false },
    select: { id: true, name: true, role: true },
  });
  return { people, delegations };
}

/** Everyone who may decide the step the stored request waits for now. */
export async function eligibleApprovers(tx: Tx, request: StoredRequestForRouting, now: Date): Promise<EligibleApprover[]> {
  const awaiting = awaitingDecision(request);
  return whoMayDecide(awaiting, await approvalFactsForRequest(tx, awaiting, now));
}

/** What approvers are asked: the change in plain words (the notification's title) and the details for the body. */
export interface ApprovalAsk {
  /** "Change WSAMZN-LLQWLC2M (Standard, Windows) to Performance". */
  what: string;
  /** The cost, the justification and anything else the approver should read first. */
  summary: string;
}

/**
 * Tells whoever must decide the current step, in the portal and by mail with approve/reject links: what
 * is asked, by whom, and why this person is the one asked (manager, delegate or admin).
 */
export async function notifyApprovers(
  tx: Tx,
  request: { id: string; requesterId: string; approvalSteps: unknown; currentStep: number; escalatedAt: Date | null },
  ask: ApprovalAsk,
  now: Date,
) {
  const awaiting = awaitingDecision(request);
  const facts = await approvalFactsForRequest(tx, awaiting, now);
  const approvers = whoMayDecide(awaiting, facts);
  if (approvers.length === 0) return;
  const requester = await tx.user.findUnique({ where: { id: request.requesterId }, select: { name: true } });
  const requesterName = requester?.name ?? "Someone";
  const names = new Map(facts.people.map((p) => [p.id, p.name]));
  for (const approver of approvers) {
    const why = whyAsked(approver.userId, awaiting, facts);
    const because = why ? `\n${whyAskedSentence(why, { requester: requesterName, person: (id) => names.get(id) ?? "someone" })}` : "";
    const links = await issueEmailActionLinks(tx, { requestId: request.id, approverId: approver.userId, step: request.currentStep, now });
    await notify(tx, {
      userId: approver.userId,
      requestId: request.id,
      kind: APPROVAL_NEEDED,
      title: `A request needs your approval: ${ask.what}, asked by ${requesterName}`,
      body: ask.summary + because,
      link: `/approvals?request=${request.id}`,
      mail: {
        actions: [
          { label: "Approve", url: links.approveUrl, tone: "primary" },
          { label: "Reject", url: links.rejectUrl, tone: "danger" },
        ],
      },
    });
  }
}

/**
 * "You are asked because you are Alice's manager." for each of the requests `personId` may decide (null
 * where they may not), named from `facts` (the person and their delegators) and, for an escalated
 * request, the manager it waited for.
 */
export async function whyAskedSentences(
  tx: Tx,
  personId: string,
  facts: PersonApprovalFacts,
  requests: readonly { requesterName: string; awaiting: AwaitingDecision }[],
): Promise<(string | null)[]> {
  const reasons = requests.map((r) => whyAsked(personId, r.awaiting, facts));
  const names = new Map(facts.people.map((p) => [p.id, p.name]));
  const missing = [
    ...new Set(reasons.flatMap((w) => (w?.as === "ADMIN" && w.escalatedFrom && !names.has(w.escalatedFrom) ? [w.escalatedFrom] : []))),
  ];
  if (missing.length) {
    for (const u of await tx.user.findMany({ where: { id: { in: missing } }, select: { id: true, name: true } })) names.set(u.id, u.name);
  }
  return reasons.map((why, i) =>
    why ? whyAskedSentence(why, { requester: requests[i]!.requesterName, person: (id) => names.get(id) ?? "the manager" }) : null,
  );
}
