import {
  DeregisterWorkspaceDirectoryCommand,
  DescribeClientPropertiesCommand,
  ModifyClientPropertiesCommand,
  ModifySelfservicePermissionsCommand,
  ModifyWorkspaceAccessPropertiesCommand,
  ModifyWorkspaceCreationPropertiesCommand,
  paginateDescribeWorkspaceDirectories,
  RegisterWorkspaceDirectoryCommand,
  type ClientProperties,
  type DefaultWorkspaceCreationProperties,
  type SelfservicePermissions,
  type WorkspaceAccessProperties,
  type WorkspaceCreationProperties,
  type WorkspaceDirectory,
} from "@aws-sdk/client-workspaces";
import { requireRequestId, type RegionClients } from "./clients";
import type { Accepted, TagPair } from "./types";

// The settings shapes are AWS's own: they are flat ENABLED/DISABLED or ALLOW/DENY maps that the
// admin screens edit field by field, so a parallel type would only add a mapping to get wrong.
export type { ClientProperties, SelfservicePermissions, WorkspaceAccessProperties, WorkspaceCreationProperties };

export interface DirectorySummary {
  directoryId: string;
  name: string;
  alias?: string;
  type?: string;
  state?: string;
  subnetIds: string[];
  dnsIpAddresses: string[];
  registrationCode?: string;
  securityGroupId?: string;
  ipGroupIds: string[];
  tenancy?: string;
  selfservicePermissions: SelfservicePermissions;
  creationProperties: DefaultWorkspaceCreationProperties;
  accessProperties: WorkspaceAccessProperties;
}

function toDirectorySummary(d: WorkspaceDirectory): DirectorySummary {
  return {
    directoryId: d.DirectoryId ?? "",
    name: d.DirectoryName ?? d.WorkspaceDirectoryName ?? "",
    alias: d.Alias,
    type: d.DirectoryType,
    state: d.State,
    subnetIds: d.SubnetIds ?? [],
    dnsIpAddresses: d.DnsIpAddresses ?? [],
    registrationCode: d.RegistrationCode,
    securityGroupId: d.WorkspaceSecurityGroupId,
    ipGroupIds: d.ipGroupIds ?? [],
    tenancy: d.Tenancy,
    selfservicePermissions: d.SelfservicePermissions ?? {},
    creationProperties: d.WorkspaceCreationProperties ?? {},
    accessProperties: d.WorkspaceAccessProperties ?? {},
  };
}

export interface DirectoryRegistration {
  directoryId: string;
  /** Two subnets in different Availability Zones. */
  subnetIds?: string[];
  enableSelfService?: boolean;
  tenancy?: "DEDICATED" | "SHARED";
  tags?: TagPair[];
}

export function workspaceDirectories(clients: RegionClients) {
  const { region } = clients;
  const accepted = (operation: string, meta: { requestId?: string }): Accepted => ({
    requestId: requireRequestId(meta, operation, region),
  });

  return {
    /** Directories registered with WorkSpaces (all, or the given ids), every page. */
    describeDirectories(directoryIds?: string[]): Promise<DirectorySummary[]> {
      return clients.run("DescribeWorkspaceDirectories", async ({ workspaces }) => {
        const out: DirectorySummary[] = [];
        for await (const page of paginateDescribeWorkspaceDirectories({ client: workspaces }, { DirectoryIds: directoryIds })) {
          for (const d of page.Directories ?? []) out.push(toDirectorySummary(d));
        }
        return out;
      });
    },

    registerDirectory(registration: DirectoryRegistration): Promise<Accepted> {
      return clients.run("RegisterWorkspaceDirectory", async ({ workspaces }) => {
        const out = await workspaces.send(
          new RegisterWorkspaceDirectoryCommand({
            DirectoryId: registration.directoryId,
            SubnetIds: registration.subnetIds,
            EnableSelfService: registration.enableSelfService,
            Tenancy: registration.tenancy,
            Tags: registration.tags?.map((t) => ({ Key: t.key, Value: t.value })),
          }),
        );
        return accepted("RegisterWorkspaceDirectory", out.$metadata);
      });
    },

    deregisterDirectory(directoryId: string): Promise<Accepted> {
      return clients.run("DeregisterWorkspaceDirectory", async ({ workspaces }) => {
        const out = await workspaces.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: directoryId }));
        return accepted("DeregisterWorkspaceDirectory", out.$metadata);
      });
    },

    modifySelfservicePermissions(directoryId: string, permissions: SelfservicePermissions): Promise<Accepted> {
      return clients.run("ModifySelfservicePermissions", async ({ workspaces }) => {
        const out = await workspaces.send(
          new ModifySelfservicePermissionsCommand({ ResourceId: directoryId, SelfservicePermissions: permissions }),
        );
        return accepted("ModifySelfservicePermissions", out.$metadata);
      });
    },

    /** Defaults for WorkSpaces launched from now on; existing WorkSpaces keep theirs. */
    modifyCreationProperties(directoryId: string, properties: WorkspaceCreationProperties): Promise<Accepted> {
      return clients.run("ModifyWorkspaceCreationProperties", async ({ workspaces }) => {
        const out = await workspaces.send(
          new ModifyWorkspaceCreationPropertiesCommand({ ResourceId: directoryId, WorkspaceCreationProperties: properties }),
        );
        return accepted("ModifyWorkspaceCreationProperties", out.$metadata);
      });
    },

    /** Which client device types may connect to the directory's WorkSpaces. */
    modifyAccessProperties(directoryId: string, properties: WorkspaceAccessProperties): Promise<Accepted> {
      return clients.run("ModifyWorkspaceAccessProperties", async ({ workspaces }) => {
        const out = await workspaces.send(
          new ModifyWorkspaceAccessPropertiesCommand({ ResourceId: directoryId, WorkspaceAccessProperties: properties }),
        );
        return accepted("ModifyWorkspaceAccessProperties", out.$metadata);
      });
    },

    describeClientProperties(resourceIds: string[]): Promise<{ resourceId: string; properties: ClientProperties }[]> {
      return clients.run("DescribeClientProperties", async ({ workspaces }) => {
        const out = await workspaces.send(new DescribeClientPropertiesCommand({ ResourceIds: resourceIds }));
        return (out.ClientPropertiesList ?? []).map((c) => ({ resourceId: c.ResourceId ?? "", properties: c.ClientProperties ?? {} }));
      });
    },

    modifyClientProperties(resourceId: string, properties: ClientProperties): Promise<Accepted> {
      return clients.run("ModifyClientProperties", async ({ workspaces }) => {
        const out = await workspaces.send(new ModifyClientPropertiesCommand({ ResourceId: resourceId, ClientProperties: properties }));
        return accepted("ModifyClientProperties", out.$metadata);
      });
    },
  };
}

export type WorkspaceDirectories = ReturnType<typeof workspaceDirectories>;
