import {
  CreateWorkspacesCommand,
  DescribeTagsCommand,
  DescribeWorkspacesCommand,
  ModifyWorkspaceStateCommand,
  RebootWorkspacesCommand,
  RebuildWorkspacesCommand,
  StartWorkspacesCommand,
  StopWorkspacesCommand,
  TerminateWorkspacesCommand,
  type Workspace,
} from "@aws-sdk/client-workspaces";
import { beforeAll, describe, expect, it } from "vitest";
import { awsError, lookupSeed, sandboxPerFile, WIN, type SeedLookup } from "./test-helpers";

const t = sandboxPerFile();
let seed: SeedLookup;
beforeAll(async () => {
  seed = await lookupSeed(t);
});

async function one(userOrId: string, directoryId?: string): Promise<Workspace | undefined> {
  const input = userOrId.startsWith("ws-")
    ? { WorkspaceIds: [userOrId] }
    : { DirectoryId: directoryId ?? seed.employees, UserName: userOrId };
  return (await t.ws().send(new DescribeWorkspacesCommand(input))).Workspaces?.[0];
}

async function allWorkspaces(region = "us-east-1", limit = 25): Promise<Workspace[]> {
  const out: Workspace[] = [];
  let token: string | undefined;
  do {
    const page = await t.ws(region).send(new DescribeWorkspacesCommand({ Limit: limit, NextToken: token }));
    expect(page.Workspaces!.length).toBeLessThanOrEqual(limit);
    out.push(...page.Workspaces!);
    token = page.NextToken;
  } while (token);
  return out;
}

describe("DescribeWorkspaces", () => {
  it("shows the demo people's WorkSpaces in the employees' directory", async () => {
    expect((await one("alice"))?.State).toBe("AVAILABLE");
    expect((await one("bob"))?.WorkspaceProperties?.RunningMode).toBe("ALWAYS_ON");
    expect((await one("erin"))?.State).toBe("STOPPED");
    expect(await one("dave")).toBeUndefined();
  });

  it("pages through the whole fleet without gaps or repeats, about 50 WorkSpaces in two Regions", async () => {
    const east = await allWorkspaces("us-east-1", 7);
    const eu = await allWorkspaces("eu-west-1");
    expect(new Set(east.map((w) => w.WorkspaceId)).size).toBe(east.length);
    expect(east.length + eu.length).toBeGreaterThanOrEqual(45);
    expect(east.length + eu.length).toBeLessThanOrEqual(60);
    expect(new Set(east.map((w) => w.State)).size).toBeGreaterThanOrEqual(4);
    expect(eu.some((w) => east.some((e) => e.WorkspaceId === w.WorkspaceId))).toBe(false);
  });

  it("filters by directory, bundle and ids", async () => {
    const byDir = await t.ws().send(new DescribeWorkspacesCommand({ DirectoryId: seed.contractors }));
    expect(byDir.Workspaces!.every((w) => w.DirectoryId === seed.contractors)).toBe(true);
    const alice = (await one("alice"))!;
    const byBundle = await t.ws().send(new DescribeWorkspacesCommand({ BundleId: alice.BundleId }));
    expect(byBundle.Workspaces!.every((w) => w.BundleId === alice.BundleId)).toBe(true);
    const byIds = await t.ws().send(new DescribeWorkspacesCommand({ WorkspaceIds: [alice.WorkspaceId!, "ws-unknown000"] }));
    expect(byIds.Workspaces!.map((w) => w.WorkspaceId)).toEqual([alice.WorkspaceId]);
  });

  it("refuses combined filters, a user without a directory and a forged token", async () => {
    expect(
      (await awsError(t.ws().send(new DescribeWorkspacesCommand({ DirectoryId: seed.employees, BundleId: seed.bundle(WIN("Value")) }))))
        .name,
    ).toBe("InvalidParameterValuesException");
    expect((await awsError(t.ws().send(new DescribeWorkspacesCommand({ UserName: "alice" })))).name).toBe(
      "InvalidParameterValuesException",
    );
    expect((await awsError(t.ws().send(new DescribeWorkspacesCommand({ NextToken: "forged" })))).name).toBe(
      "InvalidParameterValuesException",
    );
  });
});

