import { DAY, HOUR } from "../clock";
import { ACCOUNT_ID, buildCatalog, findBundleByName } from "./catalog";
import { generateFleet } from "./fleet";
import { stableId } from "./ids";
import { addWorkspace } from "./records";
import type { DirectoryRecord, DirectoryUser, Registration, RegionWorld, UsageProfile, WorldState } from "./types";

export const DEMO_USERS = ["alice", "bob", "carol", "dave", "erin", "frank"] as const;

interface DirectorySpec {
  key: string;
  name: string;
  type: DirectoryRecord["Type"];
  description: string;
  internet: boolean;
  localAdmin: boolean;
  radius: boolean;
  users: string[];
}

function directoryId(region: string, key: string): string {
  return stableId("d-", `${region}/${key}`, 10, "hex");
}

function registration(region: string, dir: DirectoryRecord, spec: DirectorySpec, sgSeed: string): Registration {
  return {
    State: "REGISTERED",
    RegistrationCode: `SLiad+${stableId("", `${region}/${spec.key}/code`, 6).toUpperCase()}`,
    SubnetIds: dir.SubnetIds,
    WorkspaceSecurityGroupId: stableId("sg-", `${sgSeed}/ws`, 17, "hex"),
    IamRoleId: `arn:aws:iam::${ACCOUNT_ID}:role/workspaces_DefaultRole`,
    Tenancy: "SHARED",
    creation: {
      EnableWorkDocs: false,
      EnableInternetAccess: spec.internet,
      DefaultOu: `OU=WorkSpaces,DC=${spec.name.split(".").join(",DC=")}`,
      UserEnabledAsLocalAdministrator: spec.localAdmin,
      EnableMaintenanceMode: true,
    },
    access: {
      DeviceTypeWindows: "ALLOW",
      DeviceTypeOsx: "ALLOW",
      DeviceTypeWeb: spec.key === "contractors" ? "DENY" : "ALLOW",
      DeviceTypeIos: "ALLOW",
      DeviceTypeAndroid: "ALLOW",
      DeviceTypeChromeOs: "ALLOW",
      DeviceTypeZeroClient: "ALLOW",
      DeviceTypeLinux: "ALLOW",
    },
    selfservice: {
      // Employees may ask for every change (the portal routes costly ones to their manager); contractors only restart and rebuild.
      RestartWorkspace: "ENABLED",
      IncreaseVolumeSize: spec.key === "contractors" ? "DISABLED" : "ENABLED",
      ChangeComputeType: spec.key === "contractors" ? "DISABLED" : "ENABLED",
      SwitchRunningMode: spec.key === "contractors" ? "DISABLED" : "ENABLED",
      RebuildWorkspace: "ENABLED",
    },
    client: { ReconnectEnabled: "ENABLED", LogUploadEnabled: "ENABLED" },
    ipGroupIds: [],
  };
}

function buildDirectory(region: string, spec: DirectorySpec, now: number, index: number): DirectoryRecord {
  const key = `${region}/${spec.key}`;
  const users: Record<string, DirectoryUser> = {};
  for (const u of spec.users) users[u] = {};
  if (spec.type !== "ADConnector") users["Administrator"] = { domainAdmin: true };
  const dir: DirectoryRecord = {
    DirectoryId: directoryId(region, spec.key),
    Name: spec.name,
    ShortName: spec.name.split(".")[0]!.toUpperCase(),
    Type: spec.type,
    Size: "Small",
    Alias: "",
    Description: spec.description,
    DnsIpAddrs: [`10.${index}.0.10`, `10.${index}.1.10`],
    VpcId: stableId("vpc-", key, 17, "hex"),
    SubnetIds: [stableId("subnet-", `${key}/a`, 17, "hex"), stableId("subnet-", `${key}/b`, 17, "hex")],
    SecurityGroupId: stableId("sg-", key, 17, "hex"),
    AvailabilityZones: [`${region}a`, `${region}b`],
    LaunchTime: now - 500 * DAY,
    Stage: "Active",
    connectorUser: spec.type === "ADConnector" ? "svc-adconnector" : undefined,
    users,
  };
  dir.Alias = `${spec.key}-${region.replaceAll("-", "")}`.slice(0, 62);
  if (spec.radius) {
    dir.radius = {
      enabledAt: now - 300 * DAY,
      settings: {
        RadiusServers: ["10.0.50.10", "10.0.51.10"],
        RadiusPort: 1812,
        RadiusTimeout: 5,
        RadiusRetries: 3,
        SharedSecret: "sandbox-radius-secret",
        AuthenticationProtocol: "PAP",
        DisplayLabel: "Corp MFA",
        UseSameUsername: true,
      },
    };
  }
  dir.registration = registration(region, dir, spec, key);
  return dir;
}

