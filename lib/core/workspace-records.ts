import "server-only";
import {
  operatingSystemFamily,
  storedTagsSchema,
  type Bundle,
  type ComputeType,
  type ModifiableResource,
  type OperatingSystem,
  type Protocol,
  type RunningMode,
  type Tag,
  type Workspace,
  type WorkspaceState,
} from "../domain";
import type { Workspace as WorkspaceRow } from "../generated/prisma/client";

/** The cached tags of a WorkSpace (its `tags` JSON column, as the sync writes it); anything else reads as none. */
export function storedTags(json: unknown): Tag[] {
  const parsed = storedTagsSchema.safeParse(json);
  return parsed.success ? parsed.data : [];
}

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

/**
 * The OS family of a cached WorkSpace: what the sync cached (AWS's OperatingSystemName, or its bundle's OS),
 * else its bundle's OS in `bundles` when the caller has the catalog. Windows only when nothing tells, as for
 * a row cached before the sync kept the OS whose bundle is gone from the catalog.
 */
export function workspaceOperatingSystem(
  row: Pick<WorkspaceRecord, "operatingSystem" | "bundleId">,
  bundles?: readonly Pick<Bundle, "id" | "operatingSystem">[] | null,
): OperatingSystem {
  return operatingSystemFamily(row.operatingSystem) ?? bundles?.find((b) => b.id === row.bundleId)?.operatingSystem ?? "WINDOWS";
}

/** `bundles`: the Region's catalog, if the caller has it, for a WorkSpace whose OS the cache does not know. */
export function toDomainWorkspace(
  row: WorkspaceRecord,
  snapshots: SnapshotEvidence = { oldest: null, latest: null },
  bundles?: readonly Pick<Bundle, "id" | "operatingSystem">[] | null,
): Workspace {
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
    tags: storedTags(row.tags),
    createdAt,
    lastVolumeChangeAt: { root: row.lastRootVolumeChangeAt ?? undefined, user: row.lastUserVolumeChangeAt ?? undefined },
    lastComputeChangeAt: { larger: row.lastComputeLargerAt ?? undefined, smaller: row.lastComputeSmallerAt ?? undefined },
    protocols: row.protocols as Protocol[],
    operatingSystem: workspaceOperatingSystem(row, bundles),
    lastSnapshotAt: snapshots.latest,
    modificationsInProgress: modifications,
  };
}
