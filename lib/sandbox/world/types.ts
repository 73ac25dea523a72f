// The sandbox's whole state is plain JSON so it can be persisted and reset as one value.
// Times are sandbox-clock epoch milliseconds.

// How a WorkSpace's user works (world/usage.ts); docs/sandbox.md describes each.
export type UsageProfile = "office" | "part-time" | "heavy" | "rare" | "never";

export interface Tag {
  Key: string;
  Value?: string;
}

export type TimerAction =
  | "becomeAvailable"
  | "becomeStopped"
  | "becomeTerminated"
  | "purgeTerminated"
  | "autoStop"
  | "autoStart"
  | "finishModification"
  | "finishMigration";

export interface PendingModification {
  Resource: "ROOT_VOLUME" | "USER_VOLUME" | "COMPUTE_TYPE";
  value: number | string;
  resumeState: string;
}

export interface WorkspaceRecord {
  WorkspaceId: string;
  DirectoryId: string;
  UserName: string;
  BundleId: string;
  SubnetId: string;
  IpAddress?: string;
  ComputerName?: string;
  State: string;
  ErrorCode?: string;
  ErrorMessage?: string;
  VolumeEncryptionKey?: string;
  UserVolumeEncryptionEnabled: boolean;
  RootVolumeEncryptionEnabled: boolean;
  RunningMode: string;
  AutoStopTimeout?: number;
  RootVolumeSizeGib: number;
  UserVolumeSizeGib: number;
  ComputeTypeName: string;
  Protocols: string[];
  /** WorkspaceProperties.OperatingSystemName, from the bundle it was created from; absent in state saved before it was kept. */
  OperatingSystemName?: string;
  seq: number;
  createdAt: number;
  lastRootChangeAt?: number;
  lastUserChangeAt?: number;
  lastComputeUpAt?: number;
  lastComputeDownAt?: number;
  modification?: PendingModification;
  timer?: { at: number; action: TimerAction };
  // Simulated usage (world/usage.ts): a profile of its own, else one from a hash of the id; sessions
  // begin at usageFrom (default createdAt). Connection state is derived from them, never stored.
  usageProfile?: UsageProfile;
  usageFrom?: number;
  // Set by StopWorkspaces until the WorkSpace is STOPPED.
  stoppedByRequest?: boolean;
  migratingTo?: string;
  migratedFrom?: string;
}

export interface DirectoryUser {
  domainAdmin?: boolean;
  passwordChangedAt?: number;
}

export interface RadiusConfig {
  settings: Record<string, unknown>;
  enabledAt: number;
}

export interface Registration {
  State: string;
  RegistrationCode: string;
  SubnetIds: string[];
  WorkspaceSecurityGroupId: string;
  IamRoleId: string;
  Tenancy: string;
  creation: Record<string, unknown>;
  access: Record<string, string>;
  selfservice: Record<string, string>;
  client: Record<string, string>;
  ipGroupIds: string[];
}

export interface DirectoryRecord {
  DirectoryId: string;
  Name: string;
  ShortName: string;
  Type: "SimpleAD" | "ADConnector" | "MicrosoftAD";
  Size: "Small" | "Large";
  Alias: string;
  Description: string;
  DnsIpAddrs: string[];
  VpcId: string;
  SubnetIds: string[];
  SecurityGroupId: string;
  AvailabilityZones: string[];
  LaunchTime: number;
  Stage: string;
  connectorUser?: string;
  radius?: RadiusConfig;
  users: Record<string, DirectoryUser>;
  registration?: Registration;
}

export interface BundleRecord {
  BundleId: string;
  Name: string;
  Owner: string;
  Description: string;
  ImageId: string;
  RootCapacity: string;
  UserCapacity: string;
  ComputeType: string;
  CreationTime: number;
  LastUpdatedTime: number;
  os: "WINDOWS" | "LINUX";
  protocols: string[];
  byol: boolean;
}

export interface ImageRecord {
  ImageId: string;
  Name: string;
  Description: string;
  os: "WINDOWS" | "LINUX";
  State: string;
  RequiredTenancy: "DEFAULT" | "DEDICATED";
  Created: number;
  OwnerAccountId: string;
  shared: boolean;
  // Images made or copied through the API (ops/images.ts): PENDING until readyAt, then AVAILABLE, or
  // ERROR with `failure` when the control API marked it to fail.
  readyAt?: number;
  failure?: { code: string; message: string };
  ErrorCode?: string;
  ErrorMessage?: string;
  /** Account ids the owner shared the image with (UpdateWorkspaceImagePermission). */
  sharedWith?: string[];
  sourceWorkspaceId?: string;
}

export interface IpGroupRecord {
  groupId: string;
  groupName: string;
  groupDesc?: string;
  userRules: { ipRule: string; ruleDesc?: string }[];
}

// A connection alias for cross-Region redirection (ops/aliases.ts). Its state and association status are
// derived from these times on each read, so no timer is needed.
export interface ConnectionAliasRecord {
  AliasId: string;
  ConnectionString: string;
  createdAt: number;
  deletingAt?: number;
  association?: { directoryId: string; connectionIdentifier: string; since: number; leavingAt?: number };
  /** Accounts allowed to associate the alias, by account id. */
  sharedWith: Record<string, boolean>;
}

export interface RegionWorld {
  region: string;
  accountId: string;
  workspaces: Record<string, WorkspaceRecord>;
  // WorkSpace ids in ascending `seq`: the stable order pagination walks.
  order: string[];
  nextSeq: number;
  directories: Record<string, DirectoryRecord>;
  bundles: Record<string, BundleRecord>;
  images: Record<string, ImageRecord>;
  ipGroups: Record<string, IpGroupRecord>;
  tags: Record<string, Tag[]>;
  /** Absent in state saved before connection aliases were kept. */
  aliases?: Record<string, ConnectionAliasRecord>;
}

export interface WorldState {
  version: 1;
  seed: number;
  fleetSize: number;
  sandboxNow: number;
  regions: Record<string, RegionWorld>;
  /** Other accounts' Regions by account id (the first account's are `regions`); seeded on first use. */
  accounts?: Record<string, Record<string, RegionWorld>>;
  mutatingCalls: Record<string, number>;
}
