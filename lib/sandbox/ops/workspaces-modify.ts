import { DAY, HOUR, MINUTE } from "../clock";
import type { Handler } from "../engine";
import { AwsError, invalidParameter, invalidState, notFound, notSupported, unsupportedConfig } from "../protocol/errors";
import { randomId } from "../world/ids";
import { addWorkspace, LONG_OPERATION_MINUTES, MODIFY_MINUTES, setTimer, START_STOP_MINUTES } from "../world/records";
import { settleAvailable } from "../world/timers";
import { profileOf } from "../world/usage";
import type { WorkspaceRecord } from "../world/types";
import { autoStopProblem, MANUAL_REFUSAL, requireWorkspace, volumePairProblem } from "./rules";
import { snapshotTimes } from "./workspaces-describe";

const SIX_HOURS = 6 * HOUR;
const COMPUTE_ORDER = ["VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO"];
const GPU_FAMILIES = [
  ["GRAPHICS_G4DN", "GRAPHICSPRO_G4DN"],
  ["GRAPHICS", "GRAPHICSPRO"],
];

interface PropertiesInput {
  RunningMode?: string;
  RunningModeAutoStopTimeoutInMinutes?: number;
  RootVolumeSizeGib?: number;
  UserVolumeSizeGib?: number;
  ComputeTypeName?: string;
  Protocols?: string[];
}

function computeDirection(from: string, to: string): "up" | "down" {
  const family = GPU_FAMILIES.find((f) => f.includes(from));
  if (family) {
    if (!family.includes(to))
      throw unsupportedConfig(`The compute type cannot change from ${from} to ${to}; GPU types only change among ${family.join(" and ")}.`);
    return family.indexOf(to) > family.indexOf(from) ? "up" : "down";
  }
  if (!COMPUTE_ORDER.includes(to)) throw unsupportedConfig(`The compute type cannot change from ${from} to ${to}.`);
  return COMPUTE_ORDER.indexOf(to) > COMPUTE_ORDER.indexOf(from) ? "up" : "down";
}

function startModification(
  ws: WorkspaceRecord,
  now: number,
  resource: "ROOT_VOLUME" | "USER_VOLUME" | "COMPUTE_TYPE",
  value: number | string,
): void {
  ws.modification = { Resource: resource, value, resumeState: ws.State === "STOPPED" ? "STOPPED" : "AVAILABLE" };
  // A compute change reboots the WorkSpace; a volume grows while it stays usable.
  if (resource === "COMPUTE_TYPE") {
    ws.State = "UPDATING";
  }
  setTimer(ws, now + MODIFY_MINUTES * MINUTE, "finishModification");
}

function changeVolume(ws: WorkspaceRecord, now: number, which: "root" | "user", size: number): void {
  const current = which === "root" ? ws.RootVolumeSizeGib : ws.UserVolumeSizeGib;
  if (size === current) return;
  if (size < current) throw invalidParameter(`The ${which} volume cannot be decreased (from ${current} GiB to ${size} GiB).`);
  if (now - ws.createdAt < SIX_HOURS) throw invalidState("The volumes of a new WorkSpace can only be increased after it is 6 hours old.");
  const last = which === "root" ? ws.lastRootChangeAt : ws.lastUserChangeAt;
  if (last !== undefined && now - last < SIX_HOURS) throw invalidState(`The ${which} volume was increased less than 6 hours ago.`);
  const root = which === "root" ? size : ws.RootVolumeSizeGib;
  const user = which === "user" ? size : ws.UserVolumeSizeGib;
  const problem = volumePairProblem(root, user, ws.ComputeTypeName);
  if (problem) throw unsupportedConfig(problem);
  if (which === "root") ws.lastRootChangeAt = now;
  else ws.lastUserChangeAt = now;
  startModification(ws, now, which === "root" ? "ROOT_VOLUME" : "USER_VOLUME", size);
}

