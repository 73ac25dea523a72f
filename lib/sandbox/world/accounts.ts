import { DAY } from "../clock";
import { ACCOUNT_ID, findBundleByName } from "./catalog";
import { stableId } from "./ids";
import { addWorkspace } from "./records";
import type { DirectoryRecord, RegionWorld } from "./types";

// The sandbox plays two AWS accounts. The first is the one its static keys sign for (the portal's own
// account); the second is reached with its own static keys or, as a portal reaches another account, by
// assuming its role through STS (which then demands the role's external id, as a trust policy can).

export const PRIMARY_ACCOUNT_ID = ACCOUNT_ID;
export const SECOND_ACCOUNT_ID = "345678901234";

export interface SandboxRole {
  arn: string;
  accountId: string;
  /** The trust policy's sts:ExternalId condition; absent when the role trusts without one. */
  externalId?: string;
}

export const SANDBOX_ROLES: readonly SandboxRole[] = [
  { arn: `arn:aws:iam::${PRIMARY_ACCOUNT_ID}:role/WorkSpacesPortal`, accountId: PRIMARY_ACCOUNT_ID },
  { arn: `arn:aws:iam::${SECOND_ACCOUNT_ID}:role/WorkSpacesPortal`, accountId: SECOND_ACCOUNT_ID, externalId: "sandbox-branch-office" },
];

/**
 * The role an ARN names: each account's WorkSpacesPortal role, or any role in the same account whose name starts
 * with WorkSpacesPortal (a copy with the same trust policy), so tests can configure many accounts with distinct ARNs.
 */
export function sandboxRole(arn: string): SandboxRole | undefined {
  const m = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(arn);
  if (!m || !m[2]!.startsWith("WorkSpacesPortal")) return undefined;
  const base = SANDBOX_ROLES.find((r) => r.accountId === m[1]);
  return base ? { ...base, arn } : undefined;
}

/** The second account's own static keys (a user of that account signing directly). */
export const SECOND_ACCOUNT_CREDENTIALS = { accessKeyId: "sandbox-second", secretAccessKey: "sandbox-second" } as const;

/** The Regions the second account's seed covers; any other Region of it starts with Amazon's bundles only. */
export const SECOND_ACCOUNT_REGIONS = ["us-east-1"] as const;

/**
 * The second account's us-east-1: one AD Connector directory for a branch office with a handful of
 * WorkSpaces, Dave's among them, so a request on a WorkSpace in another account can be followed end to end.
 */
export function seedSecondAccountRegion(world: RegionWorld, now: number): void {
  const region = world.region;
  const key = `${SECOND_ACCOUNT_ID}/${region}/branch`;
  const users = ["dave", "gina", "hugo", "svc-adconnector", "br00001", "br00002", "br00003"];
  const dir: DirectoryRecord = {
    DirectoryId: stableId("d-", key, 10, "hex"),
    Name: "branch.example.org",
    ShortName: "BRANCH",
    Type: "ADConnector",
    Size: "Small",
    Alias: `branch-${region.replaceAll("-", "")}`,
    Description: "Branch office employees (second account)",
    DnsIpAddrs: ["10.40.0.10", "10.40.1.10"],
    VpcId: stableId("vpc-", key, 17, "hex"),
    SubnetIds: [stableId("subnet-", `${key}/a`, 17, "hex"), stableId("subnet-", `${key}/b`, 17, "hex")],
    SecurityGroupId: stableId("sg-", key, 17, "hex"),
    AvailabilityZones: [`${region}a`, `${region}b`],
    LaunchTime: now - 200 * DAY,
    Stage: "Active",
    connectorUser: "svc-adconnector",
    users: Object.fromEntries(users.map((u) => [u, {}])),
  };
  dir.registration = {
    State: "REGISTERED",
    RegistrationCode: `SLiad+${stableId("", `${key}/code`, 6).toUpperCase()}`,
    SubnetIds: dir.SubnetIds,
    WorkspaceSecurityGroupId: stableId("sg-", `${key}/ws`, 17, "hex"),
    IamRoleId: `arn:aws:iam::${SECOND_ACCOUNT_ID}:role/workspaces_DefaultRole`,
    Tenancy: "SHARED",
    creation: {
      EnableWorkDocs: false,
      EnableInternetAccess: true,
      DefaultOu: "OU=WorkSpaces,DC=branch,DC=example,DC=org",
      UserEnabledAsLocalAdministrator: false,
      EnableMaintenanceMode: true,
    },
    access: {
      DeviceTypeWindows: "ALLOW",
      DeviceTypeOsx: "ALLOW",
      DeviceTypeWeb: "ALLOW",
      DeviceTypeIos: "ALLOW",
      DeviceTypeAndroid: "ALLOW",
      DeviceTypeChromeOs: "ALLOW",
      DeviceTypeZeroClient: "ALLOW",
      DeviceTypeLinux: "ALLOW",
    },
    selfservice: {
      RestartWorkspace: "ENABLED",
      IncreaseVolumeSize: "ENABLED",
      ChangeComputeType: "ENABLED",
      SwitchRunningMode: "ENABLED",
      RebuildWorkspace: "ENABLED",
    },
    client: { ReconnectEnabled: "ENABLED", LogUploadEnabled: "ENABLED" },
    ipGroupIds: [],
  };
  world.directories[dir.DirectoryId] = dir;
  const seats: [string, string, string, string, number][] = [
    ["dave", "Standard with Windows 10 (Server 2019 based) (WSP)", "AVAILABLE", "AUTO_STOP", 40],
    ["gina", "Performance with Windows 10 (Server 2019 based) (WSP)", "AVAILABLE", "ALWAYS_ON", 120],
    ["hugo", "Value with Windows 10 (Server 2019 based) (WSP)", "STOPPED", "AUTO_STOP", 60],
    ["br00001", "Standard with Windows 10 (Server 2019 based) (WSP)", "AVAILABLE", "AUTO_STOP", 30],
    ["br00002", "Standard with Amazon Linux 2 (WSP)", "STOPPED", "AUTO_STOP", 15],
    ["br00003", "Power with Windows 10 (Server 2019 based) (WSP)", "AVAILABLE", "ALWAYS_ON", 300],
  ];
  for (const [user, bundleName, state, mode, ageDays] of seats) {
    const ws = addWorkspace(world, {
      WorkspaceId: stableId("ws-", `${key}/${user}`),
      DirectoryId: dir.DirectoryId,
      UserName: user,
      bundle: findBundleByName(world.bundles, bundleName),
      State: state,
      RunningMode: mode,
      createdAt: now - ageDays * DAY,
      usageFrom: now - ageDays * DAY,
      usageProfile: "office",
    });
    world.tags[ws.WorkspaceId] = [
      { Key: "CostCenter", Value: "CC-4001" },
      { Key: "Owner", Value: user },
    ];
  }
}
