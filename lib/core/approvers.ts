import "server-only";
import {
  awaitingDecision,
  whoMayDecide,
  type ApprovalFacts,
  type AwaitingDecision,
  type DelegationInForce,
  type EligibleApprover,
  type PersonWithRole,
} from "../domain";
import { issueEmailActionLinks } from "./email-links";
import { notify } from "./notifications";
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
export async function approvalFactsForRequest(tx: Tx, request: AwaitingDecision, now: Date): Promise<ApprovalFacts> {
  const managerId = request.step?.role === "MANAGER" ? request.step.approverId : null;
  const delegations = managerId
    ? await tx.delegation.findMany({ where: { approverId: managerId, ...inForce(now) }, select: { approverId: true, delegateId: true } })
    : [];
  const named = [...(managerId ? [managerId] : []), ...delegations.map((d) => d.delegateId)];
  const people = await tx.user.findMany({
    // A service account never decides, whatever role it was given.
    where: { serviceAccount: false, OR: [{ id: { in: named } }, { role: "ADMIN" }] },
    select: { id: true, role: true },
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

/** Tells whoever must decide the current step, in the portal and by mail with approve/reject links. */
export async function notifyApprovers(
  tx: Tx,
  request: { id: string; requesterId: string; approvalSteps: unknown; currentStep: number; escalatedAt: Date | null },
  summary: string,
  now: Date,
) {
  for (const approver of await eligibleApprovers(tx, request, now)) {
    const links = await issueEmailActionLinks(tx, { requestId: request.id, approverId: approver.userId, step: request.currentStep, now });
    await notify(tx, {
      userId: approver.userId,
      requestId: request.id,
      kind: "approval.needed",
      title: "A request needs your approval",
      body: summary + (approver.onBehalfOf ? "\nYou receive this as a delegate." : ""),
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
