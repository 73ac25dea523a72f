import "server-only";
import type { BatchResult, RegionGateway } from "../../aws";
import { maintenanceRefusals, type MaintenanceChange } from "../../domain";
import { changeSchemaFor } from "../schema";
import type { BatchExecution, ChangeKind } from "../types";
import { costDelta, NOTHING_CALLED, oneByOne, single, validate, waiting, workspaceFailure } from "./shared";

// Admin maintenance: ModifyWorkspaceState sets ADMIN_MAINTENANCE or AVAILABLE, one WorkSpace per call. Only admins
// set it, from the fleet (a bulk operation, of one WorkSpace or many); the request path refuses it (the domain's
// precondition). Before calling, the batch asks AWS for the WorkSpaces' states (one DescribeWorkspaces per 25), so a
// WorkSpace already in the wanted state costs no call and one AWS would refuse is refused with the domain's reason.

async function setStates(gw: RegionGateway, changes: readonly MaintenanceChange[]): Promise<BatchResult> {
  const { workspaces, missing } = await gw.workspaces.getWorkspaces(changes.map((c) => c.workspaceId));
  const stateOf = new Map(workspaces.map((ws) => [ws.workspaceId, ws.state]));
  const result: BatchResult = { succeeded: [], failed: [], requestIds: [] };
  const toCall: MaintenanceChange[] = [];
  for (const change of changes) {
    const state = stateOf.get(change.workspaceId);
    if (missing.includes(change.workspaceId) || state === undefined) {
      result.failed.push({
        workspaceId: change.workspaceId,
        code: "not_found",
        message: "AWS no longer lists this WorkSpace.",
        reason: "not_found",
      });
      continue;
    }
    if (state === change.state) {
      result.succeeded.push(change.workspaceId);
      continue;
    }
    const refusal = maintenanceRefusals(state, change.state)[0];
    if (refusal) {
      result.failed.push({ workspaceId: change.workspaceId, code: refusal.code, message: refusal.message, reason: "wrong_state", state });
      continue;
    }
    toCall.push(change);
  }
  const called = await oneByOne(toCall, (c) => gw.workspaces.modifyState(c.workspaceId, c.state));
  return {
    succeeded: [...result.succeeded, ...called.succeeded],
    failed: [...result.failed, ...called.failed],
    requestIds: called.requestIds,
  };
}

const execution: BatchExecution<MaintenanceChange> = {
  awsOperation: "ModifyWorkspaceState",
  callBatch: setStates,
  call: async (gw, { change }) => single(await setStates(gw, [change])),
  stateAfterCall: (change) => change.state,
  // Setting the state it already has costs nothing and changes nothing.
  alreadyApplied: async (_gw, { change }, ws) => (ws?.state === change.state ? NOTHING_CALLED : null),
  progress: ({ workspace, request }) =>
    workspaceFailure(workspace) ?? (workspace!.state === request.change.state ? { kind: "done" } : waiting(false)),
};

export const maintenance = {
  type: "maintenance",
  schema: changeSchemaFor<MaintenanceChange>("maintenance"),
  validate,
  costDelta,
  execution,
} satisfies ChangeKind<MaintenanceChange>;
