// Whether a pending request waits for a given person, mirroring services/requests/routing.ts's
// eligibleApprovers but for a whole inbox at once (one query for the delegations instead of one per row).

export interface RoutingRequest {
  requesterId: string;
  approvalSteps: unknown;
  currentStep: number;
  escalatedAt: Date | null;
}

export function isWaitingFor(request: RoutingRequest, me: { id: string; isAdmin: boolean; delegatorIds: readonly string[] }): boolean {
  if (request.requesterId === me.id) return false;
  const step = (request.approvalSteps as { role: "MANAGER" | "ADMIN"; approverId?: string }[])[request.currentStep];
  if (!step) return false;
  if (step.role === "MANAGER" && step.approverId && (step.approverId === me.id || me.delegatorIds.includes(step.approverId))) return true;
  return me.isAdmin && (step.role === "ADMIN" || request.escalatedAt !== null);
}
