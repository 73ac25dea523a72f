import type { RunningModeChange } from "../change";
import type { RunningMode, Workspace } from "../types";
import { policyOf, requireNoModificationInProgress, requireState, type Refusal, type ValidationContext } from "./context";

export const DEFAULT_AUTO_STOP_TIMEOUT_MINUTES = 60;

/** Rules for a running mode and its AutoStop timeout, shared by "create" and "runningMode". */
export function runningModeRefusals(ctx: ValidationContext, mode: RunningMode, autoStopTimeoutMinutes: number | undefined): Refusal[] {
  const refusals: Refusal[] = [];
  if (mode === "MANUAL" && !policyOf(ctx).allowManualRunningMode) {
    refusals.push({
      code: "MANUAL_MODE_UNAVAILABLE",
      message: "The Manual running mode is not available in this organisation; choose AlwaysOn or AutoStop.",
    });
  }
  if (autoStopTimeoutMinutes === undefined) return refusals;
  if (mode !== "AUTO_STOP") {
    refusals.push({
      code: "AUTO_STOP_TIMEOUT_WITHOUT_AUTO_STOP",
      message: "A stop-after-idle time only applies to the AutoStop running mode.",
    });
  } else if (!Number.isInteger(autoStopTimeoutMinutes) || autoStopTimeoutMinutes <= 0 || autoStopTimeoutMinutes % 60 !== 0) {
    refusals.push({
      code: "AUTO_STOP_TIMEOUT_NOT_HOURS",
      message:
        "AutoStop stops a WorkSpace after whole hours without use (60, 120, 180 … minutes); " +
        `${autoStopTimeoutMinutes} minutes is not possible.`,
    });
  }
  return refusals;
}

export function runningModePreconditions(workspace: Workspace): Refusal[] {
  return [...requireState(workspace, ["AVAILABLE", "STOPPED"], "change its running mode"), ...requireNoModificationInProgress(workspace)];
}

export function runningModeParameterRefusals(ctx: ValidationContext, workspace: Workspace, change: RunningModeChange): Refusal[] {
  const refusals = runningModeRefusals(ctx, change.runningMode, change.autoStopTimeoutMinutes);
  const sameMode = change.runningMode === workspace.runningMode;
  const sameTimeout =
    change.runningMode !== "AUTO_STOP" ||
    change.autoStopTimeoutMinutes === undefined ||
    change.autoStopTimeoutMinutes === workspace.autoStopTimeoutMinutes;
  if (sameMode && sameTimeout) {
    refusals.push({
      code: "RUNNING_MODE_NO_CHANGE",
      message: "The WorkSpace already runs in this mode with these settings; nothing would change.",
    });
  }
  return refusals;
}
