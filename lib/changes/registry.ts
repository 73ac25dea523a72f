import "server-only";
import type { Change, ExistingWorkspaceChange } from "../domain";
import { create } from "./kinds/create";
import { maintenance } from "./kinds/maintenance";
import { migrate } from "./kinds/migrate";
import { computeType, runningMode, volumes } from "./kinds/modify";
import { encryption, resetPassword } from "./kinds/not-executed";
import { reboot, rebuild, restore, start, stop, terminate } from "./kinds/power";
import { tags } from "./kinds/tags";
import type { BatchExecution, ChangeKind, ChangeKinds } from "./types";

/**
 * Every kind of change the portal knows, one entry each (see types.ts for what an entry holds). A change
 * type added to the domain without an entry here does not compile.
 */
export const CHANGE_KINDS = {
  create,
  reboot,
  start,
  stop,
  rebuild,
  restore,
  terminate,
  resetPassword,
  computeType,
  volumes,
  runningMode,
  migrate,
  tags,
  encryption,
  maintenance,
} satisfies ChangeKinds;

/** The entry for a change. */
export function changeKind(change: Change): ChangeKind<Change> {
  return CHANGE_KINDS[change.type];
}

/** How a change to existing WorkSpaces is carried out for many at once; null for a change never executed. */
export function batchExecution(change: ExistingWorkspaceChange): BatchExecution<ExistingWorkspaceChange> | null {
  return CHANGE_KINDS[change.type].execution;
}
