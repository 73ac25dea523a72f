import { MINUTE } from "../clock";
import type { Handler, OpContext } from "../engine";
import { ItemFailure } from "../protocol/errors";
import { randomId } from "../world/ids";
import {
  addWorkspace,
  LONG_OPERATION_MINUTES,
  PROVISION_MINUTES,
  REBOOT_MINUTES,
  setTimer,
  START_STOP_MINUTES,
  TERMINATE_MINUTES,
} from "../world/records";
import { presentWorkspace } from "../world/present";
import type { Tag, WorkspaceRecord } from "../world/types";
import { autoStopProblem, MANUAL_REFUSAL, tagProblem, volumePairProblem } from "./rules";

interface WorkspaceRequest {
  DirectoryId: string;
  UserName: string;
  BundleId: string;
  VolumeEncryptionKey?: string;
  UserVolumeEncryptionEnabled?: boolean;
  RootVolumeEncryptionEnabled?: boolean;
  WorkspaceProperties?: {
    RunningMode?: string;
    RunningModeAutoStopTimeoutInMinutes?: number;
    RootVolumeSizeGib?: number;
    UserVolumeSizeGib?: number;
    ComputeTypeName?: string;
    Protocols?: string[];
  };
  Tags?: Tag[];
}

// A KMS key as WorkSpaces takes it: a key id, a key ARN, an alias name or an alias ARN (symmetric keys only,
// which the sandbox cannot tell apart and so does not check).
const KMS_KEY =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias\/[A-Za-z0-9/_-]{1,250}|arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[0-9a-f-]{36}|key\/mrk-[0-9a-f]{32}|alias\/[A-Za-z0-9/_-]{1,250}))$/;

// Encryption needs a key named in the request, as AWS does (the console fills in aws/workspaces for you;
// the API does not).
function encryptionKeyProblem(req: WorkspaceRequest): string | undefined {
  if (!req.RootVolumeEncryptionEnabled && !req.UserVolumeEncryptionEnabled) return undefined;
  if (!req.VolumeEncryptionKey)
    return "VolumeEncryptionKey is required when root or user volume encryption is enabled: name the KMS key to encrypt with.";
  if (!KMS_KEY.test(req.VolumeEncryptionKey))
    return `The volume encryption key ${req.VolumeEncryptionKey} is not a KMS key id, key ARN, alias name or alias ARN.`;
  return undefined;
}

// Item error codes follow the dotted form WorkSpaces uses in FailedRequests (e.g. ResourceNotFound.User).
function checkCreate(ctx: OpContext, req: WorkspaceRequest, claimed: Set<string>): void {
  const dir = ctx.world.directories[req.DirectoryId];
  if (!dir?.registration)
    throw new ItemFailure("ResourceNotFound.Directory", "The specified directory could not be found in the specified region.");
  const bundle = ctx.world.bundles[req.BundleId];
  if (!bundle) throw new ItemFailure("ResourceNotFound.Bundle", "The specified bundle could not be found.");
  const user = Object.keys(dir.users).find((u) => u.toLowerCase() === req.UserName.toLowerCase());
  if (!user) throw new ItemFailure("ResourceNotFound.User", "The specified user could not be found in the directory.");
  const key = `${dir.DirectoryId}/${user.toLowerCase()}`;
  const exists = Object.values(ctx.world.workspaces).some(
    (ws) =>
      ws.DirectoryId === dir.DirectoryId &&
      ws.UserName.toLowerCase() === user.toLowerCase() &&
      ws.State !== "TERMINATED" &&
      !ws.migratingTo,
  );
  if (exists || claimed.has(key)) throw new ItemFailure("ResourceExists.WorkSpace", "A WorkSpace already exists for the specified user.");
  const props = req.WorkspaceProperties ?? {};
  if (props.RunningMode === "MANUAL") throw new ItemFailure("UnsupportedWorkspaceConfigurationException", MANUAL_REFUSAL);
  const modeProblem = autoStopProblem(props.RunningMode ?? "ALWAYS_ON", props.RunningModeAutoStopTimeoutInMinutes);
  if (modeProblem) throw new ItemFailure("InvalidParameterValuesException", modeProblem);
  if (props.ComputeTypeName && props.ComputeTypeName !== bundle.ComputeType) {
    throw new ItemFailure(
      "InvalidParameterValuesException",
      `The compute type ${props.ComputeTypeName} does not match the bundle's compute type ${bundle.ComputeType}.`,
    );
  }
  const root = props.RootVolumeSizeGib ?? Number(bundle.RootCapacity);
  const userVol = props.UserVolumeSizeGib ?? Number(bundle.UserCapacity);
  if (root < Number(bundle.RootCapacity) || userVol < Number(bundle.UserCapacity)) {
    throw new ItemFailure("InvalidParameterValuesException", "Volumes cannot be smaller than the bundle's volumes.");
  }
  const volumeProblem = volumePairProblem(root, userVol, bundle.ComputeType);
  if (volumeProblem) throw new ItemFailure("InvalidParameterValuesException", volumeProblem);
  for (const p of props.Protocols ?? []) {
    if (!bundle.protocols.includes(p))
      throw new ItemFailure(
        "UnsupportedWorkspaceConfigurationException",
        `The bundle ${bundle.BundleId} does not support the ${p} protocol.`,
      );
  }
  const keyProblem = encryptionKeyProblem(req);
  if (keyProblem) throw new ItemFailure("InvalidParameterValuesException", keyProblem);
  if (req.Tags && req.Tags.length > 50) throw new ItemFailure("ResourceLimitExceededException", "A WorkSpace can have at most 50 tags.");
  const badTags = req.Tags ? tagProblem(req.Tags) : undefined;
  if (badTags) throw new ItemFailure("InvalidParameterValuesException", badTags);
  claimed.add(key);
}

