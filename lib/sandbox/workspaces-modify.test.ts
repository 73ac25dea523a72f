import {
  CreateWorkspacesCommand,
  CreateTagsCommand,
  DescribeTagsCommand,
  DescribeWorkspacesCommand,
  DescribeWorkspacesConnectionStatusCommand,
  DescribeWorkspaceSnapshotsCommand,
  MigrateWorkspaceCommand,
  ModifyWorkspacePropertiesCommand,
  ModifyWorkspaceStateCommand,
  RestoreWorkspaceCommand,
  type Workspace,
  type WorkspaceProperties,
} from "@aws-sdk/client-workspaces";
import { beforeAll, describe, expect, it } from "vitest";
import { awsErrorName, LINUX, lookupSeed, sandboxPerFile, WIN, type SeedLookup } from "./test-helpers";

const t = sandboxPerFile();
let seed: SeedLookup;
beforeAll(async () => {
  seed = await lookupSeed(t);
});

async function byId(id: string): Promise<Workspace> {
  return (await t.ws().send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces![0]!;
}

async function create(
  user: string,
  bundleName: string,
  props: WorkspaceProperties = {},
  directoryId = seed.employees,
  custom = false,
): Promise<string> {
  const out = await t.ws().send(
    new CreateWorkspacesCommand({
      Workspaces: [
        {
          DirectoryId: directoryId,
          UserName: user,
          BundleId: custom ? seed.customBundle(bundleName) : seed.bundle(bundleName),
          WorkspaceProperties: props,
          Tags: [{ Key: "CostCenter", Value: "CC-42" }],
        },
      ],
    }),
  );
  expect(out.FailedRequests).toEqual([]);
  return out.PendingRequests![0]!.WorkspaceId!;
}

const modify = (id: string, props: WorkspaceProperties) =>
  t.ws().send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: props }));

describe("ModifyWorkspaceProperties", () => {
  let id: string;
  beforeAll(async () => {
    id = await create("emp00040", WIN("Standard"), { RunningMode: "ALWAYS_ON" });
  });

  it("refuses volume changes while PENDING and before the WorkSpace is 6 hours old", async () => {
    expect(await awsErrorName(modify(id, { UserVolumeSizeGib: 100 }))).toBe("InvalidResourceStateException");
    t.sandbox.advance(30);
    expect(await awsErrorName(modify(id, { UserVolumeSizeGib: 100 }))).toBe("InvalidResourceStateException");
    t.sandbox.advance(6 * 60);
  });

  it("enforces volume combinations, never-shrink and one change per request", async () => {
    expect(await awsErrorName(modify(id, { UserVolumeSizeGib: 10 }))).toBe("InvalidParameterValuesException");
    expect(await awsErrorName(modify(id, { RootVolumeSizeGib: 175 }))).toBe("UnsupportedWorkspaceConfigurationException");
    expect(await awsErrorName(modify(id, { RootVolumeSizeGib: 175, UserVolumeSizeGib: 100 }))).toBe("InvalidParameterValuesException");
    expect(await awsErrorName(modify(id, { ComputeTypeName: "PERFORMANCE", UserVolumeSizeGib: 100 }))).toBe(
      "InvalidParameterValuesException",
    );
    expect(await awsErrorName(modify(id, { UserVolumeSizeGib: 3000 }))).toBe("UnsupportedWorkspaceConfigurationException");
  });

  it("grows the user volume with a visible modification state, then refuses a second change within 6 hours", async () => {
    await modify(id, { UserVolumeSizeGib: 100 });
    const during = await byId(id);
    expect(during.ModificationStates).toEqual([{ Resource: "USER_VOLUME", State: "UPDATE_IN_PROGRESS" }]);
    expect(await awsErrorName(modify(id, { RootVolumeSizeGib: 175 }))).toBe("OperationInProgressException");
    t.sandbox.advance(20);
    const after = await byId(id);
    expect(after.ModificationStates).toEqual([]);
    expect(after.WorkspaceProperties?.UserVolumeSizeGib).toBe(100);
    expect(await awsErrorName(modify(id, { UserVolumeSizeGib: 200 }))).toBe("InvalidResourceStateException");
    await modify(id, { RootVolumeSizeGib: 175 });
    t.sandbox.advance(20);
    expect((await byId(id)).WorkspaceProperties?.RootVolumeSizeGib).toBe(175);
  });

  it("changes compute: up once per 6 hours, down once per 30 days, GPU only among GPU types", async () => {
    await modify(id, { ComputeTypeName: "PERFORMANCE" });
    expect((await byId(id)).State).toBe("UPDATING");
    expect((await byId(id)).ModificationStates?.[0]?.Resource).toBe("COMPUTE_TYPE");
    t.sandbox.advance(20);
    expect((await byId(id)).WorkspaceProperties?.ComputeTypeName).toBe("PERFORMANCE");
    expect(await awsErrorName(modify(id, { ComputeTypeName: "POWER" }))).toBe("InvalidResourceStateException");
    expect(await awsErrorName(modify(id, { ComputeTypeName: "GRAPHICS_G4DN" }))).toBe("UnsupportedWorkspaceConfigurationException");
    await modify(id, { ComputeTypeName: "STANDARD" });
    t.sandbox.advance(7 * 60);
    expect(await awsErrorName(modify(id, { ComputeTypeName: "VALUE" }))).toBe("InvalidResourceStateException");
    await modify(id, { ComputeTypeName: "POWER" });
    t.sandbox.advance(20);
    expect((await byId(id)).WorkspaceProperties?.ComputeTypeName).toBe("POWER");
  });

  it("switches running mode with AutoStop timeouts in multiples of 60", async () => {
    expect(await awsErrorName(modify(id, { RunningMode: "AUTO_STOP", RunningModeAutoStopTimeoutInMinutes: 45 }))).toBe(
      "InvalidParameterValuesException",
    );
    expect(await awsErrorName(modify(id, { RunningMode: "MANUAL" }))).toBe("UnsupportedWorkspaceConfigurationException");
    await modify(id, { RunningMode: "AUTO_STOP", RunningModeAutoStopTimeoutInMinutes: 180 });
    const ws = await byId(id);
    expect(ws.WorkspaceProperties).toMatchObject({ RunningMode: "AUTO_STOP", RunningModeAutoStopTimeoutInMinutes: 180 });
  });

  it("refuses an unknown WorkSpace and a WorkSpace in the wrong state", async () => {
    expect(await awsErrorName(modify("ws-unknown000", { RunningMode: "ALWAYS_ON" }))).toBe("ResourceNotFoundException");
    const fresh = await create("emp00041", WIN("Value"));
    expect(await awsErrorName(modify(fresh, { RunningMode: "AUTO_STOP" }))).toBe("InvalidResourceStateException");
  });
});

