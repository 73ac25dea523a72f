import type { RegionGateway, WorkspaceSummary } from "../aws";
import { PORTAL_REQUEST_TAG_KEY, type Change } from "../domain";

// Per change type: how to call AWS, how to tell (after a crash) that the call already happened, and
// when the WorkSpace has really reached the requested state.

export interface StoredRequest {
  id: string;
  region: string;
  change: Change;
  resultWorkspaceId: string | null;
  awsCalledAt: Date | null;
  executionMemo: { sawTransition?: boolean } | null;
}

export interface CallResult {
  awsRequestIds: string[];
  resultWorkspaceId?: string;
}

const TRANSITIONS: Partial<Record<Change["type"], string[]>> = {
  reboot: ["REBOOTING"],
  start: ["STARTING", "AVAILABLE"],
  stop: ["STOPPING", "STOPPED"],
  rebuild: ["REBUILDING"],
  restore: ["RESTORING"],
  terminate: ["TERMINATING", "TERMINATED"],
};

function modifying(ws: WorkspaceSummary, resource: string): boolean {
  return ws.modifications.some((m) => m.resource === resource);
}

/** The WorkSpace a create or migrate produced, found without trusting that the earlier call's answer was saved. */
async function findResult(gw: RegionGateway, request: StoredRequest, source?: WorkspaceSummary): Promise<WorkspaceSummary | undefined> {
  const change = request.change;
  if (change.type === "create") {
    const found = await gw.workspaces.findWorkspacesByRequestTag(request.id, { directoryId: change.directoryId, userName: change.ownerUserName });
    return found[0];
  }
  if (change.type === "migrate" && source) {
    const siblings = await gw.workspaces.listWorkspaces({ directoryId: source.directoryId, userName: source.userName });
    return siblings.find((w) => w.workspaceId !== source.workspaceId && w.bundleId === change.targetBundleId && w.state !== "TERMINATED");
  }
  return undefined;
}

/**
 * True when AWS already shows the effect of this request's call: a previous attempt made it and then
 * died before recording it. Only consulted when a call may have happened (awsCalledAt is set).
 */
export async function alreadyApplied(gw: RegionGateway, request: StoredRequest, ws: WorkspaceSummary | undefined): Promise<CallResult | null> {
  const change = request.change;
  if (change.type === "create" || change.type === "migrate") {
    const result = await findResult(gw, request, ws);
    if (result) return { awsRequestIds: [], resultWorkspaceId: result.workspaceId };
    if (change.type === "migrate" && (!ws || ws.state === "TERMINATED" || ws.state === "TERMINATING")) return { awsRequestIds: [] };
    return null;
  }
  if (!ws) return change.type === "terminate" ? { awsRequestIds: [] } : null;
  const states = TRANSITIONS[change.type];
  if (states) return states.includes(ws.state) ? { awsRequestIds: [] } : null;
  switch (change.type) {
    case "computeType":
      return ws.computeType === change.computeType || modifying(ws, "COMPUTE_TYPE") ? { awsRequestIds: [] } : null;
    case "volumes":
      if (change.rootVolumeGb !== undefined) return ws.rootVolumeGib === change.rootVolumeGb || modifying(ws, "ROOT_VOLUME") ? { awsRequestIds: [] } : null;
      return ws.userVolumeGib === change.userVolumeGb || modifying(ws, "USER_VOLUME") ? { awsRequestIds: [] } : null;
    case "runningMode":
      return ws.runningMode === change.runningMode && (change.runningMode !== "AUTO_STOP" || ws.autoStopTimeoutMinutes === (change.autoStopTimeoutMinutes ?? 60))
        ? { awsRequestIds: [] }
        : null;
    default:
      return null;
  }
}

