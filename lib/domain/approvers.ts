import type { ApprovalStep } from "./approval";
import type { RequesterRole } from "./types";

// Who may decide the step a request waits for. Every channel (the inbox, the web decision, bulk
// approve, email links, notifications) asks `whoMayDecide` or `mayDecide`, and `mayDecide` is answered
// from `whoMayDecide`'s list, so the two can never disagree. Roles are the ones people hold now, not
// the ones they held when the request was submitted: a demoted manager's old step is no longer theirs.

/** A pending request as the rule needs it: who asked, the step it waits for now, whether it was escalated. */
export interface AwaitingDecision {
  requesterId: string;
  /** Undefined when no step is left (a decided request). */
  step: ApprovalStep | undefined;
  escalated: boolean;
}

export interface PersonWithRole {
  id: string;
  role: RequesterRole;
}

/** A delegation in force now: `delegateId` may decide what waits for `approverId`. */
export interface DelegationInForce {
  approverId: string;
  delegateId: string;
}

/**
 * What the rule reads besides the request. `people` holds the current role of everyone who may be
 * involved: to list the approvers of a request, the step's manager, their delegates and every admin;
 * to judge one person, that person and everyone who delegated to them. Anyone absent holds no role
 * that approves.
 */
export interface ApprovalFacts {
  people: readonly PersonWithRole[];
  delegations: readonly DelegationInForce[];
}

export interface EligibleApprover {
  userId: string;
  /** Set when the person decides as a delegate of the step's manager. */
  onBehalfOf?: string;
}

export type DecisionRight =
  | { ok: true; onBehalfOf?: string }
  | { ok: false; code: "OWN_REQUEST" | "WAITING_FOR_MANAGER" | "WAITING_FOR_ADMIN" | "NOT_WAITING_FOR_YOU"; reason: string };

const approves = (role: RequesterRole | undefined) => role === "MANAGER" || role === "ADMIN";

/** Everyone who may decide the step the request waits for now, each once, never the requester. */
export function whoMayDecide(request: AwaitingDecision, facts: ApprovalFacts): EligibleApprover[] {
  const { step } = request;
  if (!step) return [];
  const roleOf = new Map(facts.people.map((p) => [p.id, p.role]));
  const found: EligibleApprover[] = [];
  // A step names a manager, but only someone who still holds an approving role may act on it, and a
  // delegate acts only while both they and the person they stand in for do.
  if (step.role === "MANAGER" && approves(roleOf.get(step.approverId))) {
    found.push({ userId: step.approverId });
    for (const d of facts.delegations) {
      if (d.approverId === step.approverId && approves(roleOf.get(d.delegateId)))
        found.push({ userId: d.delegateId, onBehalfOf: step.approverId });
    }
  }
  if (step.role === "ADMIN" || request.escalated) {
    for (const person of facts.people) if (person.role === "ADMIN") found.push({ userId: person.id });
  }
  const seen = new Set<string>();
  return found.filter((a) => a.userId !== request.requesterId && !seen.has(a.userId) && seen.add(a.userId));
}

/** Whether `personId` may decide the step the request waits for now, and if not, why in plain words. */
export function mayDecide(personId: string, request: AwaitingDecision, facts: ApprovalFacts): DecisionRight {
  if (personId === request.requesterId)
    return { ok: false, code: "OWN_REQUEST", reason: "Nobody can approve or reject their own request." };
  const me = whoMayDecide(request, facts).find((a) => a.userId === personId);
  if (me) return me.onBehalfOf ? { ok: true, onBehalfOf: me.onBehalfOf } : { ok: true };
  const { step } = request;
  if (step?.role === "MANAGER" && step.approverId !== personId) {
    return { ok: false, code: "WAITING_FOR_MANAGER", reason: "This request is waiting for the requester's manager." };
  }
  if (step?.role === "ADMIN") return { ok: false, code: "WAITING_FOR_ADMIN", reason: "This request is waiting for an admin." };
  return { ok: false, code: "NOT_WAITING_FOR_YOU", reason: "This request is not waiting for you." };
}

