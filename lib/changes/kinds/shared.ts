import "server-only";
import { AwsGatewayError, type BatchResult, type WorkspaceSummary } from "../../aws";
import { monthlyCostDelta, validateChange, type Change } from "../../domain";
import { ItemRefused, type CallResult, type Progress, type ProgressInput } from "../types";

// Pieces several entries share. The rules and prices are the domain's; an entry only names them.

export const validate = validateChange;
export const costDelta = monthlyCostDelta;

export const NOTHING_CALLED: CallResult = { awsRequestIds: [] };
/** The call may have happened and nothing in AWS can say: it is not made again. */
export const UNCONFIRMED: CallResult = { awsRequestIds: [], unconfirmed: true };

/** A one-item batch's answer as a single call's: its refusal is thrown so the request fails with it. */
export function single(result: BatchResult): CallResult {
  const failure = result.failed[0];
  if (failure) throw new ItemRefused(failure.code, failure.message, failure.reason, result.requestIds, Boolean(failure.outcomeUnknown));
  return { awsRequestIds: result.requestIds };
}

/** For calls AWS takes one WorkSpace at a time: each item's refusal is recorded, the rest go on. */
export async function oneByOne<C extends Change & { workspaceId: string }>(
  changes: readonly C[],
  call: (change: C) => Promise<{ requestId: string }>,
): Promise<BatchResult> {
  const result: BatchResult = { succeeded: [], failed: [], requestIds: [] };
  for (const change of changes) {
    try {
      result.requestIds.push((await call(change)).requestId);
      result.succeeded.push(change.workspaceId);
    } catch (error) {
      if (!(error instanceof AwsGatewayError)) throw error;
      result.failed.push({
        workspaceId: change.workspaceId,
        code: error.details.awsCode ?? error.reason,
        message: error.message,
        reason: error.reason,
        ...(error.outcomeUnknown ? { outcomeUnknown: true as const } : {}),
      });
    }
  }
  return result;
}

export function modifying(ws: WorkspaceSummary, resource: string): boolean {
  return ws.modifications.some((m) => m.resource === resource);
}

export const waiting = (saw: boolean): Progress => ({ kind: "waiting", sawTransition: saw });

/** AWS takes a few seconds to show a transition; before that, an AVAILABLE WorkSpace says nothing yet. */
const SETTLE_MS = 5_000;

export function sawTransition<C extends Change>(input: ProgressInput<C>): boolean {
  return Boolean(input.request.executionMemo?.sawTransition);
}

export function settled<C extends Change>({ request, now }: ProgressInput<C>): boolean {
  return request.awsCalledAt ? now.getTime() - request.awsCalledAt.getTime() >= SETTLE_MS : true;
}

/** The common failures of a change to an existing WorkSpace: it is gone, or in an error state. */
export function workspaceFailure(ws: WorkspaceSummary | undefined): Progress | null {
  if (!ws) return { kind: "failed", reason: "The WorkSpace no longer exists." };
  if (ws.state === "ERROR") return { kind: "failed", reason: ws.errorMessage || "The WorkSpace went into an error state." };
  return null;
}

/** Settled in AVAILABLE or STOPPED with no modification of `resources` pending. */
export function settledAfterModification(ws: WorkspaceSummary, resources: readonly string[]): boolean {
  return !resources.some((r) => modifying(ws, r)) && ["AVAILABLE", "STOPPED"].includes(ws.state);
}
