// Gateway against an in-process sandbox: calls per operation at the API's minimum, per-item
// failures surfaced, and AWS refusals mapped to the portal's reasons.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { minimumCalls } from "./batching";
import { AwsGatewayError } from "./errors";
import { startSandboxHarness, type SandboxHarness } from "./testing/sandbox-harness";
import type { WorkspaceSummary } from "./types";
import { PORTAL_REQUEST_TAG } from "./workspaces-inventory";

let h: SandboxHarness;
let fleet: WorkspaceSummary[];

beforeAll(async () => {
  // No client-side limit here: these tests count calls, the rate-limit test measures pacing.
  h = await startSandboxHarness({ fleetSize: 1000, gateway: { rateLimit: { mutatingPerSecond: Infinity, readPerSecond: Infinity } } });
  fleet = await h.region.workspaces.listWorkspaces();
});
afterAll(async () => h?.close());
beforeEach(() => {
  h.sandbox.reset();
  h.clear();
});

const ids = (n: number) => fleet.slice(0, n).map((ws) => ws.workspaceId);

describe("calls per operation equal the API minimum", () => {
  it("lists the whole fleet in ceil(N/25) pages", async () => {
    const all = await h.region.workspaces.listWorkspaces();
    expect(all.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(all.map((ws) => ws.workspaceId)).size).toBe(all.length);
    expect(h.wireCount("DescribeWorkspaces")).toBe(Math.ceil(all.length / 25));
  });

  it.each([1, 25, 26, 1000])("reboot of %i WorkSpaces", async (n) => {
    const result = await h.region.workspaces.reboot(ids(n));
    expect(h.wireCount("RebootWorkspaces")).toBe(minimumCalls("RebootWorkspaces", n));
    expect(h.calls.filter((c) => c.operation === "RebootWorkspaces")).toHaveLength(minimumCalls("RebootWorkspaces", n));
    expect(result.requestIds).toHaveLength(minimumCalls("RebootWorkspaces", n));
    // Every id is accounted for: accepted or refused, never dropped.
    expect(result.succeeded.length + result.failed.length).toBe(n);
    expect(new Set([...result.succeeded, ...result.failed.map((f) => f.workspaceId)])).toEqual(new Set(ids(n)));
  });

  it.each([1, 25, 26, 1000])("describe and connection status of %i WorkSpaces by id", async (n) => {
    const { workspaces, missing } = await h.region.workspaces.getWorkspaces(ids(n));
    const statuses = await h.region.workspaces.connectionStatus(ids(n));
    expect(h.wireCount("DescribeWorkspaces")).toBe(minimumCalls("DescribeWorkspaces", n));
    expect(h.wireCount("DescribeWorkspacesConnectionStatus")).toBe(minimumCalls("DescribeWorkspacesConnectionStatus", n));
    expect(workspaces.length + missing.length).toBe(n);
    expect(statuses.length).toBe(workspaces.length);
  });

  it.each([
    ["start", "StartWorkspaces"],
    ["stop", "StopWorkspaces"],
    ["terminate", "TerminateWorkspaces"],
  ] as const)("%s of 26 WorkSpaces takes 2 calls", async (method, operation) => {
    const result = await h.region.workspaces[method](ids(26));
    expect(h.wireCount(operation)).toBe(2);
    expect(result.succeeded.length + result.failed.length).toBe(26);
  });

  it("rebuild takes one call per WorkSpace", async () => {
    const result = await h.region.workspaces.rebuild(ids(3));
    expect(h.wireCount("RebuildWorkspaces")).toBe(3);
    expect(result.requestIds).toHaveLength(3);
  });

  it("creates 1, 25 and 26 WorkSpaces in 1, 1 and 2 calls, each tagged with its request id", async () => {
    const [labs] = (await h.region.directories.describeDirectories()).filter((d) => d.name === "labs.example.com");
    const bundle = (await h.region.bundles.describeBundles({ owner: "AMAZON" })).find((b) => b.computeType === "STANDARD");
    expect(labs && bundle).toBeTruthy();
    // The 1,000-WorkSpace fleet gives lab00001-lab00050 a WorkSpace; lab00051-lab00120 are free.
    let nextUser = 51;
    for (const n of [1, 25, 26]) {
      h.clear();
      const items = Array.from({ length: n }, () => {
        const userName = `lab${String(nextUser++).padStart(5, "0")}`;
        return {
          portalRequestId: `req-${userName}`,
          directoryId: labs!.directoryId,
          userName,
          bundleId: bundle!.bundleId,
          tags: [{ key: "CostCenter", value: "CC-1001" }],
        };
      });
      const result = await h.region.workspaces.createWorkspaces(items);
      expect(h.wireCount("CreateWorkspaces")).toBe(minimumCalls("CreateWorkspaces", n));
      expect(result.failed).toEqual([]);
      expect(result.created.map((c) => c.portalRequestId).sort()).toEqual(items.map((i) => i.portalRequestId).sort());
    }
    const found = await h.region.workspaces.findWorkspacesByRequestTag("req-lab00051", {
      directoryId: labs!.directoryId,
      userName: "lab00051",
    });
    expect(found).toHaveLength(1);
    expect(await h.region.tags.describeTags(found[0]!.workspaceId)).toEqual(
      expect.arrayContaining([
        { key: PORTAL_REQUEST_TAG, value: "req-lab00051" },
        { key: "CostCenter", value: "CC-1001" },
      ]),
    );
  });

  it("creates 1,000 in 40 calls and reports every refused item", async () => {
    const [employees] = await h.region.directories.describeDirectories();
    const bundle = (await h.region.bundles.describeBundles({ owner: "AMAZON" }))[0]!;
    h.clear();
    // emp00001..emp00750 already have WorkSpaces and the directory has 770 users: most of these fail per item.
    const items = Array.from({ length: 1000 }, (_, i) => ({
      portalRequestId: `bulk-${i}`,
      directoryId: employees!.directoryId,
      userName: `emp${String(i + 1).padStart(5, "0")}`,
      bundleId: bundle.bundleId,
    }));
    const result = await h.region.workspaces.createWorkspaces(items);
    expect(h.wireCount("CreateWorkspaces")).toBe(40);
    expect(result.created.length + result.failed.length).toBe(1000);
    expect(result.failed.length).toBeGreaterThan(900);
    expect(new Set(result.failed.map((f) => f.code))).toEqual(new Set(["ResourceExists.WorkSpace", "ResourceNotFound.User"]));
    expect(result.failed.find((f) => f.portalRequestId === "bulk-999")).toMatchObject({
      code: "ResourceNotFound.User",
      reason: "not_found",
      userName: "emp01000",
    });
  });
});

