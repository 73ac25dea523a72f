import {
  CreateWorkspacesCommand,
  RebootWorkspacesCommand,
  RebuildWorkspacesCommand,
  StartWorkspacesCommand,
  StopWorkspacesCommand,
  TerminateWorkspacesCommand,
  type Compute,
  type FailedWorkspaceChangeRequest,
  type Protocol,
  type RunningMode,
  type WorkspaceRequest,
} from "@aws-sdk/client-workspaces";
import { BATCH_LIMITS, chunk, uniqueIds } from "./batching";
import { requireRequestId, type RegionClients } from "./clients";
import { classify, reasonForCode, toGatewayError, type FailureReason } from "./errors";
import { PORTAL_REQUEST_TAG } from "./workspaces-inventory";
import type { BatchResult, ItemFailure, TagPair } from "./types";

export interface NewWorkspace {
  /** The portal request this WorkSpace fulfils; written as the portal:request-id tag. */
  portalRequestId: string;
  directoryId: string;
  userName: string;
  bundleId: string;
  tags?: TagPair[];
  runningMode?: RunningMode;
  autoStopTimeoutMinutes?: number;
  rootVolumeGib?: number;
  userVolumeGib?: number;
  computeType?: Compute;
  protocols?: Protocol[];
  rootVolumeEncrypted?: boolean;
  userVolumeEncrypted?: boolean;
  volumeEncryptionKey?: string;
}

export interface CreatedWorkspace {
  portalRequestId: string;
  workspaceId: string;
  directoryId: string;
  userName: string;
  state: string;
}

export interface CreateFailure {
  portalRequestId: string;
  directoryId: string;
  userName: string;
  code: string;
  message: string;
  reason: FailureReason;
  /** The call failed without an answer: the WorkSpace may have been made (look it up by its tag). */
  outcomeUnknown?: true;
}

export interface CreateResult {
  created: CreatedWorkspace[];
  /** Refused items. Reason `unavailable` means the outcome is unknown: look the request up by its tag. */
  failed: CreateFailure[];
  requestIds: string[];
}

function itemReason(code: string): FailureReason {
  return reasonForCode(code) ?? "invalid";
}

export function toItemFailure(f: FailedWorkspaceChangeRequest): ItemFailure {
  const code = f.ErrorCode ?? "UnknownError";
  const message = f.ErrorMessage ?? "";
  const { reason, state } = classify(code, message, "invalid");
  return { workspaceId: f.WorkspaceId ?? "", code, message, reason, ...(state ? { state } : {}) };
}

function toWorkspaceRequest(item: NewWorkspace): WorkspaceRequest {
  const tags = (item.tags ?? []).filter((t) => t.key !== PORTAL_REQUEST_TAG).map((t) => ({ Key: t.key, Value: t.value }));
  tags.push({ Key: PORTAL_REQUEST_TAG, Value: item.portalRequestId });
  return {
    DirectoryId: item.directoryId,
    UserName: item.userName,
    BundleId: item.bundleId,
    VolumeEncryptionKey: item.volumeEncryptionKey,
    RootVolumeEncryptionEnabled: item.rootVolumeEncrypted,
    UserVolumeEncryptionEnabled: item.userVolumeEncrypted,
    WorkspaceProperties: {
      RunningMode: item.runningMode,
      RunningModeAutoStopTimeoutInMinutes: item.autoStopTimeoutMinutes,
      RootVolumeSizeGib: item.rootVolumeGib,
      UserVolumeSizeGib: item.userVolumeGib,
      ComputeTypeName: item.computeType,
      Protocols: item.protocols,
    },
    Tags: tags,
  };
}

const sameUser = (a: { directoryId: string; userName: string }, directoryId?: string, userName?: string) =>
  a.directoryId === directoryId && a.userName.toLowerCase() === (userName ?? "").toLowerCase();

type ChangeOperation = "RebootWorkspaces" | "StartWorkspaces" | "StopWorkspaces" | "TerminateWorkspaces" | "RebuildWorkspaces";

