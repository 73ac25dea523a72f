import type { Handler } from "../engine";
import { invalidParameter, invalidState, notFound } from "../protocol/errors";
import { ACCOUNT_ID } from "../world/catalog";
import { stableId } from "../world/ids";
import type { DirectoryRecord, Registration, Tag } from "../world/types";
import { pageByOffset } from "./pagination";
import { checkTags, requireRegisteredDirectory } from "./rules";

function presentDirectory(dir: DirectoryRecord, reg: Registration): Record<string, unknown> {
  return {
    DirectoryId: dir.DirectoryId,
    Alias: dir.Alias,
    DirectoryName: dir.Name,
    RegistrationCode: reg.RegistrationCode,
    SubnetIds: reg.SubnetIds,
    DnsIpAddresses: dir.DnsIpAddrs,
    ...(dir.connectorUser ? { CustomerUserName: dir.connectorUser } : {}),
    IamRoleId: reg.IamRoleId,
    DirectoryType: dir.Type === "ADConnector" ? "AD_CONNECTOR" : "SIMPLE_AD",
    WorkspaceSecurityGroupId: reg.WorkspaceSecurityGroupId,
    State: reg.State,
    WorkspaceCreationProperties: reg.creation,
    ipGroupIds: reg.ipGroupIds,
    WorkspaceAccessProperties: reg.access,
    Tenancy: reg.Tenancy,
    SelfservicePermissions: reg.selfservice,
  };
}

const describeWorkspaceDirectories: Handler = (ctx, input) => {
  const req = input as { DirectoryIds?: string[]; Limit?: number; NextToken?: string };
  const registered = Object.values(ctx.world.directories).filter((d) => d.registration);
  const list = req.DirectoryIds ? registered.filter((d) => req.DirectoryIds!.includes(d.DirectoryId)) : registered;
  const { page, next } = pageByOffset(list, req.Limit ?? 25, req.NextToken);
  return { Directories: page.map((d) => presentDirectory(d, d.registration!)), ...(next ? { NextToken: next } : {}) };
};

const registerWorkspaceDirectory: Handler = (ctx, input) => {
  const req = input as {
    DirectoryId: string;
    SubnetIds?: string[];
    EnableWorkDocs?: boolean;
    EnableSelfService?: boolean;
    Tenancy?: string;
    Tags?: Tag[];
  };
  const dir = ctx.world.directories[req.DirectoryId];
  if (!dir) throw notFound(`The directory ${req.DirectoryId} could not be found in ${ctx.world.region}.`);
  if (dir.registration) throw invalidState(`The directory ${req.DirectoryId} is already registered.`);
  if (dir.Stage !== "Active") throw invalidState(`The directory ${req.DirectoryId} is ${dir.Stage}.`);
  if (req.SubnetIds && req.SubnetIds.length !== 2) throw invalidParameter("Specify two subnets in different Availability Zones.");
  checkTags(req.Tags);
  const selfService = req.EnableSelfService ? "ENABLED" : "DISABLED";
  dir.registration = {
    State: "REGISTERED",
    RegistrationCode: `SLiad+${stableId("", `${dir.DirectoryId}/code`, 6).toUpperCase()}`,
    SubnetIds: req.SubnetIds ?? dir.SubnetIds,
    WorkspaceSecurityGroupId: stableId("sg-", `${dir.DirectoryId}/ws`, 17, "hex"),
    IamRoleId: `arn:aws:iam::${ACCOUNT_ID}:role/workspaces_DefaultRole`,
    Tenancy: req.Tenancy ?? "SHARED",
    creation: {
      EnableWorkDocs: req.EnableWorkDocs ?? false,
      EnableInternetAccess: false,
      UserEnabledAsLocalAdministrator: true,
      EnableMaintenanceMode: true,
    },
    access: {
      DeviceTypeWindows: "ALLOW",
      DeviceTypeOsx: "ALLOW",
      DeviceTypeWeb: "DENY",
      DeviceTypeIos: "ALLOW",
      DeviceTypeAndroid: "ALLOW",
      DeviceTypeChromeOs: "ALLOW",
      DeviceTypeZeroClient: "ALLOW",
      DeviceTypeLinux: "ALLOW",
    },
    selfservice: {
      RestartWorkspace: selfService,
      IncreaseVolumeSize: selfService,
      ChangeComputeType: selfService,
      SwitchRunningMode: selfService,
      RebuildWorkspace: selfService,
    },
    client: { ReconnectEnabled: "ENABLED", LogUploadEnabled: "ENABLED" },
    ipGroupIds: [],
  };
  if (req.Tags?.length) ctx.world.tags[dir.DirectoryId] = req.Tags.map((t) => ({ Key: t.Key, Value: t.Value ?? "" }));
  return {};
};

const deregisterWorkspaceDirectory: Handler = (ctx, input) => {
  const dir = requireRegisteredDirectory(ctx, String(input.DirectoryId));
  const inUse = Object.values(ctx.world.workspaces).some((ws) => ws.DirectoryId === dir.DirectoryId && ws.State !== "TERMINATED");
  if (inUse) throw invalidState(`The directory ${dir.DirectoryId} still has WorkSpaces; terminate them before deregistering.`);
  dir.registration = undefined;
  return {};
};

function merge(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(patch)) if (v !== undefined && v !== null) target[k] = v;
}

const modifySelfservicePermissions: Handler = (ctx, input) => {
  const dir = requireRegisteredDirectory(ctx, String(input.ResourceId));
  merge(dir.registration!.selfservice, input.SelfservicePermissions as Record<string, unknown>);
  return {};
};

const modifyWorkspaceCreationProperties: Handler = (ctx, input) => {
  const dir = requireRegisteredDirectory(ctx, String(input.ResourceId));
  const props = input.WorkspaceCreationProperties as Record<string, unknown>;
  if (Object.values(props).every((v) => v === undefined)) throw invalidParameter("Specify at least one creation property.");
  merge(dir.registration!.creation, props);
  return {};
};

const modifyWorkspaceAccessProperties: Handler = (ctx, input) => {
  const dir = requireRegisteredDirectory(ctx, String(input.ResourceId));
  merge(dir.registration!.access, input.WorkspaceAccessProperties as Record<string, unknown>);
  return {};
};

const describeClientProperties: Handler = (ctx, input) => {
  const ids = input.ResourceIds as string[];
  return {
    ClientPropertiesList: ids.map((id) => {
      const dir = requireRegisteredDirectory(ctx, id);
      return { ResourceId: id, ClientProperties: dir.registration!.client };
    }),
  };
};

const modifyClientProperties: Handler = (ctx, input) => {
  const dir = requireRegisteredDirectory(ctx, String(input.ResourceId));
  merge(dir.registration!.client, input.ClientProperties as Record<string, unknown>);
  return {};
};

export const directoryOps: Record<string, Handler> = {
  DescribeWorkspaceDirectories: describeWorkspaceDirectories,
  RegisterWorkspaceDirectory: registerWorkspaceDirectory,
  DeregisterWorkspaceDirectory: deregisterWorkspaceDirectory,
  ModifySelfservicePermissions: modifySelfservicePermissions,
  ModifyWorkspaceCreationProperties: modifyWorkspaceCreationProperties,
  ModifyWorkspaceAccessProperties: modifyWorkspaceAccessProperties,
  DescribeClientProperties: describeClientProperties,
  ModifyClientProperties: modifyClientProperties,
};