describe("refusals", () => {
  it("surfaces FailedRequests with AWS's code, message and a reason", async () => {
    const available = fleet.find((ws) => ws.state === "AVAILABLE")!;
    const stopped = fleet.find((ws) => ws.state === "STOPPED")!;
    const alwaysOn = fleet.find((ws) => ws.state === "AVAILABLE" && ws.runningMode === "ALWAYS_ON")!;
    const reboot = await h.region.workspaces.reboot([available.workspaceId, stopped.workspaceId, "ws-doesnotexist"]);
    expect(reboot.succeeded).toEqual([available.workspaceId]);
    expect(reboot.failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          workspaceId: stopped.workspaceId,
          code: "InvalidResourceState",
          reason: "wrong_state",
          state: "STOPPED",
        }),
        expect.objectContaining({ workspaceId: "ws-doesnotexist", code: "ResourceNotFound.WorkSpace", reason: "not_found" }),
      ]),
    );
    const start = await h.region.workspaces.start([alwaysOn.workspaceId]);
    expect(start.failed).toEqual([expect.objectContaining({ workspaceId: alwaysOn.workspaceId, reason: "not_allowed" })]);
  });

  it("maps a not-found call error to not_found and keeps the request id", async () => {
    const error = await h.region.workspaces.restore("ws-doesnotexist").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsGatewayError);
    expect((error as AwsGatewayError).reason).toBe("not_found");
    expect((error as AwsGatewayError).details).toMatchObject({
      operation: "RestoreWorkspace",
      awsCode: "ResourceNotFoundException",
      httpStatus: 400,
      requestId: expect.any(String),
    });
  });

  it("maps a wrong-state call error to wrong_state with the state", async () => {
    const rebooting = fleet.find((ws) => ws.state === "REBOOTING")!;
    const error = await h.region.workspaces
      .modifyProperties(rebooting.workspaceId, { runningMode: "AUTO_STOP", autoStopTimeoutMinutes: 60 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsGatewayError);
    expect((error as AwsGatewayError).reason).toBe("wrong_state");
    expect((error as AwsGatewayError).details).toMatchObject({ awsCode: "InvalidResourceStateException", state: "REBOOTING" });
    expect((error as AwsGatewayError).message).toBe("It is REBOOTING, which does not allow this right now.");
  });

  it("reads a busy WorkSpace out of RestoreWorkspace's OperationNotSupportedException", async () => {
    const rebooting = fleet.find((ws) => ws.state === "REBOOTING")!;
    const error = (await h.region.workspaces.restore(rebooting.workspaceId).catch((e: unknown) => e)) as AwsGatewayError;
    expect(error.details).toMatchObject({ awsCode: "OperationNotSupportedException", state: "REBOOTING" });
    expect(error.reason).toBe("wrong_state");
  });

  it("returns the request id of every successful mutating call", async () => {
    const available = fleet.find((ws) => ws.state === "AVAILABLE")!;
    const accepted = await h.region.workspaces.modifyState(available.workspaceId, "ADMIN_MAINTENANCE");
    expect(accepted.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.calls.at(-1)).toMatchObject({ operation: "ModifyWorkspaceState", requestId: accepted.requestId });
  });

  it("refuses a Region the portal does not manage", () => {
    expect(() => h.gateway.region("ap-south-1")).toThrow(AwsGatewayError);
  });
});
