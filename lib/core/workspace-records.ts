import "server-only";
import type { ComputeType, ModifiableResource, OperatingSystem, Protocol, RunningMode, Tag, Workspace, WorkspaceState } from "../domain";
import type { Workspace as WorkspaceRow } from "../generated/prisma/client";

export interface SnapshotEvidence {
  oldest: Date | null;
  latest: Date | null;
}

/**
 * The domain's view of a cached WorkSpace. AWS does not say when a WorkSpace was created, so its age is
 * the earliest evidence the portal has: when it first saw it, CloudWatch's first datapoint for it
 * (`existsSince`), or its oldest snapshot (a WorkSpace is at least as old as any snapshot of it).
 */
/** Everything but `raw`, which no rule reads; list queries leave it out. */
export type WorkspaceRecord = Omit<WorkspaceRow, "raw">;

export function toDomainWorkspace(row: WorkspaceRecord, snapshots: SnapshotEvidence = { oldest: null, latest: null }): Workspace {
  // Some reads (the reports' cost classes) select only the columns their rule needs: an absent date is no evidence.
  const evidence = [row.firstSeenAt, row.existsSince, snapshots.oldest].filter((at): at is Date => at instanceof Date);
  const createdAt = evidence.length > 0 ? new Date(Math.min(...evidence.map((at) => at.getTime()))) : row.firstSeenAt;
  const modifications = (row.modificationStates as { Resource?: string; State?: string }[])
    .filter((m) => m.State === "UPDATE_INITIATED" || m.State === "UPDATE_IN_PROGRESS")
    .map((m) => m.Resource as ModifiableResource);
  return {
    id: row.id,
    state: row.state as WorkspaceState,
    stateChangedAt: row.stateChangedAt,
    ownerUserName: row.userName,
    directoryId: row.directoryId,
    region: row.region,
    bundleId: row.bundleId,
    computeType: (row.computeType ?? "STANDARD") as ComputeType,
    rootVolumeGb: row.rootVolumeGb ?? 80,
    userVolumeGb: row.userVolumeGb ?? 50,
    runningMode: (row.runningMode ?? "ALWAYS_ON") as RunningMode,
    autoStopTimeoutMinutes: row.runningMode === "AUTO_STOP" ? row.autoStopTimeoutMinutes : null,
    rootVolumeEncrypted: row.rootVolumeEncrypted,
    userVolumeEncrypted: row.userVolumeEncrypted,
    tags: row.tags as unknown as Tag[],
    createdAt,
    lastVolumeChangeAt: { root: row.lastRootVolumeChangeAt ?? undefined, user: row.lastUserVolumeChangeAt ?? undefined },
    lastComputeChangeAt: { larger: row.lastComputeLargerAt ?? undefined, smaller: row.lastComputeSmallerAt ?? undefined },
    protocols: row.protocols as Protocol[],
    operatingSystem: (row.operatingSystem ?? "WINDOWS") as OperatingSystem,
    lastSnapshotAt: snapshots.latest,
    modificationsInProgress: modifications,
  };
}
