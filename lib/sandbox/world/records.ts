import { DAY, MINUTE } from "../clock";
import { operatingSystemNameOf } from "./catalog";
import type { BundleRecord, UsageProfile, RegionWorld, TimerAction, WorkspaceRecord } from "./types";

export interface NewWorkspace {
  WorkspaceId: string;
  DirectoryId: string;
  UserName: string;
  bundle: BundleRecord;
  State: string;
  createdAt: number;
  RunningMode?: string;
  AutoStopTimeout?: number;
  RootVolumeSizeGib?: number;
  UserVolumeSizeGib?: number;
  Protocols?: string[];
  rootEncrypted?: boolean;
  userEncrypted?: boolean;
  VolumeEncryptionKey?: string;
  usageFrom?: number;
  usageProfile?: UsageProfile;
}

export function addWorkspace(world: RegionWorld, spec: NewWorkspace): WorkspaceRecord {
  const dir = world.directories[spec.DirectoryId];
  const seq = world.nextSeq++;
  const ws: WorkspaceRecord = {
    WorkspaceId: spec.WorkspaceId,
    DirectoryId: spec.DirectoryId,
    UserName: spec.UserName,
    BundleId: spec.bundle.BundleId,
    SubnetId: dir?.SubnetIds[seq % 2] ?? "subnet-00000000",
    State: spec.State,
    UserVolumeEncryptionEnabled: spec.userEncrypted ?? false,
    RootVolumeEncryptionEnabled: spec.rootEncrypted ?? false,
    VolumeEncryptionKey: spec.VolumeEncryptionKey,
    RunningMode: spec.RunningMode ?? "ALWAYS_ON",
    AutoStopTimeout: spec.RunningMode === "AUTO_STOP" ? (spec.AutoStopTimeout ?? 60) : undefined,
    usageProfile: spec.usageProfile,
    RootVolumeSizeGib: spec.RootVolumeSizeGib ?? Number(spec.bundle.RootCapacity),
    UserVolumeSizeGib: spec.UserVolumeSizeGib ?? Number(spec.bundle.UserCapacity),
    ComputeTypeName: spec.bundle.ComputeType,
    Protocols: spec.Protocols ?? [spec.bundle.protocols[0] ?? "WSP"],
    OperatingSystemName: operatingSystemNameOf(spec.bundle),
    seq,
    createdAt: spec.createdAt,
    // A new WorkSpace's user first signs in the day after it is created.
    usageFrom: spec.usageFrom ?? spec.createdAt + DAY,
  };
  if (spec.State !== "PENDING") assignNetworkIdentity(world, ws);
  world.workspaces[ws.WorkspaceId] = ws;
  world.order.push(ws.WorkspaceId);
  return ws;
}

// IP address and computer name appear once the WorkSpace has been provisioned.
export function assignNetworkIdentity(world: RegionWorld, ws: WorkspaceRecord): void {
  const n = ws.seq + 10;
  ws.IpAddress = `10.${world.region === "us-east-1" ? 0 : 1}.${(n >> 8) & 255}.${n & 255}`;
  const prefix = ws.DirectoryId === Object.keys(world.directories)[0] ? "WSAMZN" : "WSCORP";
  ws.ComputerName = `${prefix}-${ws.WorkspaceId.slice(3, 11).toUpperCase()}`;
}

export function setTimer(ws: WorkspaceRecord, at: number, action: TimerAction): void {
  ws.timer = { at, action };
}

export function removeWorkspace(world: RegionWorld, id: string): void {
  const ws = world.workspaces[id];
  if (!ws) return;
  const index = firstAfterSeq(world, ws.seq - 1);
  if (world.order[index] === id) world.order.splice(index, 1);
  delete world.workspaces[id];
  delete world.tags[id];
}

// Index of the first id in `order` whose seq is greater than `seq` (order is sorted by seq).
export function firstAfterSeq(world: RegionWorld, seq: number): number {
  let lo = 0;
  let hi = world.order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const ws = world.workspaces[world.order[mid]!];
    if ((ws?.seq ?? -1) <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const PROVISION_MINUTES = 20;
export const REBOOT_MINUTES = 2;
export const LONG_OPERATION_MINUTES = 60;
export const START_STOP_MINUTES = 2;
export const TERMINATE_MINUTES = 5;
export const MODIFY_MINUTES = 15;
// AWS shows TERMINATED only briefly before the WorkSpace disappears from DescribeWorkspaces.
export const TERMINATED_VISIBLE = 15 * MINUTE;
export const SNAPSHOT_INTERVAL = DAY / 2;

export function minutes(n: number): number {
  return n * MINUTE;
}
