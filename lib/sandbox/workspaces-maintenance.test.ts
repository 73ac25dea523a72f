import {
  CreateWorkspacesCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspacesCommand,
  MigrateWorkspaceCommand,
  ModifyWorkspaceCreationPropertiesCommand,
  ModifyWorkspacePropertiesCommand,
  ModifyWorkspaceStateCommand,
  RebootWorkspacesCommand,
  RebuildWorkspacesCommand,
  StartWorkspacesCommand,
  StopWorkspacesCommand,
  TerminateWorkspacesCommand,
  type TargetWorkspaceState,
  type Workspace,
} from "@aws-sdk/client-workspaces";
import { beforeAll, describe, expect, it } from "vitest";
import { awsErrorName, lookupSeed, sandboxPerFile, WIN, type SeedLookup } from "./test-helpers";

// ModifyWorkspaceState as AWS documents it, through the real SDK client: only an AVAILABLE WorkSpace enters
// ADMIN_MAINTENANCE and leaving it makes the WorkSpace AVAILABLE; meanwhile it does not answer reboot, stop, start,
// rebuild, restore or migrate, is not stopped by AutoStop, and cannot be modified.

const t = sandboxPerFile();
let seed: SeedLookup;
beforeAll(async () => {
  seed = await lookupSeed(t);
});

async function byId(id: string): Promise<Workspace> {
  return (await t.ws().send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces![0]!;
}

const setState = (id: string, state: TargetWorkspaceState) =>
  t.ws().send(new ModifyWorkspaceStateCommand({ WorkspaceId: id, WorkspaceState: state }));

async function createReady(user: string, runningMode: "AUTO_STOP" | "ALWAYS_ON"): Promise<string> {
  const out = await t.ws().send(
    new CreateWorkspacesCommand({
      Workspaces: [
        {
          DirectoryId: seed.employees,
          UserName: user,
          BundleId: seed.bundle(WIN("Standard")),
          WorkspaceProperties: {
            RunningMode: runningMode,
            RunningModeAutoStopTimeoutInMinutes: runningMode === "AUTO_STOP" ? 60 : undefined,
          },
        },
      ],
    }),
  );
  expect(out.FailedRequests).toEqual([]);
  const id = out.PendingRequests![0]!.WorkspaceId!;
  t.sandbox.advance(30);
  expect((await byId(id)).State).toBe("AVAILABLE");
  return id;
}

describe("ModifyWorkspaceState", () => {
  it("enters ADMIN_MAINTENANCE from AVAILABLE, and leaving makes the WorkSpace AVAILABLE", async () => {
    const id = await createReady("emp00043", "ALWAYS_ON");
    const out = await setState(id, "ADMIN_MAINTENANCE");
    expect(out.$metadata.requestId).toBeTruthy();
    expect((await byId(id)).State).toBe("ADMIN_MAINTENANCE");
    // Asking for the state it already has is accepted and changes nothing.
    await setState(id, "ADMIN_MAINTENANCE");
    expect((await byId(id)).State).toBe("ADMIN_MAINTENANCE");
    await setState(id, "AVAILABLE");
    expect((await byId(id)).State).toBe("AVAILABLE");
  });

  it("refuses a WorkSpace that is neither AVAILABLE nor in ADMIN_MAINTENANCE, an unknown one, and a state outside the enum", async () => {
    const id = await createReady("emp00044", "AUTO_STOP");
    await t.ws().send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(await awsErrorName(setState(id, "ADMIN_MAINTENANCE"))).toBe("InvalidResourceStateException");
    t.sandbox.advance(5);
    expect((await byId(id)).State).toBe("STOPPED");
    expect(await awsErrorName(setState(id, "ADMIN_MAINTENANCE"))).toBe("InvalidResourceStateException");
    expect(await awsErrorName(setState("ws-unknown000", "AVAILABLE"))).toBe("ResourceNotFoundException");
    expect(await awsErrorName(setState(id, "STOPPED" as TargetWorkspaceState))).toMatch(
      /ValidationException|InvalidParameterValuesException/,
    );
  });

  it("in ADMIN_MAINTENANCE: no reboot, stop, rebuild, modification or migration; AutoStop does not stop it", async () => {
    const id = await createReady("emp00045", "AUTO_STOP");
    await setState(id, "ADMIN_MAINTENANCE");
    const reboot = await t.ws().send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(reboot.FailedRequests![0]!.ErrorCode).toBe("InvalidResourceState");
    const stop = await t.ws().send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(stop.FailedRequests![0]!.ErrorCode).toBe("InvalidResourceState");
    const start = await t.ws().send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(start.FailedRequests![0]!.ErrorCode).toBe("InvalidResourceState");
    const rebuild = await t.ws().send(new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(rebuild.FailedRequests![0]!.ErrorCode).toBe("InvalidResourceState");
    expect(
      await awsErrorName(
        t.ws().send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: { RunningMode: "ALWAYS_ON" } })),
      ),
    ).toBe("InvalidResourceStateException");
    expect(
      await awsErrorName(t.ws().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: seed.bundle(WIN("Performance")) }))),
    ).toBe("OperationNotSupportedException");
    // Two days later the AutoStop WorkSpace is still in maintenance: AutoStop does not stop it.
    t.sandbox.advance(48 * 60);
    expect((await byId(id)).State).toBe("ADMIN_MAINTENANCE");
    await setState(id, "AVAILABLE");
    expect((await byId(id)).State).toBe("AVAILABLE");
  });

  it("still lets a WorkSpace in ADMIN_MAINTENANCE be terminated", async () => {
    const id = await createReady("emp00046", "ALWAYS_ON");
    await setState(id, "ADMIN_MAINTENANCE");
    const out = await t.ws().send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(out.FailedRequests).toEqual([]);
    expect((await byId(id)).State).toBe("TERMINATING");
  });
});

describe("automatic maintenance per directory (EnableMaintenanceMode)", () => {
  it("is reported in the creation properties and can be turned off and on", async () => {
    const read = async () =>
      (await t.ws().send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [seed.employees] }))).Directories![0]!
        .WorkspaceCreationProperties!.EnableMaintenanceMode;
    expect(await read()).toBe(true);
    await t.ws().send(
      new ModifyWorkspaceCreationPropertiesCommand({
        ResourceId: seed.employees,
        WorkspaceCreationProperties: { EnableMaintenanceMode: false },
      }),
    );
    expect(await read()).toBe(false);
    await t.ws().send(
      new ModifyWorkspaceCreationPropertiesCommand({
        ResourceId: seed.employees,
        WorkspaceCreationProperties: { EnableMaintenanceMode: true },
      }),
    );
    expect(await read()).toBe(true);
  });
});
