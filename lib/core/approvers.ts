import type { ApprovalStep } from "../domain";
import { adminIds } from "./notifications";
import type { Tx } from "./tx";

export interface StoredRequestForRouting {
  requesterId: string;
  approvalSteps: unknown;
  currentStep: number;
  escalatedAt: Date | null;
}

export function stepsOf(request: { approvalSteps: unknown }): ApprovalStep[] {
  return request.approvalSteps as ApprovalStep[];
}

export function currentStepOf(request: StoredRequestForRouting): ApprovalStep | undefined {
  return stepsOf(request)[request.currentStep];
}

/** Delegations in force at `now` from `approverId`. */
export async function activeDelegates(tx: Tx, approverId: string, now: Date): Promise<string[]> {
  const rows = await tx.delegation.findMany({
    where: { approverId, revokedAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
    select: { delegateId: true },
  });
  return rows.map((r) => r.delegateId);
}

/**
 * Who may decide the step the request waits for now: the manager and the manager's active delegates;
 * admins for an admin step or once the request has been escalated. Never the requester.
 */
export async function eligibleApprovers(tx: Tx, request: StoredRequestForRouting, now: Date): Promise<{ userId: string; onBehalfOf?: string }[]> {
  const step = currentStepOf(request);
  if (!step) return [];
  const people: { userId: string; onBehalfOf?: string }[] = [];
  if (step.role === "MANAGER") {
    people.push({ userId: step.approverId });
    for (const delegate of await activeDelegates(tx, step.approverId, now)) people.push({ userId: delegate, onBehalfOf: step.approverId });
  }
  if (step.role === "ADMIN" || request.escalatedAt) {
    for (const id of await adminIds(tx)) people.push({ userId: id });
  }
  const seen = new Set<string>();
  return people.filter((p) => p.userId !== request.requesterId && !seen.has(p.userId) && seen.add(p.userId));
}
