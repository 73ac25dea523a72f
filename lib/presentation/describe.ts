import type { Change } from "../domain/client";
import { computeTypeLabel, runningModeLabel, runningModeWithTimeout } from "./labels";

/** Looks up how people name a thing by its AWS id; undefined when it is not known. */
export type NameOf = (id: string) => string | undefined;

/**
 * The change in plain words, for titles, approvers, notifications, mail and the request timeline:
 * "Change WSAMZN-LLQWLC2M (Standard, Windows) to Performance". `bundleName` and `workspaceName` name the
 * bundle and the WorkSpace (see workspaceDisplayName); the raw id shows only when they do not know it.
 */
export function describeChange(change: Change, bundleName?: NameOf, workspaceName?: NameOf): string {
  const bundle = (id: string) => bundleName?.(id) ?? id;
  if (change.type === "create") return `New WorkSpace (${bundle(change.bundleId)}, ${runningModeLabel(change.runningMode)})`;
  const ws = workspaceName?.(change.workspaceId) ?? change.workspaceId;
  switch (change.type) {
    case "reboot":
      return `Restart ${ws}`;
    case "start":
      return `Start ${ws}`;
    case "stop":
      return `Stop ${ws}`;
    case "rebuild":
      return `Rebuild ${ws}`;
    case "restore":
      return `Restore ${ws} to its last snapshot`;
    case "terminate":
      return `Give back ${ws}`;
    case "resetPassword":
      return `Reset the directory password for ${ws}`;
    case "computeType":
      return `Change ${ws} to ${computeTypeLabel(change.computeType)}`;
    case "volumes":
      return change.rootVolumeGb !== undefined
        ? `Grow the root volume of ${ws} to ${change.rootVolumeGb} GB`
        : `Grow the user volume of ${ws} to ${change.userVolumeGb} GB`;
    case "runningMode":
      return `Switch ${ws} to ${runningModeWithTimeout(change.runningMode, change.autoStopTimeoutMinutes)}`;
    case "migrate":
      return `Migrate ${ws} to ${bundle(change.targetBundleId)}`;
    case "tags":
      return `Change the tags of ${ws}`;
    case "encryption":
      return `Change the encryption of ${ws}`;
    case "maintenance":
      return change.state === "ADMIN_MAINTENANCE" ? `Put ${ws} in maintenance` : `End the maintenance of ${ws}`;
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
  maintenance: "Maintenance mode",
};

/** The verb an admin's bulk operation is listed under; its stored parameters tell entering maintenance from leaving it. */
export const bulkActionLabel = (action: string, params?: unknown) => {
  if (action === "maintenance" && params && typeof params === "object" && "state" in params) {
    return params.state === "AVAILABLE" ? "End maintenance" : "Start maintenance";
  }
  return BULK_ACTION_WORDS[action] ?? action;
};
