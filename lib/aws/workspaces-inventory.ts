import {
  DescribeTagsCommand,
  DescribeWorkspacesCommand,
  DescribeWorkspacesConnectionStatusCommand,
  DescribeWorkspaceSnapshotsCommand,
  paginateDescribeWorkspaces,
  type Workspace,
} from "@aws-sdk/client-workspaces";
import { BATCH_LIMITS, chunk, uniqueIds } from "./batching";
import type { RegionClients } from "./clients";
import type { ConnectionStatus, WorkspaceSummary } from "./types";

/**
 * The tag every WorkSpace the portal creates carries, so a retried create can find its earlier result.
 * The same key as the domain's PORTAL_REQUEST_TAG_KEY, which users may not set (lib/aws imports no domain code).
 */
export const PORTAL_REQUEST_TAG = "portal:request-id";

export function toWorkspaceSummary(ws: Workspace): WorkspaceSummary {
  const props = ws.WorkspaceProperties ?? {};
  return {
    workspaceId: ws.WorkspaceId ?? "",
    directoryId: ws.DirectoryId ?? "",
    userName: ws.UserName ?? "",
    state: ws.State ?? "UNKNOWN",
    bundleId: ws.BundleId ?? "",
    computerName: ws.ComputerName,
    ipAddress: ws.IpAddress,
    subnetId: ws.SubnetId,
    computeType: props.ComputeTypeName,
    runningMode: props.RunningMode,
    autoStopTimeoutMinutes: props.RunningModeAutoStopTimeoutInMinutes,
    rootVolumeGib: props.RootVolumeSizeGib,
    userVolumeGib: props.UserVolumeSizeGib,
    protocols: props.Protocols ?? [],
    operatingSystemName: props.OperatingSystemName,
    rootVolumeEncrypted: ws.RootVolumeEncryptionEnabled ?? false,
    userVolumeEncrypted: ws.UserVolumeEncryptionEnabled ?? false,
    volumeEncryptionKey: ws.VolumeEncryptionKey,
    errorCode: ws.ErrorCode,
    errorMessage: ws.ErrorMessage,
    modifications: (ws.ModificationStates ?? []).map((m) => ({ resource: m.Resource ?? "", state: m.State ?? "" })),
  };
}

export interface ListWorkspacesFilter {
  directoryId?: string;
  /** AWS accepts a user name only together with its directory. */
  userName?: string;
  bundleId?: string;
}

export interface SnapshotTimes {
  rebuild: Date[];
  restore: Date[];
}

