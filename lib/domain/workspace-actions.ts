import type { ExistingWorkspaceChange } from "./change";
import { openRequestRefusals } from "./request-status";
import type { Workspace } from "./types";
import type { PreconditionContext, Refusal } from "./validate/context";
import { changePreconditions } from "./validate/preconditions";

// What the WorkSpace page offers. An action is unavailable when one of its preconditions fails or the
// WorkSpace already has a request open; the form then judges the choices with validateChange, so the
// page never needs to invent a change to find out whether an action can be asked for.

export const WORKSPACE_ACTION_KINDS = [
  "reboot",
  "start",
  "stop",
  "computeType",
  "volumes",
  "runningMode",
  "rebuild",
  "restore",
  "migrate",
  "terminate",
] as const satisfies readonly ExistingWorkspaceChange["type"][];
export type WorkspaceActionKind = (typeof WORKSPACE_ACTION_KINDS)[number];

export interface WorkspaceActionsInput extends PreconditionContext {
  workspace: Workspace;
  /** Requests about the WorkSpace with their status; any still open holds every action back. */
  requests: readonly { status: string }[];
}

export type WorkspaceAction =
  | { kind: WorkspaceActionKind; enabled: true }
  | { kind: WorkspaceActionKind; enabled: false; /** The refusals' sentences, each once. */ reason: string; refusals: Refusal[] };

export function workspaceActions(input: WorkspaceActionsInput): WorkspaceAction[] {
  const open = openRequestRefusals(input.requests);
  return WORKSPACE_ACTION_KINDS.map((kind) => {
    const refusals = [...changePreconditions(input, input.workspace, kind), ...open];
    if (refusals.length === 0) return { kind, enabled: true };
    return { kind, enabled: false, reason: [...new Set(refusals.map((refusal) => refusal.message))].join(" "), refusals };
  });
}