describe("ModifyWorkspaceState, snapshots, restore and connection status", () => {
  it("toggles ADMIN_MAINTENANCE only from AVAILABLE", async () => {
    const alice = (await t.ws().send(new DescribeWorkspacesCommand({ DirectoryId: seed.employees, UserName: "alice" }))).Workspaces![0]!;
    await t.ws().send(new ModifyWorkspaceStateCommand({ WorkspaceId: alice.WorkspaceId!, WorkspaceState: "ADMIN_MAINTENANCE" }));
    expect((await byId(alice.WorkspaceId!)).State).toBe("ADMIN_MAINTENANCE");
    expect(await awsErrorName(t.ws().send(new RestoreWorkspaceCommand({ WorkspaceId: alice.WorkspaceId! })))).toBe(
      "OperationNotSupportedException",
    );
    await t.ws().send(new ModifyWorkspaceStateCommand({ WorkspaceId: alice.WorkspaceId!, WorkspaceState: "AVAILABLE" }));
    const erin = (await t.ws().send(new DescribeWorkspacesCommand({ DirectoryId: seed.employees, UserName: "erin" }))).Workspaces![0]!;
    expect(
      await awsErrorName(
        t.ws().send(new ModifyWorkspaceStateCommand({ WorkspaceId: erin.WorkspaceId!, WorkspaceState: "ADMIN_MAINTENANCE" })),
      ),
    ).toBe("InvalidResourceStateException");
    expect(
      await awsErrorName(t.ws().send(new ModifyWorkspaceStateCommand({ WorkspaceId: "ws-unknown000", WorkspaceState: "AVAILABLE" }))),
    ).toBe("ResourceNotFoundException");
  });

  it("lists snapshots every 12 hours and restores for about an hour", async () => {
    const id = await create("emp00042", WIN("Standard"), { RunningMode: "ALWAYS_ON" });
    expect(await awsErrorName(t.ws().send(new DescribeWorkspaceSnapshotsCommand({ WorkspaceId: "ws-unknown000" })))).toBe(
      "ResourceNotFoundException",
    );
    const none = await t.ws().send(new DescribeWorkspaceSnapshotsCommand({ WorkspaceId: id }));
    expect(none.RestoreSnapshots).toEqual([]);
    t.sandbox.advance(30);
    expect(await awsErrorName(t.ws().send(new RestoreWorkspaceCommand({ WorkspaceId: id })))).toBe("OperationNotSupportedException");
    t.sandbox.advance(13 * 60);
    const snaps = await t.ws().send(new DescribeWorkspaceSnapshotsCommand({ WorkspaceId: id }));
    expect(snaps.RestoreSnapshots).toHaveLength(1);
    expect(snaps.RebuildSnapshots?.[0]?.SnapshotTime).toBeInstanceOf(Date);
    await t.ws().send(new RestoreWorkspaceCommand({ WorkspaceId: id }));
    expect((await byId(id)).State).toBe("RESTORING");
    t.sandbox.advance(61);
    expect((await byId(id)).State).toBe("AVAILABLE");
  });

  it("reports connection status, paginated by 25", async () => {
    const page = await t.ws().send(new DescribeWorkspacesConnectionStatusCommand({}));
    expect(page.WorkspacesConnectionStatus).toHaveLength(25);
    expect(page.NextToken).toBeTruthy();
    const next = await t.ws().send(new DescribeWorkspacesConnectionStatusCommand({ NextToken: page.NextToken }));
    expect(next.WorkspacesConnectionStatus!.length).toBeGreaterThan(0);
    const states = new Set(page.WorkspacesConnectionStatus!.map((s) => s.ConnectionState));
    expect([...states].every((s) => ["CONNECTED", "DISCONNECTED", "UNKNOWN"].includes(s!))).toBe(true);
  });
});