/**
 * Why a person is among those asked to decide the step a request waits for: they are the manager the
 * step names, a delegate of that manager, or an admin (the step is an admin's, or the manager's step was
 * escalated). Null when they may not decide it. Read from `whoMayDecide`, so it never disagrees with it.
 */
export type WhyAsked =
  | { as: "MANAGER" }
  | { as: "DELEGATE"; onBehalfOf: string }
  | {
      as: "ADMIN";
      /** The manager whose step was escalated to the admins; absent at an admin step. */
      escalatedFrom?: string;
    };

export function whyAsked(personId: string, request: AwaitingDecision, facts: ApprovalFacts): WhyAsked | null {
  const me = whoMayDecide(request, facts).find((a) => a.userId === personId);
  if (!me) return null;
  if (me.onBehalfOf) return { as: "DELEGATE", onBehalfOf: me.onBehalfOf };
  const { step } = request;
  if (step?.role === "MANAGER" && step.approverId === personId) return { as: "MANAGER" };
  return step?.role === "MANAGER" ? { as: "ADMIN", escalatedFrom: step.approverId } : { as: "ADMIN" };
}

/** "You are asked because you are Alice's manager.", "… because Bob delegated their approvals to you.", "… because you are an admin." */
export function whyAskedSentence(why: WhyAsked, names: { requester: string; person: (id: string) => string }): string {
  switch (why.as) {
    case "MANAGER":
      return `You are asked because you are ${names.requester}'s manager.`;
    case "DELEGATE":
      return `You are asked because ${names.person(why.onBehalfOf)} delegated their approvals to you.`;
    case "ADMIN":
      return why.escalatedFrom
        ? `You are asked because you are an admin and ${names.person(why.escalatedFrom)}, ${names.requester}'s manager, ` +
            "has not decided in time."
        : "You are asked because you are an admin and this change needs an admin's approval.";
  }
}

/**
 * The manager step of a request whose requester reports to `manager` (now): that manager while they
 * hold an approving role and are not the requester; otherwise admins stand in, as at submission.
 */
export function managerStepFor(requesterId: string, manager: PersonWithRole | null): ApprovalStep {
  return manager && manager.id !== requesterId && approves(manager.role) ? { role: "MANAGER", approverId: manager.id } : { role: "ADMIN" };
}

/**
 * The steps of a pending request once its undecided manager steps go to `managerStep`. Decided steps
 * stay as they were; when admins take the manager's place, an admin step already to come is not
 * asked twice.
 */
export function rerouteManagerSteps(steps: readonly ApprovalStep[], currentStep: number, managerStep: ApprovalStep): ApprovalStep[] {
  const decided = steps.slice(0, currentStep);
  const open: ApprovalStep[] = [];
  for (const step of steps.slice(currentStep)) {
    const next = step.role === "MANAGER" ? managerStep : step;
    if (next.role === "ADMIN" && open.some((s) => s.role === "ADMIN")) continue;
    open.push(next);
  }
  return [...decided, ...open];
}

/** The request's waiting step, from the stored columns. */
export function awaitingDecision(stored: {
  requesterId: string;
  approvalSteps: unknown;
  currentStep: number;
  escalatedAt: Date | null;
}): AwaitingDecision {
  return {
    requesterId: stored.requesterId,
    step: parseApprovalSteps(stored.approvalSteps)[stored.currentStep],
    escalated: stored.escalatedAt !== null,
  };
}

/** Reads stored approval steps, refusing anything that is not a list of well-formed steps. */
export function parseApprovalSteps(json: unknown): ApprovalStep[] {
  if (!Array.isArray(json)) throw new Error("Stored approval steps are not a list.");
  return json.map((value: unknown, index) => {
    const step = value as { role?: unknown; approverId?: unknown } | null;
    if (typeof step !== "object" || step === null || Array.isArray(step))
      throw new Error(`Stored approval step ${index} is not an object.`);
    const keys = Object.keys(step);
    if (step.role === "ADMIN" && keys.length === 1) return { role: "ADMIN" };
    if (step.role === "MANAGER" && typeof step.approverId === "string" && step.approverId !== "" && keys.length === 2) {
      return { role: "MANAGER", approverId: step.approverId };
    }
    throw new Error(`Stored approval step ${index} is malformed.`);
  });
}
