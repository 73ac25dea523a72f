import type { FailureReason } from "./errors";

/** What the gateway tells its observer about every SDK call (not every retry attempt). */
export interface CallInfo {
  service: "workspaces" | "ds" | "cloudwatch";
  region: string;
  operation: string;
  durationMs: number;
  /** HTTP attempts the SDK made, retries included. */
  attempts: number;
  requestId?: string;
  /** AWS's error name when the call failed after its retries. */
  error?: string;
}

/** A per-item refusal from a batch call (FailedRequests), kept next to the successes. */
export interface ItemFailure {
  workspaceId: string;
  /** AWS's code, e.g. ResourceNotFound.WorkSpace or InvalidResourceState. */
  code: string;
  message: string;
  reason: FailureReason;
  state?: string;
  /** The whole call failed without an answer (a timeout, a broken connection): AWS may have carried it out. */
  outcomeUnknown?: true;
}

export interface BatchResult {
  /** Ids AWS accepted (the change has started, not finished). */
  succeeded: string[];
  failed: ItemFailure[];
  /** One AWS request id per call made, for the audit log. */
  requestIds: string[];
}

/** The outcome of a single mutating call: AWS accepted it under this request id. */
export interface Accepted {
  requestId: string;
}

export type RunningMode = "ALWAYS_ON" | "AUTO_STOP" | "MANUAL" | "ALWAYS_ON_FLEXIBLE" | (string & {});

export interface WorkspaceSummary {
  workspaceId: string;
  directoryId: string;
  userName: string;
  state: string;
  bundleId: string;
  computerName?: string;
  ipAddress?: string;
  subnetId?: string;
  computeType?: string;
  runningMode?: RunningMode;
  autoStopTimeoutMinutes?: number;
  rootVolumeGib?: number;
  userVolumeGib?: number;
  protocols: string[];
  /** WorkspaceProperties.OperatingSystemName, e.g. "WINDOWS_SERVER_2022", "AMAZON_LINUX_2"; older responses lack it. */
  operatingSystemName?: string;
  rootVolumeEncrypted: boolean;
  userVolumeEncrypted: boolean;
  volumeEncryptionKey?: string;
  errorCode?: string;
  errorMessage?: string;
  /** Changes still being applied, e.g. { resource: "USER_VOLUME", state: "UPDATE_IN_PROGRESS" }. */
  modifications: { resource: string; state: string }[];
}

export interface ConnectionStatus {
  workspaceId: string;
  connectionState: "CONNECTED" | "DISCONNECTED" | "UNKNOWN" | (string & {});
  checkedAt?: Date;
  lastUserConnectionAt?: Date;
}

export interface TagPair {
  key: string;
  value: string;
}
