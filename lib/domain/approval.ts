import { approvalRuleFor, CHANGE_TYPE_NOUNS } from "./approval-rules";
import { isDestructive, type Change } from "./change";
import { formatMoney, type Money } from "./money";
import type { PolicySettings } from "./settings";
import type { Requester } from "./types";

// The three-way choice per change type and its contradiction rule; re-exported so `@/lib/domain/client` has them.
export * from "./approval-rules";

/** One approval a request waits for. Steps are decided in order: the manager first, then an admin. */
export type ApprovalStep = { role: "MANAGER"; approverId: string } | { role: "ADMIN" };

export interface ApprovalDecision {
  autoApproved: boolean;
  /** Empty when auto-approved. */
  steps: ApprovalStep[];
  /** Destructive changes wait for the requester's explicit "yes, I understand what is lost" as well. */
  requiresRequesterConfirmation: boolean;
  /** Why, in one plain sentence for the requester and the approvers. */
  why: string;
}

/** Who started a request when no person did; stored in Request.origin. */
export type RequestOrigin = "optimizer" | "reclaim";

export interface ApprovalInput {
  change: Change;
  /** Monthly cost delta from monthlyCostDelta; null when it could not be estimated (e.g. a missing price). */
  costDelta: Money | null;
  requester: Requester;
  settings: PolicySettings;
  /** Set when a portal job raised the request rather than the person; absent for a person's own request. */
  origin?: RequestOrigin | null;
}

export function approvalPolicy({ change, costDelta, requester, settings, origin }: ApprovalInput): ApprovalDecision {
  const requiresRequesterConfirmation = isDestructive(change);
  const noun = CHANGE_TYPE_NOUNS[change.type];
  const rule = approvalRuleFor(settings, change.type);
  const auto = (why: string): ApprovalDecision => ({ autoApproved: true, steps: [], requiresRequesterConfirmation, why });
  const needs = (withAdmin: boolean, because: string): ApprovalDecision => {
    const steps = approvalSteps(requester, withAdmin);
    return { autoApproved: false, steps, requiresRequesterConfirmation, why: `${because} ${describeSteps(requester, steps)}` };
  };

  // Nobody asked for a reclaim: the owner just stopped using the WorkSpace, so an admin decides whatever it saves.
  if (origin === "reclaim") {
    return {
      autoApproved: false,
      steps: [{ role: "ADMIN" }],
      requiresRequesterConfirmation,
      why: "This WorkSpace was not used for the reclaim policy's idle period, so an admin decides whether it is given back.",
    };
  }
  // The change type's rule is the least approval it needs; the cost limits can ask for more, never less.
  if (rule === "managerAndAdmin") return needs(true, `${noun} always need the manager and an admin.`);
  if (costDelta === null) {
    return needs(true, "The monthly cost of this change could not be estimated, so it needs approval.");
  }
  const manager = formatMoney({ cents: settings.managerThresholdCents, currency: costDelta.currency });
  const admin = formatMoney({ cents: settings.adminThresholdCents, currency: costDelta.currency });
  const deltaText = formatMoney(costDelta);
  if (costDelta.cents > settings.adminThresholdCents) {
    return needs(true, `It adds ${deltaText} a month, more than the ${admin} that needs an admin's approval.`);
  }
  if (costDelta.cents > settings.managerThresholdCents) {
    return needs(false, `It adds ${deltaText} a month, more than the ${manager} that can be approved automatically.`);
  }
  if (rule === "manager") return needs(false, `${noun} always need the manager's approval.`);
  if (costDelta.cents < 0)
    return auto(`It saves ${formatMoney({ ...costDelta, cents: -costDelta.cents })} a month, so it is approved automatically.`);
  if (costDelta.cents === 0) return auto("It does not change the monthly cost, so it is approved automatically.");
  return auto(`It adds ${deltaText} a month, within the ${manager} that is approved automatically.`);
}

/** The manager approves; admins stand in when there is no manager (or the manager would be the requester). */
function approvalSteps(requester: Requester, withAdmin: boolean): ApprovalStep[] {
  const managerId = requester.managerId !== null && requester.managerId !== requester.id ? requester.managerId : null;
  if (managerId === null) return [{ role: "ADMIN" }];
  return withAdmin ? [{ role: "MANAGER", approverId: managerId }, { role: "ADMIN" }] : [{ role: "MANAGER", approverId: managerId }];
}

function describeSteps(requester: Requester, steps: readonly ApprovalStep[]): string {
  const hasManager = steps.some((step) => step.role === "MANAGER");
  const hasAdmin = steps.some((step) => step.role === "ADMIN");
  if (hasManager && hasAdmin) return "Your manager approves first, then an admin.";
  if (hasManager) return "Your manager approves it.";
  return requester.managerId === null || requester.managerId === requester.id
    ? "No manager is recorded for you, so an admin approves it."
    : "An admin approves it.";
}

const DAY_MS = 24 * 60 * 60 * 1000;

export type PendingApprovalStatus = "WAITING" | "ESCALATE" | "EXPIRED";

/** Where an undecided request stands `now`; the escalation job and the expiry job both use this. */
export function pendingApprovalStatus(
  requestedAt: Date,
  now: Date,
  settings: Pick<PolicySettings, "escalationDays" | "expiryDays">,
): PendingApprovalStatus {
  const age = now.getTime() - requestedAt.getTime();
  if (age >= settings.expiryDays * DAY_MS) return "EXPIRED";
  if (age >= settings.escalationDays * DAY_MS) return "ESCALATE";
  return "WAITING";
}
