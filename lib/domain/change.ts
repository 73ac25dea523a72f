import type { ComputeType, RunningMode, Tag } from "./types";

// Every change a user or admin can ask for. One request carries one change: that is how the
// "compute and volumes never in the same request" rule is kept by construction, and the strict
// zod schema (changeSchema in schemas.ts) refuses an input that tries to smuggle both into one object.

export interface CreateChange {
  type: "create";
  ownerUserName: string;
  directoryId: string;
  bundleId: string;
  runningMode: RunningMode;
  autoStopTimeoutMinutes?: number;
  /** Defaults to the bundle's volumes. */
  rootVolumeGb?: number;
  userVolumeGb?: number;
  rootVolumeEncrypted: boolean;
  userVolumeEncrypted: boolean;
  /** The KMS key for the encrypted volumes, set from the policy when the request is made (encryption.ts). */
  volumeEncryptionKey?: string;
  tags: readonly Tag[];
  /**
   * The portal's id for the AWS account the directory is in (lib/core/accounts.ts), set from the directory when
   * the request is made, never from the form; absent for the environment's own account.
   */
  accountId?: string;
}

interface OnWorkspace {
  workspaceId: string;
}

export interface RebootChange extends OnWorkspace {
  type: "reboot";
}
export interface StartChange extends OnWorkspace {
  type: "start";
}
export interface StopChange extends OnWorkspace {
  type: "stop";
}
export interface RebuildChange extends OnWorkspace {
  type: "rebuild";
}
export interface RestoreChange extends OnWorkspace {
  type: "restore";
}
/** Giving a WorkSpace back. */
export interface TerminateChange extends OnWorkspace {
  type: "terminate";
}
export interface ResetPasswordChange extends OnWorkspace {
  type: "resetPassword";
}

export interface ComputeTypeChange extends OnWorkspace {
  type: "computeType";
  computeType: ComputeType;
}

/** At most one of the two may differ from the current size (root and user never grow together). */
export interface VolumesChange extends OnWorkspace {
  type: "volumes";
  rootVolumeGb?: number;
  userVolumeGb?: number;
}

export interface RunningModeChange extends OnWorkspace {
  type: "runningMode";
  runningMode: RunningMode;
  autoStopTimeoutMinutes?: number;
}

export interface MigrateChange extends OnWorkspace {
  type: "migrate";
  targetBundleId: string;
}

export interface TagsChange extends OnWorkspace {
  type: "tags";
  /** Added, or replacing the value of an existing key. */
  set: readonly Tag[];
  remove: readonly string[];
}

/** The states ModifyWorkspaceState sets (TargetWorkspaceState): into admin maintenance, and back. */
export const MAINTENANCE_STATES = ["ADMIN_MAINTENANCE", "AVAILABLE"] as const;
export type MaintenanceState = (typeof MAINTENANCE_STATES)[number];

/** An admin takes the WorkSpace out of service for maintenance, or brings it back (see maintenance.ts). */
export interface MaintenanceChange extends OnWorkspace {
  type: "maintenance";
  state: MaintenanceState;
}

/** Exists so a user asking to encrypt an existing WorkSpace gets a clear refusal, not silence. */
export interface EncryptionChange extends OnWorkspace {
  type: "encryption";
  rootVolumeEncrypted: boolean;
  userVolumeEncrypted: boolean;
}

export type Change =
  | CreateChange
  | RebootChange
  | StartChange
  | StopChange
  | RebuildChange
  | RestoreChange
  | TerminateChange
  | ResetPasswordChange
  | ComputeTypeChange
  | VolumesChange
  | RunningModeChange
  | MigrateChange
  | TagsChange
  | EncryptionChange
  | MaintenanceChange;

export type ChangeType = Change["type"];
export type ExistingWorkspaceChange = Exclude<Change, CreateChange>;

export const CHANGE_TYPES = [
  "create",
  "reboot",
  "start",
  "stop",
  "rebuild",
  "restore",
  "terminate",
  "resetPassword",
  "computeType",
  "volumes",
  "runningMode",
  "migrate",
  "tags",
  "encryption",
  "maintenance",
] as const satisfies readonly ChangeType[];

/** Change types someone asks for through a request; maintenance is set by an admin from the fleet instead. */
export const REQUESTABLE_CHANGE_TYPES: readonly ChangeType[] = CHANGE_TYPES.filter((type) => type !== "maintenance");

/** Destructive changes lose data; the requester must confirm them explicitly. */
export const DESTRUCTIVE_CHANGE_TYPES: readonly ChangeType[] = ["rebuild", "restore", "migrate", "terminate"];

export function isDestructive(change: Change): boolean {
  return DESTRUCTIVE_CHANGE_TYPES.includes(change.type);
}