describe("CreateWorkspaces", () => {
  it("creates PENDING, becomes AVAILABLE after about 20 sandbox minutes, keeps its tags", async () => {
    const out = await t.ws().send(
      new CreateWorkspacesCommand({
        Workspaces: [
          {
            DirectoryId: seed.employees,
            UserName: "dave",
            BundleId: seed.bundle(WIN("Standard")),
            Tags: [{ Key: "PortalRequestId", Value: "req-1" }],
            WorkspaceProperties: { RunningMode: "AUTO_STOP", RunningModeAutoStopTimeoutInMinutes: 120 },
          },
        ],
      }),
    );
    expect(out.FailedRequests).toEqual([]);
    const id = out.PendingRequests![0]!.WorkspaceId!;
    expect(out.PendingRequests![0]!.State).toBe("PENDING");
    t.sandbox.advance(19);
    expect((await one(id))?.State).toBe("PENDING");
    t.sandbox.advance(2);
    const ws = (await one(id))!;
    expect(ws.State).toBe("AVAILABLE");
    expect(ws.IpAddress).toBeTruthy();
    expect(ws.ComputerName).toBeTruthy();
    const tags = await t.ws().send(new DescribeTagsCommand({ ResourceId: id }));
    expect(tags.TagList).toEqual([{ Key: "PortalRequestId", Value: "req-1" }]);
    // AutoStop: with nobody connected it stops after the 120-minute timeout.
    t.sandbox.advance(120);
    expect((await one(id))?.State).toBe("STOPPING");
    t.sandbox.advance(3);
    expect((await one(id))?.State).toBe("STOPPED");
  });

  it("reports each refused item in FailedRequests with AWS's codes", async () => {
    const bundle = seed.bundle(WIN("Standard"));
    const out = await t.ws().send(
      new CreateWorkspacesCommand({
        Workspaces: [
          { DirectoryId: seed.employees, UserName: "nobody", BundleId: bundle },
          { DirectoryId: seed.employees, UserName: "alice", BundleId: bundle },
          { DirectoryId: seed.contractors, UserName: "erin", BundleId: bundle },
          { DirectoryId: seed.labs, UserName: "dave", BundleId: bundle },
          { DirectoryId: seed.labs, UserName: "Administrator", BundleId: "wsb-doesnotexist" },
          { DirectoryId: "d-0000000000", UserName: "alice", BundleId: bundle },
          {
            DirectoryId: seed.labs,
            UserName: "Administrator",
            BundleId: bundle,
            WorkspaceProperties: { RunningMode: "AUTO_STOP", RunningModeAutoStopTimeoutInMinutes: 90 },
          },
          { DirectoryId: seed.labs, UserName: "Administrator", BundleId: bundle, Tags: [{ Key: "aws:owner", Value: "x" }] },
          {
            DirectoryId: seed.labs,
            UserName: "Administrator",
            BundleId: bundle,
            WorkspaceProperties: { RootVolumeSizeGib: 80, UserVolumeSizeGib: 175 },
          },
        ],
      }),
    );
    expect(out.PendingRequests).toEqual([]);
    expect(out.FailedRequests!.map((f) => f.ErrorCode)).toEqual([
      "ResourceNotFound.User",
      "ResourceExists.WorkSpace",
      "ResourceNotFound.User",
      "ResourceNotFound.User",
      "ResourceNotFound.Bundle",
      "ResourceNotFound.Directory",
      "InvalidParameterValuesException",
      "InvalidParameterValuesException",
      "InvalidParameterValuesException",
    ]);
    expect(out.FailedRequests!.every((f) => f.ErrorMessage && f.WorkspaceRequest?.UserName)).toBe(true);
  });

  it("allows one WorkSpace per user per directory, also within one batch", async () => {
    const bundle = seed.bundle(WIN("Value"));
    const out = await t.ws().send(
      new CreateWorkspacesCommand({
        Workspaces: [
          { DirectoryId: seed.labs, UserName: "lab00023", BundleId: bundle },
          { DirectoryId: seed.labs, UserName: "LAB00023", BundleId: bundle },
        ],
      }),
    );
    expect(out.PendingRequests).toHaveLength(1);
    expect(out.FailedRequests![0]!.ErrorCode).toBe("ResourceExists.WorkSpace");
  });
});

