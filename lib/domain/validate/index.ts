import type { Change } from "../change";
import { selfServiceRefusals } from "./access";
import { validateComputeType } from "./compute";
import { policyOf, resultOf, type Refusal, type ValidationContext, type ValidationResult } from "./context";
import { validateCreate } from "./create";
import { validateEncryption, validateLifecycle, validateResetPassword } from "./lifecycle";
import { validateMigrate } from "./migrate";
import { validateRunningMode } from "./running-mode";
import { validateTags } from "./tags";
import { validateVolumes } from "./volumes";

/** Every rule that applies to `change`; all refusals are reported at once so the user can fix them together. */
export function validateChange(ctx: ValidationContext, change: Change): ValidationResult {
  if (change.type === "create") return resultOf(validateCreate(ctx, change));

  const workspace = ctx.workspace;
  if (!workspace || workspace.id !== change.workspaceId) {
    return resultOf([{ code: "WORKSPACE_UNKNOWN", message: "The WorkSpace could not be found." }]);
  }
  if (workspace.state === "TERMINATED" || workspace.state === "TERMINATING") {
    return resultOf([{ code: "WORKSPACE_GONE", message: "This WorkSpace has been given back and no longer exists." }]);
  }

  const refusals: Refusal[] = [...selfServiceRefusals(ctx, workspace, change.type)];
  switch (change.type) {
    case "reboot":
    case "start":
    case "stop":
    case "rebuild":
    case "restore":
    case "terminate":
      refusals.push(...validateLifecycle(ctx, workspace, change));
      break;
    case "computeType":
      refusals.push(...validateComputeType(ctx, workspace, change));
      break;
    case "volumes":
      refusals.push(...validateVolumes(ctx, workspace, change));
      break;
    case "runningMode":
      refusals.push(...validateRunningMode(ctx, workspace, change));
      break;
    case "migrate":
      refusals.push(...validateMigrate(ctx, workspace, change));
      break;
    case "tags":
      refusals.push(...validateTags(workspace, change, policyOf(ctx).requiredTagKeys));
      break;
    case "resetPassword":
      refusals.push(...validateResetPassword(ctx, ctx.directories.find((directory) => directory.id === workspace.directoryId)));
      break;
    case "encryption":
      refusals.push(...validateEncryption());
      break;
    default:
      return assertNever(change);
  }
  return resultOf(refusals);
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
    refusals.push({ code: "ROOT_AND_USER_TOGETHER", message: "The root and user volumes cannot grow in the same request. Ask for one now and the other in a separate request." });
  }
  return resultOf(refusals);
}

function assertNever(value: never): never {
  throw new Error(`Unhandled change: ${JSON.stringify(value)}`);
}
