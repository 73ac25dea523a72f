import type { Change } from "../domain/client";
import { computeTypeLabel, runningModeLabel } from "./labels";

/** The change in plain words, for approvers, notifications and the request timeline. */
export function describeChange(change: Change, bundleName?: (id: string) => string | undefined): string {
  const bundle = (id: string) => bundleName?.(id) ?? id;
  switch (change.type) {
    case "create":
      return `New WorkSpace (${bundle(change.bundleId)}, ${runningModeLabel(change.runningMode)})`;
    case "reboot":
      return `Restart ${change.workspaceId}`;
    case "start":
      return `Start ${change.workspaceId}`;
    case "stop":
      return `Stop ${change.workspaceId}`;
    case "rebuild":
      return `Rebuild ${change.workspaceId}`;
    case "restore":
      return `Restore ${change.workspaceId} to its last snapshot`;
    case "terminate":
      return `Give back ${change.workspaceId}`;
    case "resetPassword":
      return `Reset the directory password for ${change.workspaceId}`;
    case "computeType":
      return `Change ${change.workspaceId} to ${computeTypeLabel(change.computeType)}`;
    case "volumes":
      return change.rootVolumeGb !== undefined
        ? `Grow the root volume of ${change.workspaceId} to ${change.rootVolumeGb} GB`
        : `Grow the user volume of ${change.workspaceId} to ${change.userVolumeGb} GB`;
    case "runningMode":
      return change.runningMode === "AUTO_STOP"
        ? `Switch ${change.workspaceId} to AutoStop (stops after ${(change.autoStopTimeoutMinutes ?? 60) / 60} h idle)`
        : `Switch ${change.workspaceId} to ${runningModeLabel(change.runningMode)}`;
    case "migrate":
      return `Migrate ${change.workspaceId} to ${bundle(change.targetBundleId)}`;
    case "tags":
      return `Change the tags of ${change.workspaceId}`;
    case "encryption":
      return `Change the encryption of ${change.workspaceId}`;
  }
}

const BULK_ACTION_WORDS: Record<string, string> = {
  reboot: "Reboot",
  start: "Start",
  stop: "Stop",
  rebuild: "Rebuild",
  migrate: "Migrate",
  runningMode: "Change running mode",
  tags: "Tag",
  terminate: "Terminate",
};

/** The verb an admin's bulk operation is listed under. */
export const bulkActionLabel = (action: string) => BULK_ACTION_WORDS[action] ?? action;