function changeCompute(ws: WorkspaceRecord, now: number, to: string): void {
  if (to === ws.ComputeTypeName) return;
  const direction = computeDirection(ws.ComputeTypeName, to);
  if (to.startsWith("GRAPHICS") && (ws.RootVolumeSizeGib < 100 || ws.UserVolumeSizeGib < 100)) {
    throw unsupportedConfig("Graphics compute types need at least 100 GiB root and 100 GiB user volumes.");
  }
  if (direction === "up" && ws.lastComputeUpAt !== undefined && now - ws.lastComputeUpAt < SIX_HOURS)
    throw invalidState("The compute type can be increased at most once every 6 hours.");
  if (direction === "down" && ws.lastComputeDownAt !== undefined && now - ws.lastComputeDownAt < 30 * DAY)
    throw invalidState("The compute type can be decreased at most once every 30 days.");
  if (direction === "up") ws.lastComputeUpAt = now;
  else ws.lastComputeDownAt = now;
  startModification(ws, now, "COMPUTE_TYPE", to);
}

const modifyWorkspaceProperties: Handler = (ctx, input) => {
  const ws = requireWorkspace(ctx, String(input.WorkspaceId));
  const props = input.WorkspaceProperties as PropertiesInput;
  if (ws.modification || ws.migratingTo)
    throw new AwsError("OperationInProgressException", `A modification of ${ws.WorkspaceId} is already in progress.`);
  const rootChange = props.RootVolumeSizeGib !== undefined && props.RootVolumeSizeGib !== ws.RootVolumeSizeGib;
  const userChange = props.UserVolumeSizeGib !== undefined && props.UserVolumeSizeGib !== ws.UserVolumeSizeGib;
  const computeChange = props.ComputeTypeName !== undefined && props.ComputeTypeName !== ws.ComputeTypeName;
  if (rootChange && userChange) throw invalidParameter("The root and user volumes cannot be increased in the same request.");
  if (computeChange && (rootChange || userChange))
    throw invalidParameter("The compute type and volume sizes cannot be changed in the same request.");
  if (!["AVAILABLE", "STOPPED"].includes(ws.State))
    throw invalidState(`The WorkSpace ${ws.WorkspaceId} is ${ws.State}; it must be AVAILABLE or STOPPED to be modified.`);
  if (props.RunningMode === "MANUAL") throw unsupportedConfig(MANUAL_REFUSAL);
  const mode = props.RunningMode ?? ws.RunningMode;
  const modeProblem = autoStopProblem(mode, props.RunningModeAutoStopTimeoutInMinutes);
  if (modeProblem) throw invalidParameter(modeProblem);
  if (props.Protocols && ws.Protocols.join() !== props.Protocols.join() && ws.State !== "STOPPED" && ws.State !== "AVAILABLE") {
    throw invalidState("The protocol can only change while the WorkSpace is AVAILABLE or STOPPED.");
  }
  if (rootChange) changeVolume(ws, ctx.now, "root", props.RootVolumeSizeGib!);
  if (userChange) changeVolume(ws, ctx.now, "user", props.UserVolumeSizeGib!);
  if (computeChange) changeCompute(ws, ctx.now, props.ComputeTypeName!);
  if (props.Protocols) ws.Protocols = [...new Set(props.Protocols)];
  if (props.RunningMode !== undefined || props.RunningModeAutoStopTimeoutInMinutes !== undefined) {
    const wasStopped = ws.State === "STOPPED";
    ws.RunningMode = mode;
    ws.AutoStopTimeout = mode === "AUTO_STOP" ? (props.RunningModeAutoStopTimeoutInMinutes ?? ws.AutoStopTimeout ?? 60) : undefined;
    if (mode === "ALWAYS_ON" && wasStopped && !ws.modification) {
      // An AlwaysOn WorkSpace cannot stay stopped: switching starts it.
      ws.State = "STARTING";
      setTimer(ws, ctx.now + START_STOP_MINUTES * MINUTE, "becomeAvailable");
    } else if (ws.State === "AVAILABLE" && !ws.modification) {
      settleAvailable(ws, ctx.now, ctx.world.region);
    }
  }
  return {};
};

const modifyWorkspaceState: Handler = (ctx, input) => {
  const ws = requireWorkspace(ctx, String(input.WorkspaceId));
  const target = String(input.WorkspaceState);
  if (ws.State === target) return {};
  if (!["AVAILABLE", "ADMIN_MAINTENANCE"].includes(ws.State)) {
    throw invalidState(`The WorkSpace ${ws.WorkspaceId} is ${ws.State}; only AVAILABLE and ADMIN_MAINTENANCE WorkSpaces can change state.`);
  }
  if (target === "ADMIN_MAINTENANCE") {
    ws.State = "ADMIN_MAINTENANCE";
    ws.timer = undefined;
  } else {
    settleAvailable(ws, ctx.now, ctx.world.region);
  }
  return {};
};