export function generatedUsers(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(5, "0")}`);
}

export function emptyRegion(region: string, now: number, accountId: string = ACCOUNT_ID): RegionWorld {
  const catalog = buildCatalog(region, now);
  // Another account sees Amazon's public bundles only: the custom bundles and images are the first account's.
  const own = accountId === ACCOUNT_ID;
  const bundles = own ? catalog.bundles : Object.fromEntries(Object.entries(catalog.bundles).filter(([, b]) => b.Owner === "AMAZON"));
  const images = own ? catalog.images : {};
  return { region, accountId, workspaces: {}, order: [], nextSeq: 1, directories: {}, bundles, images, ipGroups: {}, tags: {} };
}

function seedRegion(region: string, now: number, fleetSize: number, seed: number, primary: boolean): RegionWorld {
  const world = emptyRegion(region, now);
  const domain = primary ? "corp.example.com" : "eu.corp.example.com";
  const specs: DirectorySpec[] = [
    {
      key: "employees",
      name: domain,
      type: "ADConnector",
      description: "Employees with MFA through RADIUS",
      internet: true,
      localAdmin: true,
      radius: true,
      users: [...DEMO_USERS, "svc-adconnector", ...generatedUsers("emp", Math.ceil(fleetSize * 0.75) + 20)],
    },
    {
      key: "contractors",
      name: `contractors.${domain}`,
      type: "ADConnector",
      description: "Contractors - no internet and no local admin",
      internet: false,
      localAdmin: false,
      radius: false,
      users: ["dave", "frank", "svc-adconnector", ...generatedUsers("ctr", Math.ceil(fleetSize * 0.2) + 20)],
    },
    {
      key: "labs",
      name: primary ? "labs.example.com" : "eu-labs.example.com",
      type: "SimpleAD",
      description: "Simple AD for labs and training",
      internet: true,
      localAdmin: true,
      radius: false,
      users: ["alice", "erin", "carol", ...generatedUsers("lab", Math.ceil(fleetSize * 0.1) + 20)],
    },
  ];
  specs.forEach((spec, i) => {
    const dir = buildDirectory(region, spec, now, i + (primary ? 0 : 10));
    world.directories[dir.DirectoryId] = dir;
  });
  const [employees, contractors, labs] = Object.values(world.directories) as [DirectoryRecord, DirectoryRecord, DirectoryRecord];

  const ipGroup = (name: string, desc: string, rules: [string, string][]) => {
    const id = stableId("wsipg-", `${region}/${name}`);
    world.ipGroups[id] = {
      groupId: id,
      groupName: name,
      groupDesc: desc,
      userRules: rules.map(([ipRule, ruleDesc]) => ({ ipRule, ruleDesc })),
    };
    return id;
  };
  const office = ipGroup("office-networks", "Head office and branch egress", [
    ["203.0.113.0/24", "Head office"],
    ["198.51.100.0/25", "Branch"],
  ]);
  const vpn = ipGroup("corporate-vpn", "VPN egress", [["192.0.2.0/24", "VPN"]]);
  ipGroup("partner-extranet", "Partner access, not yet attached", [["100.64.10.0/24", "Partner"]]);
  employees.registration!.ipGroupIds.push(office, vpn);
  contractors.registration!.ipGroupIds.push(vpn);

  const bundle = (name: string) => findBundleByName(world.bundles, name);
  if (primary) {
    const demo = (
      user: string,
      dir: DirectoryRecord,
      bundleName: string,
      state: string,
      mode: string,
      ageDays: number,
      tags: Record<string, string>,
      usageProfile: UsageProfile,
    ) => {
      const ws = addWorkspace(world, {
        WorkspaceId: stableId("ws-", `${region}/${dir.DirectoryId}/${user}`),
        DirectoryId: dir.DirectoryId,
        UserName: user,
        bundle: bundle(bundleName),
        State: state,
        RunningMode: mode,
        createdAt: now - ageDays * DAY,
        usageFrom: now - ageDays * DAY,
        usageProfile,
      });
      world.tags[ws.WorkspaceId] = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
      return ws;
    };
    // Usage profiles (docs/sandbox.md): Alice uses her AutoStop WorkSpace around the clock (AlwaysOn
    // would be cheaper), Bob hardly uses his AlwaysOn one (AutoStop would be), Erin never has used hers.
    demo(
      "alice",
      employees,
      "Standard with Windows 10 (Server 2019 based) (WSP)",
      "AVAILABLE",
      "AUTO_STOP",
      90,
      { CostCenter: "CC-1001", Owner: "alice" },
      "heavy",
    );
    demo(
      "bob",
      employees,
      "Performance with Windows 10 (Server 2019 based) (WSP)",
      "AVAILABLE",
      "ALWAYS_ON",
      200,
      { CostCenter: "CC-1002", Owner: "bob" },
      "rare",
    );
    demo(
      "erin",
      employees,
      "Power with Windows 10 (Server 2019 based) (WSP)",
      "STOPPED",
      "AUTO_STOP",
      75,
      { CostCenter: "CC-1001", Owner: "erin" },
      "never",
    );
    demo(
      "frank",
      contractors,
      "Value with Windows 10 (Server 2019 based) (WSP)",
      "AVAILABLE",
      "AUTO_STOP",
      20,
      { CostCenter: "CC-9000", Owner: "frank" },
      "office",
    );
    demo(
      "carol",
      labs,
      "Standard with Amazon Linux 2 (WSP)",
      "AVAILABLE",
      "AUTO_STOP",
      10,
      { CostCenter: "CC-2001", Owner: "carol" },
      "part-time",
    );
  }
  generateFleet(world, {
    size: fleetSize,
    seed: seed + (primary ? 0 : 7919),
    now,
    directories: [employees, contractors, labs],
    hoursOffset: HOUR,
  });
  return world;
}

export const SEEDED_REGIONS = ["us-east-1", "eu-west-1"] as const;

// fleetSize counts the generated WorkSpaces in the primary Region (the demo people's come on top);
// the second Region gets a fifth of it.
export function seedWorld(opts: { now: number; seed: number; fleetSize: number }): WorldState {
  const regions: Record<string, RegionWorld> = {};
  regions["us-east-1"] = seedRegion("us-east-1", opts.now, opts.fleetSize, opts.seed, true);
  regions["eu-west-1"] = seedRegion("eu-west-1", opts.now, Math.max(1, Math.round(opts.fleetSize / 5)), opts.seed, false);
  return { version: 1, seed: opts.seed, fleetSize: opts.fleetSize, sandboxNow: opts.now, regions, mutatingCalls: {} };
}