describe("reboot, start, stop, rebuild, terminate", () => {
  it("reboots an AVAILABLE WorkSpace for about 2 minutes and refuses other states", async () => {
    const bob = (await one("bob"))!;
    const erin = (await one("erin"))!;
    const out = await t.ws().send(
      new RebootWorkspacesCommand({
        RebootWorkspaceRequests: [{ WorkspaceId: bob.WorkspaceId! }, { WorkspaceId: erin.WorkspaceId! }, { WorkspaceId: "ws-nothere00" }],
      }),
    );
    expect(out.FailedRequests!.map((f) => [f.WorkspaceId, f.ErrorCode])).toEqual([
      [erin.WorkspaceId, "InvalidResourceState"],
      ["ws-nothere00", "ResourceNotFound.WorkSpace"],
    ]);
    expect((await one("bob"))?.State).toBe("REBOOTING");
    t.sandbox.advance(3);
    expect((await one("bob"))?.State).toBe("AVAILABLE");
  });

  it("starts and stops only AutoStop WorkSpaces, through STARTING and STOPPING", async () => {
    const erin = (await one("erin"))!;
    const bob = (await one("bob"))!;
    expect(
      (await t.ws().send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: bob.WorkspaceId! }] }))).FailedRequests![0]!
        .ErrorCode,
    ).toBe("OperationNotSupported");
    expect(
      (await t.ws().send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: erin.WorkspaceId! }] }))).FailedRequests![0]!
        .ErrorCode,
    ).toBe("InvalidResourceState");
    expect(
      (await t.ws().send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: erin.WorkspaceId! }] }))).FailedRequests,
    ).toEqual([]);
    expect((await one("erin"))?.State).toBe("STARTING");
    t.sandbox.advance(3);
    expect((await one("erin"))?.State).toBe("AVAILABLE");
    expect(
      (await t.ws().send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: erin.WorkspaceId! }] }))).FailedRequests,
    ).toEqual([]);
    expect((await one("erin"))?.State).toBe("STOPPING");
    t.sandbox.advance(3);
    expect((await one("erin"))?.State).toBe("STOPPED");
  });

  it("blocks reboot and rebuild in ADMIN_MAINTENANCE", async () => {
    const bob = (await one("bob"))!;
    await t.ws().send(new ModifyWorkspaceStateCommand({ WorkspaceId: bob.WorkspaceId!, WorkspaceState: "ADMIN_MAINTENANCE" }));
    const reboot = await t.ws().send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: bob.WorkspaceId! }] }));
    expect(reboot.FailedRequests![0]!.ErrorCode).toBe("InvalidResourceState");
    const rebuild = await t.ws().send(new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: bob.WorkspaceId! }] }));
    expect(rebuild.FailedRequests![0]!.ErrorCode).toBe("InvalidResourceState");
    await t.ws().send(new ModifyWorkspaceStateCommand({ WorkspaceId: bob.WorkspaceId!, WorkspaceState: "AVAILABLE" }));
    expect((await one("bob"))?.State).toBe("AVAILABLE");
  });

  it("rebuilds one WorkSpace per call for about an hour", async () => {
    const bob = (await one("bob"))!;
    const two = await awsError(
      t.ws().send(
        new RebuildWorkspacesCommand({
          RebuildWorkspaceRequests: [{ WorkspaceId: bob.WorkspaceId! }, { WorkspaceId: bob.WorkspaceId! }],
        }),
      ),
    );
    expect(two.name).toBe("ValidationException");
    await t.ws().send(new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: bob.WorkspaceId! }] }));
    expect((await one("bob"))?.State).toBe("REBUILDING");
    t.sandbox.advance(59);
    expect((await one("bob"))?.State).toBe("REBUILDING");
    t.sandbox.advance(2);
    expect((await one("bob"))?.State).toBe("AVAILABLE");
  });

  it("terminates through TERMINATING to TERMINATED, idempotently, and later forgets it", async () => {
    const frank = (await one("frank", seed.contractors))!;
    const req = { TerminateWorkspaceRequests: [{ WorkspaceId: frank.WorkspaceId! }] };
    expect((await t.ws().send(new TerminateWorkspacesCommand(req))).FailedRequests).toEqual([]);
    expect((await t.ws().send(new TerminateWorkspacesCommand(req))).FailedRequests).toEqual([]);
    expect((await one(frank.WorkspaceId!))?.State).toBe("TERMINATING");
    t.sandbox.advance(6);
    expect((await one(frank.WorkspaceId!))?.State).toBe("TERMINATED");
    t.sandbox.advance(61);
    expect(await one(frank.WorkspaceId!)).toBeUndefined();
  });
});