export function workspaceInventory(clients: RegionClients) {
  const inventory = {
    /** Every WorkSpace in the Region matching the filter, following all pages (25 per page, AWS's maximum). */
    async listWorkspaces(filter: ListWorkspacesFilter = {}): Promise<WorkspaceSummary[]> {
      const out: WorkspaceSummary[] = [];
      for await (const page of inventory.workspacePages(filter)) out.push(...page);
      return out;
    },

    /**
     * The same WorkSpaces one page at a time, as AWS returns them, so a caller can work through a fleet of
     * thousands without holding all of it (the inventory sync). The next page is asked for when the caller is done.
     */
    async *workspacePages(filter: ListWorkspacesFilter = {}): AsyncGenerator<WorkspaceSummary[], void, undefined> {
      const input = { DirectoryId: filter.directoryId, UserName: filter.userName, BundleId: filter.bundleId };
      const pages = paginateDescribeWorkspaces({ client: clients.workspaces, pageSize: BATCH_LIMITS.DescribeWorkspaces }, input);
      for (;;) {
        const page = await clients.run("DescribeWorkspaces", () => pages.next());
        if (page.done) return;
        yield (page.value.Workspaces ?? []).map(toWorkspaceSummary);
      }
    },

    /** The WorkSpaces with these ids, 25 ids per call; ids AWS does not know come back in `missing`. */
    getWorkspaces(ids: readonly string[]): Promise<{ workspaces: WorkspaceSummary[]; missing: string[] }> {
      return clients.run("DescribeWorkspaces", async ({ workspaces }) => {
        const unique = uniqueIds(ids);
        const pages = await Promise.all(
          chunk(unique, BATCH_LIMITS.DescribeWorkspaces).map(async (batch) => {
            const found: Workspace[] = [];
            let nextToken: string | undefined;
            do {
              const page = await workspaces.send(
                new DescribeWorkspacesCommand({ WorkspaceIds: batch, Limit: BATCH_LIMITS.DescribeWorkspaces, NextToken: nextToken }),
              );
              found.push(...(page.Workspaces ?? []));
              nextToken = page.NextToken;
            } while (nextToken);
            return found;
          }),
        );
        const found = pages.flat().map(toWorkspaceSummary);
        const seen = new Set(found.map((ws) => ws.workspaceId));
        return { workspaces: found, missing: unique.filter((id) => !seen.has(id)) };
      });
    },

    async getWorkspace(id: string): Promise<WorkspaceSummary | undefined> {
      const { workspaces } = await inventory.getWorkspaces([id]);
      return workspaces[0];
    },

    /** Connection state for these ids (25 per call), or for the whole Region when no ids are given. */
    connectionStatus(ids?: readonly string[]): Promise<ConnectionStatus[]> {
      return clients.run("DescribeWorkspacesConnectionStatus", async ({ workspaces }) => {
        const batches: (string[] | undefined)[] = ids
          ? chunk(uniqueIds(ids), BATCH_LIMITS.DescribeWorkspacesConnectionStatus)
          : [undefined];
        const pages = await Promise.all(
          batches.map(async (batch) => {
            const statuses: ConnectionStatus[] = [];
            let nextToken: string | undefined;
            do {
              const page = await workspaces.send(
                new DescribeWorkspacesConnectionStatusCommand({ WorkspaceIds: batch, NextToken: nextToken }),
              );
              for (const s of page.WorkspacesConnectionStatus ?? []) {
                statuses.push({
                  workspaceId: s.WorkspaceId ?? "",
                  connectionState: s.ConnectionState ?? "UNKNOWN",
                  checkedAt: s.ConnectionStateCheckTimestamp,
                  lastUserConnectionAt: s.LastKnownUserConnectionTimestamp,
                });
              }
              nextToken = page.NextToken;
            } while (nextToken);
            return statuses;
          }),
        );
        return pages.flat();
      });
    },

    /**
     * The live WorkSpaces a portal request created, found by its tag. DescribeWorkspaces cannot filter
     * by tag, so this narrows to the user's WorkSpaces in the directory (one or two) and reads their tags.
     */
    findWorkspacesByRequestTag(portalRequestId: string, where: { directoryId: string; userName: string }): Promise<WorkspaceSummary[]> {
      return clients.run("DescribeWorkspaces", async ({ workspaces }) => {
        const candidates: WorkspaceSummary[] = [];
        for await (const page of paginateDescribeWorkspaces(
          { client: workspaces, pageSize: BATCH_LIMITS.DescribeWorkspaces },
          { DirectoryId: where.directoryId, UserName: where.userName },
        )) {
          for (const ws of page.Workspaces ?? []) if (ws.State !== "TERMINATED") candidates.push(toWorkspaceSummary(ws));
        }
        const tagged = await Promise.all(
          candidates.map(async (ws) => {
            const tags = await workspaces.send(new DescribeTagsCommand({ ResourceId: ws.workspaceId }));
            return (tags.TagList ?? []).some((t) => t.Key === PORTAL_REQUEST_TAG && t.Value === portalRequestId) ? ws : undefined;
          }),
        );
        return tagged.filter((ws): ws is WorkspaceSummary => ws !== undefined);
      });
    },

    /** When the snapshots a rebuild or restore would use were taken; empty means the operation would fail. */
    describeSnapshots(workspaceId: string): Promise<SnapshotTimes> {
      return clients.run("DescribeWorkspaceSnapshots", async ({ workspaces }) => {
        const out = await workspaces.send(new DescribeWorkspaceSnapshotsCommand({ WorkspaceId: workspaceId }));
        const times = (list: { SnapshotTime?: Date }[] | undefined) =>
          (list ?? []).flatMap((s) => (s.SnapshotTime ? [s.SnapshotTime] : []));
        return { rebuild: times(out.RebuildSnapshots), restore: times(out.RestoreSnapshots) };
      });
    },
  };
  return inventory;
}

export type WorkspaceInventory = ReturnType<typeof workspaceInventory>;