function requireRestorable(ws: WorkspaceRecord, now: number, action: string): void {
  if (ws.State === "ADMIN_MAINTENANCE")
    throw notSupported(`The WorkSpace ${ws.WorkspaceId} is in ADMIN_MAINTENANCE; ${action} is not allowed.`);
  if (!["AVAILABLE", "ERROR", "UNHEALTHY", "STOPPED"].includes(ws.State))
    throw notSupported(`The WorkSpace ${ws.WorkspaceId} is ${ws.State}; ${action} needs AVAILABLE, ERROR, UNHEALTHY or STOPPED.`);
  if (snapshotTimes(ws, now).length === 0)
    throw notSupported(`The WorkSpace ${ws.WorkspaceId} has no snapshot yet; it must be at least 12 hours old.`);
}

const restoreWorkspace: Handler = (ctx, input) => {
  const ws = requireWorkspace(ctx, String(input.WorkspaceId));
  if (ws.migratingTo) throw notSupported(`The WorkSpace ${ws.WorkspaceId} is being migrated.`);
  requireRestorable(ws, ctx.now, "restore");
  ws.State = "RESTORING";
  setTimer(ws, ctx.now + LONG_OPERATION_MINUTES * MINUTE, "becomeAvailable");
  return {};
};

const migrateWorkspace: Handler = (ctx, input) => {
  const source = requireWorkspace(ctx, String(input.SourceWorkspaceId));
  const target = ctx.world.bundles[String(input.BundleId)];
  if (!target) throw notFound(`The bundle ${String(input.BundleId)} could not be found in ${ctx.world.region}.`);
  if (source.migratingTo)
    throw new AwsError("OperationInProgressException", `The WorkSpace ${source.WorkspaceId} is already being migrated.`);
  const current = ctx.world.bundles[source.BundleId];
  if (target.BundleId === source.BundleId) throw invalidParameter("The target bundle must differ from the WorkSpace's current bundle.");
  if (current?.os === "LINUX" || target.os === "LINUX") throw notSupported("Linux WorkSpaces cannot be migrated.");
  if (current?.byol && !target.byol) throw notSupported("A BYOL WorkSpace can only be migrated to another BYOL bundle.");
  if (!current?.byol && target.byol) throw notSupported("WorkSpaces from public or custom bundles cannot be migrated to a BYOL bundle.");
  requireRestorable(source, ctx.now, "migration");
  if (source.State === "UNHEALTHY") throw notSupported("Only AVAILABLE, STOPPED or ERROR WorkSpaces can be migrated.");
  const created = addWorkspace(ctx.world, {
    WorkspaceId: randomId("ws-"),
    DirectoryId: source.DirectoryId,
    UserName: source.UserName,
    bundle: target,
    State: "PENDING",
    createdAt: ctx.now,
    RunningMode: source.RunningMode,
    AutoStopTimeout: source.AutoStopTimeout,
    RootVolumeSizeGib: Math.max(Number(target.RootCapacity), 0),
    UserVolumeSizeGib: source.UserVolumeSizeGib,
    Protocols: source.Protocols.filter((p) => target.protocols.includes(p)).length
      ? source.Protocols.filter((p) => target.protocols.includes(p))
      : undefined,
    rootEncrypted: source.RootVolumeEncryptionEnabled,
    userEncrypted: source.UserVolumeEncryptionEnabled,
    VolumeEncryptionKey: source.VolumeEncryptionKey,
    // The same person keeps the same habits on the new WorkSpace.
    usageProfile: profileOf(source),
  });
  created.migratedFrom = source.WorkspaceId;
  setTimer(created, ctx.now + LONG_OPERATION_MINUTES * MINUTE, "becomeAvailable");
  ctx.world.tags[created.WorkspaceId] = (ctx.world.tags[source.WorkspaceId] ?? []).map((t) => ({ ...t }));
  source.migratingTo = created.WorkspaceId;
  source.timer = undefined;
  return { SourceWorkspaceId: source.WorkspaceId, TargetWorkspaceId: created.WorkspaceId };
};

export const modifyOps: Record<string, Handler> = {
  ModifyWorkspaceProperties: modifyWorkspaceProperties,
  ModifyWorkspaceState: modifyWorkspaceState,
  RestoreWorkspace: restoreWorkspace,
  MigrateWorkspace: migrateWorkspace,
};
