import type { Change, ExistingWorkspaceChange } from "../change";
import type { Workspace } from "../types";
import { computeTypeParameterRefusals } from "./compute";
import { policyOf, resultOf, type Refusal, type ValidationContext, type ValidationResult } from "./context";
import { validateCreate } from "./create";
import { migrateParameterRefusals } from "./migrate";
import { changePreconditions, isGone } from "./preconditions";
import { runningModeParameterRefusals } from "./running-mode";
import { validateTags } from "./tags";
import { tagEditPermissionRefusals } from "../tags";
import { volumesParameterRefusals } from "./volumes";

/** Every rule that applies to `change`; all refusals are reported at once so the user can fix them together. */
export function validateChange(ctx: ValidationContext, change: Change): ValidationResult {
  if (change.type === "create") return resultOf(validateCreate(ctx, change));

  const workspace = ctx.workspace;
  if (!workspace || workspace.id !== change.workspaceId) {
    return resultOf([{ code: "WORKSPACE_UNKNOWN", message: "The WorkSpace could not be found." }]);
  }
  const preconditions = changePreconditions(ctx, workspace, change.type);
  // Nothing chosen for a WorkSpace that no longer exists is worth judging.
  if (isGone(workspace)) return resultOf(preconditions);
  return resultOf([...preconditions, ...parameterRefusals(ctx, workspace, change)]);
}

/** The checks of what the user chose: sizes, compute type, running mode, target bundle, tags. */
function parameterRefusals(ctx: ValidationContext, workspace: Workspace, change: ExistingWorkspaceChange): Refusal[] {
  switch (change.type) {
    case "computeType":
      return computeTypeParameterRefusals(ctx, workspace, change);
    case "volumes":
      return volumesParameterRefusals(ctx, workspace, change);
    case "runningMode":
      return runningModeParameterRefusals(ctx, workspace, change);
    case "migrate":
      return migrateParameterRefusals(ctx, workspace, change);
    case "tags": {
      const policy = policyOf(ctx);
      return [
        ...tagEditPermissionRefusals(ctx.requester.role, change, { employeeEditableKeys: [...policy.employeeEditableTagKeys] }),
        ...validateTags(workspace, change, policy.requiredTagKeys),
      ];
    }
    case "reboot":
    case "start":
    case "stop":
    case "rebuild":
    case "restore":
    case "terminate":
    case "resetPassword":
    case "encryption":
    case "maintenance":
      return [];
    default:
      return assertNever(change);
  }
}

/** A request carries exactly one change; this refuses lists that AWS would reject when sent together. */
export function validateChangeSet(changes: readonly Change[]): ValidationResult {
  const perWorkspace = new Map<string, Set<string>>();
  for (const change of changes) {
    if (change.type === "create") continue;
    const types = perWorkspace.get(change.workspaceId) ?? new Set<string>();
    types.add(change.type);
    perWorkspace.set(change.workspaceId, types);
  }
  const refusals: Refusal[] = [];
  for (const types of perWorkspace.values()) {
    if (types.has("computeType") && types.has("volumes")) {
      refusals.push({
        code: "COMPUTE_AND_VOLUMES_TOGETHER",
        message: "The compute type and the volume sizes cannot change in the same request. Ask for one, then the other.",
      });
    }
  }
  const volumeChanges = changes.filter((change) => change.type === "volumes");
  const volumesByWorkspace = new Map<string, number>();
  for (const change of volumeChanges) volumesByWorkspace.set(change.workspaceId, (volumesByWorkspace.get(change.workspaceId) ?? 0) + 1);
  if ([...volumesByWorkspace.values()].some((count) => count > 1)) {
    refusals.push({
      code: "ROOT_AND_USER_TOGETHER",
      message: "The root and user volumes cannot grow in the same request. Ask for one now and the other in a separate request.",
    });
  }
  return resultOf(refusals);
}

function assertNever(value: never): never {
  throw new Error(`Unhandled change: ${JSON.stringify(value)}`);
}
