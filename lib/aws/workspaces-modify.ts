import {
  MigrateWorkspaceCommand,
  ModifyWorkspacePropertiesCommand,
  ModifyWorkspaceStateCommand,
  RestoreWorkspaceCommand,
  type Compute,
  type RunningMode,
  type TargetWorkspaceState,
} from "@aws-sdk/client-workspaces";
import { requireRequestId, type RegionClients } from "./clients";
import type { Accepted } from "./types";

/** One kind of change per call: AWS refuses compute and volume changes in the same request. */
export interface WorkspacePropertyChange {
  computeType?: Compute;
  rootVolumeGib?: number;
  userVolumeGib?: number;
  runningMode?: RunningMode;
  /** AutoStop only; a multiple of 60. */
  autoStopTimeoutMinutes?: number;
}

export interface MigrationStarted extends Accepted {
  sourceWorkspaceId: string;
  /** The new WorkSpace's id: a migration replaces the WorkSpace. */
  targetWorkspaceId: string;
}

export function workspaceModifications(clients: RegionClients) {
  const { region } = clients;
  return {
    /** Restores root and user volumes to the latest snapshot (AVAILABLE, ERROR, UNHEALTHY or STOPPED). */
    restore(workspaceId: string): Promise<Accepted> {
      return clients.run("RestoreWorkspace", async ({ workspaces }) => {
        const out = await workspaces.send(new RestoreWorkspaceCommand({ WorkspaceId: workspaceId }));
        return { requestId: requireRequestId(out.$metadata, "RestoreWorkspace", region) };
      });
    },

    migrate(workspaceId: string, targetBundleId: string): Promise<MigrationStarted> {
      return clients.run("MigrateWorkspace", async ({ workspaces }) => {
        const out = await workspaces.send(new MigrateWorkspaceCommand({ SourceWorkspaceId: workspaceId, BundleId: targetBundleId }));
        return {
          requestId: requireRequestId(out.$metadata, "MigrateWorkspace", region),
          sourceWorkspaceId: out.SourceWorkspaceId ?? workspaceId,
          targetWorkspaceId: out.TargetWorkspaceId ?? "",
        };
      });
    },

    modifyProperties(workspaceId: string, change: WorkspacePropertyChange): Promise<Accepted> {
      return clients.run("ModifyWorkspaceProperties", async ({ workspaces }) => {
        const out = await workspaces.send(
          new ModifyWorkspacePropertiesCommand({
            WorkspaceId: workspaceId,
            WorkspaceProperties: {
              ComputeTypeName: change.computeType,
              RootVolumeSizeGib: change.rootVolumeGib,
              UserVolumeSizeGib: change.userVolumeGib,
              RunningMode: change.runningMode,
              RunningModeAutoStopTimeoutInMinutes: change.autoStopTimeoutMinutes,
            },
          }),
        );
        return { requestId: requireRequestId(out.$metadata, "ModifyWorkspaceProperties", region) };
      });
    },

    /** ADMIN_MAINTENANCE takes a WorkSpace out of service for maintenance; AVAILABLE brings it back. */
    modifyState(workspaceId: string, state: TargetWorkspaceState): Promise<Accepted> {
      return clients.run("ModifyWorkspaceState", async ({ workspaces }) => {
        const out = await workspaces.send(new ModifyWorkspaceStateCommand({ WorkspaceId: workspaceId, WorkspaceState: state }));
        return { requestId: requireRequestId(out.$metadata, "ModifyWorkspaceState", region) };
      });
    },
  };
}

export type WorkspaceModifications = ReturnType<typeof workspaceModifications>;