const createWorkspaces: Handler = (ctx, input) => {
  const requests = input.Workspaces as WorkspaceRequest[];
  const claimed = new Set<string>();
  const failed: object[] = [];
  const pending: object[] = [];
  for (const req of requests) {
    try {
      checkCreate(ctx, req, claimed);
    } catch (e) {
      if (!(e instanceof ItemFailure)) throw e;
      failed.push({ WorkspaceRequest: req, ErrorCode: e.code, ErrorMessage: e.message });
      continue;
    }
    const bundle = ctx.world.bundles[req.BundleId]!;
    const props = req.WorkspaceProperties ?? {};
    const dir = ctx.world.directories[req.DirectoryId]!;
    const userName = Object.keys(dir.users).find((u) => u.toLowerCase() === req.UserName.toLowerCase())!;
    const rootEncrypted = req.RootVolumeEncryptionEnabled ?? false;
    const userEncrypted = req.UserVolumeEncryptionEnabled ?? false;
    const ws = addWorkspace(ctx.world, {
      WorkspaceId: randomId("ws-"),
      DirectoryId: dir.DirectoryId,
      UserName: userName,
      bundle,
      State: "PENDING",
      createdAt: ctx.now,
      RunningMode: props.RunningMode ?? "ALWAYS_ON",
      AutoStopTimeout: props.RunningModeAutoStopTimeoutInMinutes,
      RootVolumeSizeGib: props.RootVolumeSizeGib,
      UserVolumeSizeGib: props.UserVolumeSizeGib,
      Protocols: props.Protocols,
      rootEncrypted,
      userEncrypted,
      VolumeEncryptionKey: rootEncrypted || userEncrypted ? req.VolumeEncryptionKey : undefined,
    });
    // Root-volume encryption makes provisioning take up to an hour.
    setTimer(ws, ctx.now + (rootEncrypted ? LONG_OPERATION_MINUTES : PROVISION_MINUTES) * MINUTE, "becomeAvailable");
    if (req.Tags?.length) ctx.world.tags[ws.WorkspaceId] = req.Tags.map((t) => ({ Key: t.Key, Value: t.Value ?? "" }));
    const shown = presentWorkspace(ws);
    pending.push({
      WorkspaceId: ws.WorkspaceId,
      DirectoryId: ws.DirectoryId,
      UserName: ws.UserName,
      State: ws.State,
      BundleId: ws.BundleId,
      WorkspaceProperties: shown.WorkspaceProperties,
      UserVolumeEncryptionEnabled: ws.UserVolumeEncryptionEnabled,
      RootVolumeEncryptionEnabled: ws.RootVolumeEncryptionEnabled,
    });
  }
  return { FailedRequests: failed, PendingRequests: pending };
};

type Change = (ctx: OpContext, ws: WorkspaceRecord) => void;

