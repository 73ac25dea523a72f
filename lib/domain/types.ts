// The domain's own vocabulary. Enum values follow the WorkSpaces API model (2015-04-08) so the
// gateway can map SDK shapes onto these types without a translation table.

export const COMPUTE_TYPES = [
  "VALUE",
  "STANDARD",
  "PERFORMANCE",
  "POWER",
  "POWERPRO",
  "GRAPHICS",
  "GRAPHICSPRO",
  "GRAPHICS_G4DN",
  "GRAPHICSPRO_G4DN",
] as const;
export type ComputeType = (typeof COMPUTE_TYPES)[number];

/** GPU compute types; the legacy GRAPHICS/GRAPHICSPRO cannot be switched to or from at all. */
export const GPU_COMPUTE_TYPES: readonly ComputeType[] = ["GRAPHICS", "GRAPHICSPRO", "GRAPHICS_G4DN", "GRAPHICSPRO_G4DN"];
/** The only GPU types between which a WorkSpace may switch (admin guide). */
export const SWITCHABLE_GPU_COMPUTE_TYPES: readonly ComputeType[] = ["GRAPHICS_G4DN", "GRAPHICSPRO_G4DN"];

export const RUNNING_MODES = ["ALWAYS_ON", "AUTO_STOP", "MANUAL"] as const;
export type RunningMode = (typeof RUNNING_MODES)[number];

export const WORKSPACE_STATES = [
  "PENDING",
  "AVAILABLE",
  "IMPAIRED",
  "UNHEALTHY",
  "REBOOTING",
  "STARTING",
  "REBUILDING",
  "RESTORING",
  "MAINTENANCE",
  "ADMIN_MAINTENANCE",
  "TERMINATING",
  "TERMINATED",
  "SUSPENDED",
  "UPDATING",
  "STOPPING",
  "STOPPED",
  "ERROR",
] as const;
export type WorkspaceState = (typeof WORKSPACE_STATES)[number];

export const PROTOCOLS = ["PCOIP", "WSP"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const OPERATING_SYSTEMS = ["WINDOWS", "LINUX"] as const;
export type OperatingSystem = (typeof OPERATING_SYSTEMS)[number];

/** INCLUDED: the Windows licence is part of the AWS price; BYOL: the customer brings its own. */
export const LICENCES = ["INCLUDED", "BYOL"] as const;
export type Licence = (typeof LICENCES)[number];

export type ModifiableResource = "ROOT_VOLUME" | "USER_VOLUME" | "COMPUTE_TYPE";

export interface Tag {
  key: string;
  value: string;
}

export type ComputeChangeDirection = "LARGER" | "SMALLER";

export interface Workspace {
  id: string;
  state: WorkspaceState;
  /** When the WorkSpace entered its current state; needed for "REBOOTING for 20+ minutes". */
  stateChangedAt: Date;
  ownerUserName: string;
  directoryId: string;
  region: string;
  bundleId: string;
  computeType: ComputeType;
  rootVolumeGb: number;
  userVolumeGb: number;
  runningMode: RunningMode;
  /** Only meaningful in AUTO_STOP; null otherwise. */
  autoStopTimeoutMinutes: number | null;
  rootVolumeEncrypted: boolean;
  userVolumeEncrypted: boolean;
  tags: readonly Tag[];
  createdAt: Date;
  lastVolumeChangeAt: { root?: Date; user?: Date };
  /** Last compute change per direction: the two directions have different cool-downs. */
  lastComputeChangeAt: { larger?: Date; smaller?: Date };
  protocols: readonly Protocol[];
  operatingSystem: OperatingSystem;
  /** Latest user-volume snapshot (taken every 12 h); null until the first one exists. */
  lastSnapshotAt: Date | null;
  /** ModificationStates from DescribeWorkspaces: a pending modification blocks another one. */
  modificationsInProgress: readonly ModifiableResource[];
}

export interface Bundle {
  id: string;
  name: string;
  /** AMAZON for public bundles, CUSTOM for bundles built from the account's own images. */
  owner: "AMAZON" | "CUSTOM";
  computeType: ComputeType;
  operatingSystem: OperatingSystem;
  licence: Licence;
  protocol: Protocol;
  vcpu: number;
  memoryGiB: number;
  gpu?: { count: number; memoryGiB: number };
  defaultRootVolumeGb: number;
  defaultUserVolumeGb: number;
  region: string;
}

export const DIRECTORY_TYPES = ["SIMPLE_AD", "MICROSOFT_AD", "AD_CONNECTOR"] as const;
export type DirectoryType = (typeof DIRECTORY_TYPES)[number];

/** Mirrors ModifySelfservicePermissions; the portal applies them to employee-initiated changes. */
export interface SelfServicePermissions {
  restartWorkspace: boolean;
  increaseVolumeSize: boolean;
  changeComputeType: boolean;
  switchRunningMode: boolean;
  rebuildWorkspace: boolean;
}

export interface Directory {
  id: string;
  name: string;
  type: DirectoryType;
  region: string;
  selfServicePermissions: SelfServicePermissions;
  /** Personas and groups that may get a WorkSpace here (settings are per directory, so personas map to directories). */
  allowedPersonas: readonly string[];
  allowedGroups: readonly string[];
}

export type RequesterRole = "EMPLOYEE" | "MANAGER" | "ADMIN";

export interface Requester {
  id: string;
  role: RequesterRole;
  persona: string;
  groups: readonly string[];
  /** Null when nobody is recorded as the requester's manager: admins approve instead. */
  managerId: string | null;
}

/** What a user may be given: computed from persona/group mappings (see catalogOfferingFor). */
export interface CatalogOffering {
  directoryIds: readonly string[];
  bundleIds: readonly string[];
}