describe("MigrateWorkspace", () => {
  it("migrates to a new id, keeping tags and running mode, and retires the source", async () => {
    const id = await create("emp00043", WIN("Standard"), { RunningMode: "AUTO_STOP", RunningModeAutoStopTimeoutInMinutes: 120 });
    await t.ws().send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: "Project", Value: "Apollo" }] }));
    t.sandbox.advance(30);
    expect(
      await awsErrorName(t.ws().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: seed.bundle(WIN("Performance")) }))),
    ).toBe("OperationNotSupportedException");
    t.sandbox.advance(12 * 60);
    expect(
      await awsErrorName(t.ws().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: seed.bundle(WIN("Standard")) }))),
    ).toBe("InvalidParameterValuesException");
    expect(
      await awsErrorName(t.ws().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: seed.bundle(LINUX("Standard")) }))),
    ).toBe("OperationNotSupportedException");
    expect(
      await awsErrorName(
        t.ws().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: seed.customBundle("BYOL-Power-Win11") })),
      ),
    ).toBe("OperationNotSupportedException");
    expect(await awsErrorName(t.ws().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: "wsb-unknown00" })))).toBe(
      "ResourceNotFoundException",
    );
    expect(
      await awsErrorName(
        t.ws().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: "ws-unknown000", BundleId: seed.bundle(WIN("Performance")) })),
      ),
    ).toBe("ResourceNotFoundException");
    const out = await t
      .ws()
      .send(new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: seed.customBundle("Corp-Performance-Win10") }));
    expect(out.SourceWorkspaceId).toBe(id);
    expect(out.TargetWorkspaceId).not.toBe(id);
    expect(
      await awsErrorName(t.ws().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: seed.bundle(WIN("Power")) }))),
    ).toBe("OperationInProgressException");
    const target = await byId(out.TargetWorkspaceId!);
    expect(target.State).toBe("PENDING");
    expect(target.WorkspaceProperties).toMatchObject({
      RunningMode: "AUTO_STOP",
      RunningModeAutoStopTimeoutInMinutes: 120,
      ComputeTypeName: "PERFORMANCE",
    });
    const tags = await t.ws().send(new DescribeTagsCommand({ ResourceId: out.TargetWorkspaceId! }));
    expect(tags.TagList).toEqual(
      expect.arrayContaining([
        { Key: "CostCenter", Value: "CC-42" },
        { Key: "Project", Value: "Apollo" },
      ]),
    );
    t.sandbox.advance(61);
    expect((await byId(out.TargetWorkspaceId!)).State).toBe("AVAILABLE");
    expect((await byId(id)).State).toBe("TERMINATED");
  });

  it("refuses Linux sources and BYOL to non-BYOL, and ADMIN_MAINTENANCE", async () => {
    const carol = (await t.ws().send(new DescribeWorkspacesCommand({ DirectoryId: seed.labs, UserName: "carol" }))).Workspaces![0]!;
    expect(
      await awsErrorName(
        t.ws().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: carol.WorkspaceId!, BundleId: seed.bundle(WIN("Standard")) })),
      ),
    ).toBe("OperationNotSupportedException");
    const byol = await create("emp00044", "BYOL-Performance-Win11", {}, seed.employees, true);
    t.sandbox.advance(13 * 60);
    expect(
      await awsErrorName(t.ws().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: byol, BundleId: seed.bundle(WIN("Power")) }))),
    ).toBe("OperationNotSupportedException");
    await t.ws().send(new ModifyWorkspaceStateCommand({ WorkspaceId: byol, WorkspaceState: "ADMIN_MAINTENANCE" }));
    expect(
      await awsErrorName(
        t.ws().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: byol, BundleId: seed.customBundle("BYOL-Power-Win11") })),
      ),
    ).toBe("OperationNotSupportedException");
    await t.ws().send(new ModifyWorkspaceStateCommand({ WorkspaceId: byol, WorkspaceState: "AVAILABLE" }));
    const ok = await t.ws().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: byol, BundleId: seed.customBundle("BYOL-Power-Win11") }));
    expect(ok.TargetWorkspaceId).toMatch(/^ws-/);
  });
});