export function workspaceLifecycle(clients: RegionClients) {
  const region = clients.region;

  // One call per batch at the API's limit. Batches run concurrently and queue at the rate gate.
  // A batch whose whole call failed reports each of its ids as failed with that error, so the
  // caller sees exactly which ids were accepted; nothing is dropped.
  async function changeInBatches(
    operation: ChangeOperation,
    ids: readonly string[],
    send: (batch: string[]) => Promise<{ FailedRequests?: FailedWorkspaceChangeRequest[]; $metadata: { requestId?: string } }>,
  ): Promise<BatchResult> {
    const result: BatchResult = { succeeded: [], failed: [], requestIds: [] };
    const batches = chunk(uniqueIds(ids), BATCH_LIMITS[operation]);
    await Promise.all(
      batches.map(async (batch) => {
        try {
          const out = await send(batch);
          result.requestIds.push(requireRequestId(out.$metadata, operation, region));
          const failed = (out.FailedRequests ?? []).map(toItemFailure);
          const failedIds = new Set(failed.map((f) => f.workspaceId));
          result.failed.push(...failed);
          result.succeeded.push(...batch.filter((id) => !failedIds.has(id)));
        } catch (error) {
          const e = toGatewayError(error, operation, region);
          const unknown = e.outcomeUnknown ? { outcomeUnknown: true as const } : {};
          result.failed.push(
            ...batch.map((workspaceId) => ({ workspaceId, code: e.details.awsCode, message: e.message, reason: e.reason, ...unknown })),
          );
        }
      }),
    );
    return result;
  }

  const ws = () => clients.workspaces;
  return {
    /** Launches WorkSpaces, 25 per call, each tagged with its portal request id. */
    async createWorkspaces(items: readonly NewWorkspace[]): Promise<CreateResult> {
      const result: CreateResult = { created: [], failed: [], requestIds: [] };
      await Promise.all(
        chunk(items, BATCH_LIMITS.CreateWorkspaces).map(async (batch) => {
          try {
            const out = await ws().send(new CreateWorkspacesCommand({ Workspaces: batch.map(toWorkspaceRequest) }));
            result.requestIds.push(requireRequestId(out.$metadata, "CreateWorkspaces", region));
            for (const pending of out.PendingRequests ?? []) {
              const item = batch.find((i) => sameUser(i, pending.DirectoryId, pending.UserName));
              result.created.push({
                portalRequestId: item?.portalRequestId ?? "",
                workspaceId: pending.WorkspaceId ?? "",
                directoryId: pending.DirectoryId ?? "",
                userName: pending.UserName ?? "",
                state: pending.State ?? "PENDING",
              });
            }
            for (const failure of out.FailedRequests ?? []) {
              const req = failure.WorkspaceRequest;
              const tagged = req?.Tags?.find((t) => t.Key === PORTAL_REQUEST_TAG)?.Value;
              const item =
                batch.find((i) => i.portalRequestId === tagged) ?? batch.find((i) => sameUser(i, req?.DirectoryId, req?.UserName));
              const code = failure.ErrorCode ?? "UnknownError";
              result.failed.push({
                portalRequestId: item?.portalRequestId ?? tagged ?? "",
                directoryId: req?.DirectoryId ?? "",
                userName: req?.UserName ?? "",
                code,
                message: failure.ErrorMessage ?? "",
                reason: itemReason(code),
              });
            }
          } catch (error) {
            const e = toGatewayError(error, "CreateWorkspaces", region);
            for (const item of batch)
              result.failed.push({
                portalRequestId: item.portalRequestId,
                directoryId: item.directoryId,
                userName: item.userName,
                code: e.details.awsCode,
                message: e.message,
                reason: e.reason,
                ...(e.outcomeUnknown ? { outcomeUnknown: true as const } : {}),
              });
          }
        }),
      );
      return result;
    },

    reboot: (ids: readonly string[]) =>
      changeInBatches("RebootWorkspaces", ids, (batch) =>
        ws().send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: batch.map((WorkspaceId) => ({ WorkspaceId })) })),
      ),
    start: (ids: readonly string[]) =>
      changeInBatches("StartWorkspaces", ids, (batch) =>
        ws().send(new StartWorkspacesCommand({ StartWorkspaceRequests: batch.map((WorkspaceId) => ({ WorkspaceId })) })),
      ),
    stop: (ids: readonly string[]) =>
      changeInBatches("StopWorkspaces", ids, (batch) =>
        ws().send(new StopWorkspacesCommand({ StopWorkspaceRequests: batch.map((WorkspaceId) => ({ WorkspaceId })) })),
      ),
    /** Irreversible: the user volume is lost. */
    terminate: (ids: readonly string[]) =>
      changeInBatches("TerminateWorkspaces", ids, (batch) =>
        ws().send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: batch.map((WorkspaceId) => ({ WorkspaceId })) })),
      ),
    /** One WorkSpace per call, as the API demands; several ids make several calls. */
    rebuild: (ids: readonly string[]) =>
      changeInBatches("RebuildWorkspaces", ids, (batch) =>
        ws().send(new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: batch.map((WorkspaceId) => ({ WorkspaceId })) })),
      ),
  };
}

export type WorkspaceLifecycle = ReturnType<typeof workspaceLifecycle>;
