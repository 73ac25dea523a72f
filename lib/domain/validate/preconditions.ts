import type { ExistingWorkspaceChange } from "../change";
import { MAINTENANCE_NOT_REQUESTABLE } from "../maintenance";
import type { Workspace } from "../types";
import { selfServiceRefusals } from "./access";
import { computeTypePreconditions } from "./compute";
import type { PreconditionContext, Refusal } from "./context";
import { lifecyclePreconditions, validateEncryption, validateResetPassword } from "./lifecycle";
import { migratePreconditions } from "./migrate";
import { runningModePreconditions } from "./running-mode";
import { volumesPreconditions } from "./volumes";

// A change's rules come in two kinds. Its preconditions (state, self-service switch, age and spacing
// that no choice can avoid, a modification in progress, a snapshot, the running mode) make it
// unavailable whatever the form says; the WorkSpace page shows them on the action itself. Its
// parameter checks judge the sizes, compute type or bundle the user chose (see validateChange).

export function isGone(workspace: Workspace): boolean {
  return workspace.state === "TERMINATED" || workspace.state === "TERMINATING";
}

/** What makes a change of this type impossible on the WorkSpace right now, whatever is chosen in the form. */
export function changePreconditions(ctx: PreconditionContext, workspace: Workspace, type: ExistingWorkspaceChange["type"]): Refusal[] {
  if (isGone(workspace)) return [{ code: "WORKSPACE_GONE", message: "This WorkSpace has been given back and no longer exists." }];
  return [...selfServiceRefusals(ctx, workspace, type), ...preconditionsOfType(ctx, workspace, type)];
}

function preconditionsOfType(ctx: PreconditionContext, workspace: Workspace, type: ExistingWorkspaceChange["type"]): Refusal[] {
  switch (type) {
    case "reboot":
    case "start":
    case "stop":
    case "rebuild":
    case "restore":
    case "terminate":
      return lifecyclePreconditions(ctx, workspace, type);
    case "computeType":
      return computeTypePreconditions(ctx, workspace);
    case "volumes":
      return volumesPreconditions(ctx, workspace);
    case "runningMode":
      return runningModePreconditions(workspace);
    case "migrate":
      return migratePreconditions(ctx, workspace);
    case "resetPassword":
      return validateResetPassword(
        ctx,
        ctx.directories.find((directory) => directory.id === workspace.directoryId),
      );
    case "encryption":
      return validateEncryption();
    case "tags":
      return [];
    case "maintenance":
      return [MAINTENANCE_NOT_REQUESTABLE];
    default:
      return assertNever(type);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled change type: ${String(value)}`);
}
