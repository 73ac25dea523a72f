import "server-only";
import { PORTAL_REQUEST_TAG_KEY, type CreateChange } from "../../domain";
import { DEFAULT_VOLUME_ENCRYPTION_KEY, encryptsVolumes } from "../../domain/encryption";
import { changeSchemaFor } from "../schema";
import { ItemRefused, type ChangeKind, type Execution } from "../types";
import { costDelta, sawTransition, validate, waiting } from "./shared";

// A new WorkSpace. It is tagged with the portal's request id, so a retry after a crash finds the
// WorkSpace the earlier attempt created instead of creating a second one.

const execution: Execution<CreateChange> & Required<Pick<Execution<CreateChange>, "findResult">> = {
  awsOperation: "CreateWorkspaces",
  async call(gw, { id, change }) {
    const result = await gw.workspaces.createWorkspaces([
      {
        portalRequestId: id,
        directoryId: change.directoryId,
        userName: change.ownerUserName,
        bundleId: change.bundleId,
        runningMode: change.runningMode,
        autoStopTimeoutMinutes: change.runningMode === "AUTO_STOP" ? (change.autoStopTimeoutMinutes ?? 60) : undefined,
        rootVolumeGib: change.rootVolumeGb,
        userVolumeGib: change.userVolumeGb,
        rootVolumeEncrypted: change.rootVolumeEncrypted,
        userVolumeEncrypted: change.userVolumeEncrypted,
        // AWS refuses encryption without a key; requests made before the policy named one get the AWS managed key.
        volumeEncryptionKey: encryptsVolumes(change) ? (change.volumeEncryptionKey ?? DEFAULT_VOLUME_ENCRYPTION_KEY) : undefined,
        tags: change.tags.filter((t) => t.key !== PORTAL_REQUEST_TAG_KEY).map((t) => ({ key: t.key, value: t.value })),
      },
    ]);
    const failure = result.failed[0];
    if (failure) throw new ItemRefused(failure.code, failure.message, failure.reason, result.requestIds, Boolean(failure.outcomeUnknown));
    return { awsRequestIds: result.requestIds, resultWorkspaceId: result.created[0]?.workspaceId };
  },
  async findResult(gw, { id, change }) {
    const found = await gw.workspaces.findWorkspacesByRequestTag(id, { directoryId: change.directoryId, userName: change.ownerUserName });
    return found[0];
  },
  async alreadyApplied(gw, request) {
    const result = await execution.findResult(gw, request, undefined);
    return result ? { awsRequestIds: [], resultWorkspaceId: result.workspaceId } : null;
  },
  progress(input) {
    const { result } = input;
    if (!result) return waiting(sawTransition(input));
    // A new AutoStop WorkSpace may already have stopped again by the time the sweep looks.
    if (result.state === "AVAILABLE" || result.state === "STOPPED") return { kind: "done", resultWorkspaceId: result.workspaceId };
    if (result.state === "ERROR") return { kind: "failed", reason: result.errorMessage || "AWS could not create the WorkSpace." };
    return waiting(true);
  },
};

export const create = {
  type: "create",
  schema: changeSchemaFor<CreateChange>("create"),
  validate,
  costDelta,
  execution,
} satisfies ChangeKind<CreateChange>;