/** Makes the one AWS call for the change. Throws AwsGatewayError (or a per-item failure as one). */
export async function callAws(gw: RegionGateway, request: StoredRequest): Promise<CallResult> {
  const change = request.change;
  const batch = async (run: (ids: string[]) => ReturnType<RegionGateway["workspaces"]["reboot"]>, id: string) => {
    const result = await run([id]);
    const failure = result.failed[0];
    if (failure) throw new ItemRefused(failure.code, failure.message, failure.reason, result.requestIds);
    return { awsRequestIds: result.requestIds };
  };
  switch (change.type) {
    case "create": {
      const result = await gw.workspaces.createWorkspaces([
        {
          portalRequestId: request.id,
          directoryId: change.directoryId,
          userName: change.ownerUserName,
          bundleId: change.bundleId,
          runningMode: change.runningMode,
          autoStopTimeoutMinutes: change.runningMode === "AUTO_STOP" ? (change.autoStopTimeoutMinutes ?? 60) : undefined,
          rootVolumeGib: change.rootVolumeGb,
          userVolumeGib: change.userVolumeGb,
          rootVolumeEncrypted: change.rootVolumeEncrypted,
          userVolumeEncrypted: change.userVolumeEncrypted,
          tags: change.tags.filter((t) => t.key !== PORTAL_REQUEST_TAG_KEY).map((t) => ({ key: t.key, value: t.value })),
        },
      ]);
      const failure = result.failed[0];
      if (failure) throw new ItemRefused(failure.code, failure.message, failure.reason, result.requestIds);
      return { awsRequestIds: result.requestIds, resultWorkspaceId: result.created[0]?.workspaceId };
    }
    case "reboot":
      return batch((ids) => gw.workspaces.reboot(ids), change.workspaceId);
    case "start":
      return batch((ids) => gw.workspaces.start(ids), change.workspaceId);
    case "stop":
      return batch((ids) => gw.workspaces.stop(ids), change.workspaceId);
    case "rebuild":
      return batch((ids) => gw.workspaces.rebuild(ids), change.workspaceId);
    case "terminate":
      return batch((ids) => gw.workspaces.terminate(ids), change.workspaceId);
    case "restore":
      return { awsRequestIds: [(await gw.workspaces.restore(change.workspaceId)).requestId] };
    case "migrate": {
      const started = await gw.workspaces.migrate(change.workspaceId, change.targetBundleId);
      return { awsRequestIds: [started.requestId], resultWorkspaceId: started.targetWorkspaceId || undefined };
    }
    case "computeType":
      return { awsRequestIds: [(await gw.workspaces.modifyProperties(change.workspaceId, { computeType: change.computeType })).requestId] };
    case "volumes":
      return {
        awsRequestIds: [(await gw.workspaces.modifyProperties(change.workspaceId, { rootVolumeGib: change.rootVolumeGb, userVolumeGib: change.userVolumeGb })).requestId],
      };
    case "runningMode":
      return {
        awsRequestIds: [
          (
            await gw.workspaces.modifyProperties(change.workspaceId, {
              runningMode: change.runningMode,
              autoStopTimeoutMinutes: change.runningMode === "AUTO_STOP" ? (change.autoStopTimeoutMinutes ?? 60) : undefined,
            })
          ).requestId,
        ],
      };
    case "tags": {
      const ids: string[] = [];
      if (change.set.length) ids.push((await gw.tags.createTags(change.workspaceId, change.set)).requestId);
      if (change.remove.length) ids.push((await gw.tags.deleteTags(change.workspaceId, change.remove)).requestId);
      return { awsRequestIds: ids };
    }
    case "resetPassword":
    case "encryption":
      throw new ItemRefused("UnsupportedOperation", `A ${change.type} request cannot be executed.`, "not_allowed", []);
  }
}

/** A per-item refusal from a batch call, raised so it fails the request like any other refusal. */
export class ItemRefused extends Error {
  constructor(
    readonly code: string,
    readonly awsMessage: string,
    readonly reason: string,
    readonly awsRequestIds: string[],
  ) {
    super(awsMessage || code);
    this.name = "ItemRefused";
  }
}

export type Progress = { kind: "done"; resultWorkspaceId?: string } | { kind: "waiting"; sawTransition: boolean } | { kind: "failed"; reason: string };

const SETTLE_MS = 5_000;

/** Whether the WorkSpace has reached what the request asked for. */
export function progressOf(request: StoredRequest, ws: WorkspaceSummary | undefined, result: WorkspaceSummary | undefined, now: Date): Progress {
  const change = request.change;
  const saw = Boolean(request.executionMemo?.sawTransition);
  const settled = request.awsCalledAt ? now.getTime() - request.awsCalledAt.getTime() >= SETTLE_MS : true;
  const inTransition = (states: string[]) => (ws && states.includes(ws.state) ? { kind: "waiting" as const, sawTransition: true } : null);
  switch (change.type) {
    case "create":
    case "migrate": {
      if (!result) return { kind: "waiting", sawTransition: saw };
      if (result.state === "AVAILABLE" || (change.type === "create" && result.state === "STOPPED")) return { kind: "done", resultWorkspaceId: result.workspaceId };
      if (result.state === "ERROR") return { kind: "failed", reason: result.errorMessage || "AWS could not create the WorkSpace." };
      return { kind: "waiting", sawTransition: true };
    }
    case "terminate":
      if (!ws || ws.state === "TERMINATED") return { kind: "done" };
      return { kind: "waiting", sawTransition: true };
  }
  if (!ws) return { kind: "failed", reason: "The WorkSpace no longer exists." };
  if (ws.state === "ERROR") return { kind: "failed", reason: ws.errorMessage || "The WorkSpace went into an error state." };
  switch (change.type) {
    case "reboot":
    case "rebuild":
    case "restore":
    case "start":
      return inTransition(["REBOOTING", "REBUILDING", "RESTORING", "STARTING", "PENDING"]) ?? (ws.state === "AVAILABLE" && (saw || settled) ? { kind: "done" } : { kind: "waiting", sawTransition: saw });
    case "stop":
      return ws.state === "STOPPED" ? { kind: "done" } : { kind: "waiting", sawTransition: saw };
    case "computeType":
      return ws.computeType === change.computeType && !modifying(ws, "COMPUTE_TYPE") && ["AVAILABLE", "STOPPED"].includes(ws.state) ? { kind: "done" } : { kind: "waiting", sawTransition: saw };
    case "volumes": {
      const reached = change.rootVolumeGb !== undefined ? ws.rootVolumeGib === change.rootVolumeGb : ws.userVolumeGib === change.userVolumeGb;
      const busy = modifying(ws, "ROOT_VOLUME") || modifying(ws, "USER_VOLUME");
      return reached && !busy && ["AVAILABLE", "STOPPED"].includes(ws.state) ? { kind: "done" } : { kind: "waiting", sawTransition: saw };
    }
    case "runningMode":
      return ws.runningMode === change.runningMode ? { kind: "done" } : { kind: "waiting", sawTransition: saw };
    default:
      return { kind: "done" };
  }
}
