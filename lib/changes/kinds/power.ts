import "server-only";
import type { BatchResult, RegionGateway } from "../../aws";
import type {
  ExistingWorkspaceChange,
  RebootChange,
  RebuildChange,
  RestoreChange,
  StartChange,
  StopChange,
  TerminateChange,
} from "../../domain";
import { changeSchemaFor } from "../schema";
import type { BatchExecution, ChangeKind, Progress, ProgressInput } from "../types";
import {
  costDelta,
  NOTHING_CALLED,
  oneByOne,
  sawTransition,
  settled,
  single,
  UNCONFIRMED,
  validate,
  waiting,
  workspaceFailure,
} from "./shared";

// Reboot, start, stop, rebuild, restore and give back: one WorkSpace changes state, and AWS shows a
// transitional state while it does.

type PowerChange = RebootChange | StartChange | StopChange | RebuildChange | RestoreChange | TerminateChange;
type PowerType = PowerChange["type"];

/** States that show the call was made: a retry after a crash that finds one of these does not call again. */
const TRANSITIONS: Record<PowerType, readonly string[]> = {
  reboot: ["REBOOTING"],
  start: ["STARTING", "AVAILABLE"],
  stop: ["STOPPING", "STOPPED"],
  rebuild: ["REBUILDING"],
  restore: ["RESTORING"],
  terminate: ["TERMINATING", "TERMINATED"],
};

/**
 * Changes whose effect is over within minutes and leaves nothing to see: a retry that finds the WorkSpace AVAILABLE
 * cannot tell a call AWS never took from one it carried out already, and calling again would do it twice.
 */
const LEAVES_NO_TRACE: ReadonlySet<PowerType> = new Set(["reboot", "rebuild", "restore"]);

const BUSY = ["REBOOTING", "REBUILDING", "RESTORING", "STARTING", "PENDING"];

/** Back to AVAILABLE after the transition (or after AWS had time to show one). */
function backToAvailable<C extends ExistingWorkspaceChange>(input: ProgressInput<C>): Progress {
  const ws = input.workspace;
  const failure = workspaceFailure(ws);
  if (failure || !ws) return failure ?? waiting(false);
  if (BUSY.includes(ws.state)) return waiting(true);
  return ws.state === "AVAILABLE" && (sawTransition(input) || settled(input)) ? { kind: "done" } : waiting(sawTransition(input));
}

function powerKind<C extends PowerChange>(
  type: C["type"],
  awsOperation: string,
  callBatch: (gw: RegionGateway, ids: string[]) => Promise<BatchResult>,
  progress: (input: ProgressInput<C>) => Progress,
): ChangeKind<C> & { execution: BatchExecution<C> } {
  return {
    type,
    schema: changeSchemaFor<C>(type),
    validate,
    costDelta,
    execution: {
      awsOperation,
      callBatch: (gw, changes) =>
        callBatch(
          gw,
          changes.map((c) => c.workspaceId),
        ),
      call: async (gw, request) => single(await callBatch(gw, [request.change.workspaceId])),
      async alreadyApplied(_gw, _request, ws) {
        if (!ws) return type === "terminate" ? NOTHING_CALLED : null;
        if (TRANSITIONS[type].includes(ws.state)) return NOTHING_CALLED;
        return LEAVES_NO_TRACE.has(type) ? UNCONFIRMED : null;
      },
      progress,
      endsWorkspace: type === "terminate",
    },
  };
}

export const reboot = powerKind<RebootChange>("reboot", "RebootWorkspaces", (gw, ids) => gw.workspaces.reboot(ids), backToAvailable);
export const start = powerKind<StartChange>("start", "StartWorkspaces", (gw, ids) => gw.workspaces.start(ids), backToAvailable);
export const rebuild = powerKind<RebuildChange>("rebuild", "RebuildWorkspaces", (gw, ids) => gw.workspaces.rebuild(ids), backToAvailable);

export const stop = powerKind<StopChange>(
  "stop",
  "StopWorkspaces",
  (gw, ids) => gw.workspaces.stop(ids),
  (input) => {
    const failure = workspaceFailure(input.workspace);
    if (failure) return failure;
    return input.workspace?.state === "STOPPED" ? { kind: "done" } : waiting(sawTransition(input));
  },
);

// RestoreWorkspace takes one WorkSpace per call.
export const restore = powerKind<RestoreChange>(
  "restore",
  "RestoreWorkspace",
  (gw, ids) =>
    oneByOne(
      ids.map((workspaceId) => ({ type: "restore" as const, workspaceId })),
      (c) => gw.workspaces.restore(c.workspaceId),
    ),
  backToAvailable,
);

// Giving a WorkSpace back is done once AWS no longer lists it (or lists it TERMINATED).
export const terminate = powerKind<TerminateChange>(
  "terminate",
  "TerminateWorkspaces",
  (gw, ids) => gw.workspaces.terminate(ids),
  ({ workspace }) => (!workspace || workspace.state === "TERMINATED" ? { kind: "done" } : waiting(true)),
);