// Shared shape of Reboot/Rebuild/Start/Stop/Terminate: each item succeeds or lands in FailedRequests.
function batch(listKey: string, change: Change): Handler {
  return (ctx, input) => {
    const items = input[listKey] as { WorkspaceId?: string }[];
    const failed: object[] = [];
    for (const item of items) {
      const id = item.WorkspaceId ?? "";
      try {
        const ws = ctx.world.workspaces[id];
        if (!ws) throw new ItemFailure("ResourceNotFound.WorkSpace", `The WorkSpace ${id} could not be found.`);
        change(ctx, ws);
      } catch (e) {
        if (!(e instanceof ItemFailure)) throw e;
        failed.push({ WorkspaceId: id, ErrorCode: e.code, ErrorMessage: e.message });
      }
    }
    return { FailedRequests: failed };
  };
}

function requireState(ws: WorkspaceRecord, allowed: string[], action: string): void {
  if (ws.migratingTo) throw new ItemFailure("OperationInProgressException", `The WorkSpace ${ws.WorkspaceId} is being migrated.`);
  if (ws.State === "ADMIN_MAINTENANCE")
    throw new ItemFailure("InvalidResourceState", `The WorkSpace ${ws.WorkspaceId} is in ADMIN_MAINTENANCE; ${action} is not allowed.`);
  if (!allowed.includes(ws.State))
    throw new ItemFailure("InvalidResourceState", `The WorkSpace ${ws.WorkspaceId} is ${ws.State}; ${action} needs ${allowed.join(", ")}.`);
}

function requireAutoStop(ws: WorkspaceRecord, action: string): void {
  if (ws.RunningMode === "ALWAYS_ON")
    throw new ItemFailure("OperationNotSupported", `Only AutoStop or Manual WorkSpaces can be ${action}; ${ws.WorkspaceId} is AlwaysOn.`);
}

const reboot: Change = (ctx, ws) => {
  const longReboot = ws.State === "REBOOTING" && ws.timer !== undefined && ctx.now - (ws.timer.at - REBOOT_MINUTES * MINUTE) >= 20 * MINUTE;
  if (!longReboot) requireState(ws, ["AVAILABLE", "UNHEALTHY"], "reboot");
  ws.State = "REBOOTING";
  setTimer(ws, ctx.now + REBOOT_MINUTES * MINUTE, "becomeAvailable");
};

const rebuild: Change = (ctx, ws) => {
  requireState(ws, ["AVAILABLE", "ERROR", "UNHEALTHY", "STOPPED", "REBOOTING"], "rebuild");
  ws.State = "REBUILDING";
  setTimer(ws, ctx.now + LONG_OPERATION_MINUTES * MINUTE, "becomeAvailable");
};

const start: Change = (ctx, ws) => {
  requireAutoStop(ws, "started");
  requireState(ws, ["STOPPED"], "start");
  ws.State = "STARTING";
  setTimer(ws, ctx.now + START_STOP_MINUTES * MINUTE, "becomeAvailable");
};

const stop: Change = (ctx, ws) => {
  requireAutoStop(ws, "stopped");
  requireState(ws, ["AVAILABLE", "IMPAIRED", "UNHEALTHY", "ERROR"], "stop");
  ws.State = "STOPPING";
  ws.stoppedByRequest = true;
  setTimer(ws, ctx.now + START_STOP_MINUTES * MINUTE, "becomeStopped");
};

const terminate: Change = (ctx, ws) => {
  if (ws.State === "SUSPENDED")
    throw new ItemFailure("InvalidResourceState", `The WorkSpace ${ws.WorkspaceId} is SUSPENDED and cannot be terminated.`);
  // Terminating twice is harmless on AWS; a retry must not fail.
  if (ws.State === "TERMINATING" || ws.State === "TERMINATED") return;
  ws.State = "TERMINATING";
  ws.modification = undefined;
  setTimer(ws, ctx.now + TERMINATE_MINUTES * MINUTE, "becomeTerminated");
};

export const lifecycleOps: Record<string, Handler> = {
  CreateWorkspaces: createWorkspaces,
  RebootWorkspaces: batch("RebootWorkspaceRequests", reboot),
  RebuildWorkspaces: batch("RebuildWorkspaceRequests", rebuild),
  StartWorkspaces: batch("StartWorkspaceRequests", start),
  StopWorkspaces: batch("StopWorkspaceRequests", stop),
  TerminateWorkspaces: batch("TerminateWorkspaceRequests", terminate),
};
