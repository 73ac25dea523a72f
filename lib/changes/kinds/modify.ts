import "server-only";
import { COMPUTE_TYPES, computeChangeDirection, type ComputeTypeChange, type RunningModeChange, type VolumesChange } from "../../domain";
import { changeSchemaFor } from "../schema";
import type { BatchExecution, ChangeKind } from "../types";
import {
  costDelta,
  modifying,
  NOTHING_CALLED,
  oneByOne,
  sawTransition,
  settledAfterModification,
  validate,
  waiting,
  workspaceFailure,
} from "./shared";

// Compute type, volume sizes and running mode: ModifyWorkspaceProperties, one WorkSpace per call. AWS
// shows a modification in progress until the new property has taken effect.

const DEFAULT_AUTO_STOP_MINUTES = 60;

const computeExecution: BatchExecution<ComputeTypeChange> = {
  awsOperation: "ModifyWorkspaceProperties",
  call: async (gw, { change }) => ({
    awsRequestIds: [(await gw.workspaces.modifyProperties(change.workspaceId, { computeType: change.computeType })).requestId],
  }),
  callBatch: (gw, changes) => oneByOne(changes, (c) => gw.workspaces.modifyProperties(c.workspaceId, { computeType: c.computeType })),
  async alreadyApplied(_gw, { change }, ws) {
    if (!ws) return null;
    return ws.computeType === change.computeType || modifying(ws, "COMPUTE_TYPE") ? NOTHING_CALLED : null;
  },
  progress(input) {
    const ws = input.workspace;
    const failure = workspaceFailure(ws);
    if (failure || !ws) return failure ?? waiting(false);
    return ws.computeType === input.request.change.computeType && settledAfterModification(ws, ["COMPUTE_TYPE"])
      ? { kind: "done" }
      : waiting(sawTransition(input));
  },
  // Larger and smaller compute changes have different cool-downs, so the direction is remembered.
  history(change, before, now) {
    const from = COMPUTE_TYPES.find((type) => type === before?.computeType);
    const larger = !from || computeChangeDirection(from, change.computeType) === "LARGER";
    return larger ? { lastComputeLargerAt: now } : { lastComputeSmallerAt: now };
  },
};

/** A volumes change grows exactly one of the two volumes (the domain refuses both at once). */
const grows = (change: VolumesChange) => (change.rootVolumeGb !== undefined ? "root" : "user");

const volumesExecution: BatchExecution<VolumesChange> = {
  awsOperation: "ModifyWorkspaceProperties",
  call: async (gw, { change }) => ({
    awsRequestIds: [
      (await gw.workspaces.modifyProperties(change.workspaceId, { rootVolumeGib: change.rootVolumeGb, userVolumeGib: change.userVolumeGb }))
        .requestId,
    ],
  }),
  callBatch: (gw, changes) =>
    oneByOne(changes, (c) =>
      gw.workspaces.modifyProperties(c.workspaceId, { rootVolumeGib: c.rootVolumeGb, userVolumeGib: c.userVolumeGb }),
    ),
  async alreadyApplied(_gw, { change }, ws) {
    if (!ws) return null;
    if (grows(change) === "root") return ws.rootVolumeGib === change.rootVolumeGb || modifying(ws, "ROOT_VOLUME") ? NOTHING_CALLED : null;
    return ws.userVolumeGib === change.userVolumeGb || modifying(ws, "USER_VOLUME") ? NOTHING_CALLED : null;
  },
  progress(input) {
    const ws = input.workspace;
    const failure = workspaceFailure(ws);
    if (failure || !ws) return failure ?? waiting(false);
    const change = input.request.change;
    const reached = grows(change) === "root" ? ws.rootVolumeGib === change.rootVolumeGb : ws.userVolumeGib === change.userVolumeGb;
    return reached && settledAfterModification(ws, ["ROOT_VOLUME", "USER_VOLUME"]) ? { kind: "done" } : waiting(sawTransition(input));
  },
  // Each volume may grow once per 6 hours.
  history: (change, _before, now) => (grows(change) === "root" ? { lastRootVolumeChangeAt: now } : { lastUserVolumeChangeAt: now }),
};

const runningModeProperties = (change: RunningModeChange) => ({
  runningMode: change.runningMode,
  autoStopTimeoutMinutes: change.runningMode === "AUTO_STOP" ? (change.autoStopTimeoutMinutes ?? DEFAULT_AUTO_STOP_MINUTES) : undefined,
});

const runningModeExecution: BatchExecution<RunningModeChange> = {
  awsOperation: "ModifyWorkspaceProperties",
  call: async (gw, { change }) => ({
    awsRequestIds: [(await gw.workspaces.modifyProperties(change.workspaceId, runningModeProperties(change))).requestId],
  }),
  callBatch: (gw, changes) => oneByOne(changes, (c) => gw.workspaces.modifyProperties(c.workspaceId, runningModeProperties(c))),
  async alreadyApplied(_gw, { change }, ws) {
    if (!ws) return null;
    const timeout = change.autoStopTimeoutMinutes ?? DEFAULT_AUTO_STOP_MINUTES;
    return ws.runningMode === change.runningMode && (change.runningMode !== "AUTO_STOP" || ws.autoStopTimeoutMinutes === timeout)
      ? NOTHING_CALLED
      : null;
  },
  progress(input) {
    const failure = workspaceFailure(input.workspace);
    if (failure) return failure;
    return input.workspace?.runningMode === input.request.change.runningMode ? { kind: "done" } : waiting(sawTransition(input));
  },
};

export const computeType = {
  type: "computeType",
  schema: changeSchemaFor<ComputeTypeChange>("computeType"),
  validate,
  costDelta,
  execution: computeExecution,
} satisfies ChangeKind<ComputeTypeChange>;
export const volumes = {
  type: "volumes",
  schema: changeSchemaFor<VolumesChange>("volumes"),
  validate,
  costDelta,
  execution: volumesExecution,
} satisfies ChangeKind<VolumesChange>;
export const runningMode = {
  type: "runningMode",
  schema: changeSchemaFor<RunningModeChange>("runningMode"),
  validate,
  costDelta,
  execution: runningModeExecution,
} satisfies ChangeKind<RunningModeChange>;
