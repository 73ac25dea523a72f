import type { ChangeType } from "../change";
import type { Directory, Workspace } from "../types";
import { portalResetsPassword } from "../password-help";
import { MINUTE_MS, hasElapsed, policyOf, requireState, type PreconditionContext, type Refusal } from "./context";

/** A reboot may be retried once a WorkSpace has been stuck in REBOOTING this long (API model). */
export const STUCK_REBOOT_MS = 20 * MINUTE_MS;

type LifecycleChangeType = Extract<ChangeType, "reboot" | "start" | "stop" | "rebuild" | "restore" | "terminate">;

/** Life-cycle changes have nothing to choose, so every rule of theirs is a precondition. */
export function lifecyclePreconditions(ctx: PreconditionContext, workspace: Workspace, type: LifecycleChangeType): Refusal[] {
  switch (type) {
    case "reboot":
      return validateReboot(ctx, workspace);
    case "start":
      return [...requireStoppableMode(ctx, workspace, "start"), ...requireState(workspace, ["STOPPED"], "be started")];
    case "stop":
      return [
        ...requireStoppableMode(ctx, workspace, "stop"),
        ...requireState(workspace, ["AVAILABLE", "IMPAIRED", "UNHEALTHY", "ERROR"], "be stopped"),
      ];
    case "rebuild":
      return requireState(workspace, ["AVAILABLE", "ERROR", "UNHEALTHY", "STOPPED", "REBOOTING"], "be rebuilt");
    case "restore":
      return [
        ...requireState(workspace, ["AVAILABLE", "ERROR", "UNHEALTHY", "STOPPED"], "be restored"),
        ...requireSnapshot(workspace, "restored"),
      ];
    case "terminate":
      if (workspace.state === "SUSPENDED") {
        return [{ code: "WRONG_STATE", message: "The WorkSpace is suspended; it can be given back only after it is no longer suspended." }];
      }
      return [];
  }
}

function validateReboot(ctx: PreconditionContext, workspace: Workspace): Refusal[] {
  if (workspace.state === "REBOOTING") {
    if (hasElapsed(workspace.stateChangedAt, ctx.now, STUCK_REBOOT_MS)) return [];
    return [
      {
        code: "REBOOT_IN_PROGRESS",
        message: "The WorkSpace is already restarting. If it is still restarting after 20 minutes, it can be restarted again.",
      },
    ];
  }
  return requireState(workspace, ["AVAILABLE", "UNHEALTHY"], "be restarted");
}

/** AlwaysOn WorkSpaces are never stopped or started by hand; only AutoStop (and Manual, where enabled) are. */
function requireStoppableMode(ctx: PreconditionContext, workspace: Workspace, action: "start" | "stop"): Refusal[] {
  if (workspace.runningMode === "AUTO_STOP") return [];
  if (workspace.runningMode === "MANUAL" && policyOf(ctx).allowManualRunningMode) return [];
  return [
    {
      code: "RUNNING_MODE_NOT_STOPPABLE",
      message:
        `Only WorkSpaces in AutoStop running mode can be ${action === "start" ? "started" : "stopped"}; ` +
        `this one is ${workspace.runningMode === "ALWAYS_ON" ? "AlwaysOn" : "Manual"}.`,
    },
  ];
}

export function requireSnapshot(workspace: Workspace, action: string): Refusal[] {
  if (workspace.lastSnapshotAt !== null) return [];
  return [{ code: "NO_SNAPSHOT", message: `The WorkSpace has no snapshot yet (one is taken every 12 hours), so it cannot be ${action}.` }];
}

/** ResetUserPassword is a Directory Service call with its own limits per directory type. */
export function validateResetPassword(ctx: PreconditionContext, directory: Directory | undefined): Refusal[] {
  if (!directory)
    return [
      { code: "DIRECTORY_UNKNOWN", message: "The WorkSpace's directory is not known to the portal, so its password cannot be reset here." },
    ];
  if (!portalResetsPassword(directory.type)) {
    return [
      {
        code: "PASSWORD_RESET_UNSUPPORTED",
        message:
          "This WorkSpace signs in against your company's own directory (AD Connector); " +
          "reset the password there, for example through the IT help desk.",
      },
    ];
  }
  const user = ctx.directoryUser;
  if (directory.type === "SIMPLE_AD" && user?.isDomainOrEnterpriseAdmin) {
    return [
      {
        code: "PASSWORD_RESET_PRIVILEGED_USER",
        message: "Passwords of domain or enterprise administrators cannot be reset through the portal.",
      },
    ];
  }
  if (directory.type === "MICROSOFT_AD" && user && !user.inDirectoryOwnOu) {
    return [
      {
        code: "PASSWORD_RESET_OUTSIDE_OU",
        message: "This user is outside the directory's own organizational unit, so the portal cannot reset the password.",
      },
    ];
  }
  return [];
}

export function validateEncryption(): Refusal[] {
  return [
    {
      code: "ENCRYPTION_ONLY_AT_LAUNCH",
      message:
        "Encryption can only be chosen when a WorkSpace is created. " +
        "To get an encrypted WorkSpace, request a new one with encryption turned on.",
    },
  ];
}
