import { describe, expect, it } from "vitest";
import type { BatchResult, RegionGateway, WorkspaceSummary } from "../aws";
import { CHANGE_TYPES, changeSchema, type Change, type ExistingWorkspaceChange } from "../domain";
import { BULK_ACTIONS, bulkParamsSchema, type BulkParams } from "../schemas/admin";
import { changeForBulkItem, parseBulkParams } from "./bulk";
import { batchExecution, CHANGE_KINDS, changeKind } from "./registry";
import { changeSchemaFor } from "./schema";
import { ItemRefused, type ChangeKinds, type StoredRequest } from "./types";

// The registry is the one place that knows how each kind of change is carried out; these tests pin what
// every entry must answer, so a new type cannot slip through with a default.

const NOW = new Date("2026-11-30T12:00:00Z");
const WS = "ws-abc12345";

const examples: Record<Change["type"], Change> = {
  create: {
    type: "create",
    ownerUserName: "alice",
    directoryId: "d-1234567890",
    bundleId: "wsb-12345678",
    runningMode: "AUTO_STOP",
    rootVolumeEncrypted: false,
    userVolumeEncrypted: false,
    tags: [],
  },
  reboot: { type: "reboot", workspaceId: WS },
  start: { type: "start", workspaceId: WS },
  stop: { type: "stop", workspaceId: WS },
  rebuild: { type: "rebuild", workspaceId: WS },
  restore: { type: "restore", workspaceId: WS },
  terminate: { type: "terminate", workspaceId: WS },
  resetPassword: { type: "resetPassword", workspaceId: WS },
  computeType: { type: "computeType", workspaceId: WS, computeType: "PERFORMANCE" },
  volumes: { type: "volumes", workspaceId: WS, userVolumeGb: 100 },
  runningMode: { type: "runningMode", workspaceId: WS, runningMode: "ALWAYS_ON" },
  migrate: { type: "migrate", workspaceId: WS, targetBundleId: "wsb-87654321" },
  tags: { type: "tags", workspaceId: WS, set: [{ key: "CostCenter", value: "42" }], remove: [] },
  encryption: { type: "encryption", workspaceId: WS, rootVolumeEncrypted: true, userVolumeEncrypted: true },
  maintenance: { type: "maintenance", workspaceId: WS, state: "ADMIN_MAINTENANCE" },
};

function summary(overrides: Partial<WorkspaceSummary> = {}): WorkspaceSummary {
  return {
    workspaceId: WS,
    directoryId: "d-1234567890",
    userName: "alice",
    state: "AVAILABLE",
    bundleId: "wsb-12345678",
    computeType: "STANDARD",
    runningMode: "AUTO_STOP",
    autoStopTimeoutMinutes: 60,
    rootVolumeGib: 80,
    userVolumeGib: 50,
    protocols: ["WSP"],
    rootVolumeEncrypted: false,
    userVolumeEncrypted: false,
    modifications: [],
    ...overrides,
  };
}

function stored<C extends Change>(change: C, overrides: Partial<StoredRequest<C>> = {}): StoredRequest<C> {
  return {
    id: "req-1",
    region: "us-east-1",
    change,
    resultWorkspaceId: null,
    awsCalledAt: new Date(NOW.getTime() - 60_000),
    executionMemo: null,
    ...overrides,
  };
}

/** A gateway that records which operation each call reaches and accepts everything. */
function recordingGateway() {
  const calls: string[] = [];
  const accept =
    (name: string) =>
    async (ids: string[]): Promise<BatchResult> => {
      calls.push(`${name}:${ids.join(",")}`);
      return { succeeded: ids, failed: [], requestIds: [`rid-${calls.length}`] };
    };
  const one = (name: string) => async (id: string) => {
    calls.push(`${name}:${id}`);
    return { requestId: `rid-${calls.length}`, targetWorkspaceId: "ws-new00001" };
  };
  const gw = {
    workspaces: {
      reboot: accept("RebootWorkspaces"),
      start: accept("StartWorkspaces"),
      stop: accept("StopWorkspaces"),
      rebuild: accept("RebuildWorkspaces"),
      terminate: accept("TerminateWorkspaces"),
      restore: one("RestoreWorkspace"),
      migrate: one("MigrateWorkspace"),
      modifyProperties: one("ModifyWorkspaceProperties"),
    },
    tags: { createTags: one("CreateTags"), deleteTags: one("DeleteTags") },
  };
  return { gw: gw as unknown as RegionGateway, calls };
}

describe("the change-type registry", () => {
  it("has exactly one entry per change type, under its own name", () => {
    expect(Object.keys(CHANGE_KINDS).sort()).toEqual([...CHANGE_TYPES].sort());
    for (const type of CHANGE_TYPES) expect(CHANGE_KINDS[type].type).toBe(type);
  });

  it("refuses to compile without an entry for every change type", () => {
    const { tags: _tags, ...withoutTags } = CHANGE_KINDS;
    // @ts-expect-error a registry that lacks the "tags" entry is not a ChangeKinds
    const incomplete: ChangeKinds = withoutTags;
    expect(Object.keys(incomplete)).not.toContain("tags");
  });

  it.each(CHANGE_TYPES)("parses a stored %s change with its own schema and refuses any other type", (type) => {
    const entry = CHANGE_KINDS[type];
    expect(entry.schema.parse(examples[type])).toEqual(examples[type]);
    const other = CHANGE_TYPES.find((t) => t !== type)!;
    expect(entry.schema.safeParse(examples[other]).success).toBe(false);
    expect(changeSchemaFor(type).safeParse({ type, workspaceId: 42 }).success).toBe(false);
  });

  // Maintenance is refused on the request path (an admin sets it from the fleet) but carried out by bulk operations.
  it("executes every type a person can request, and no type the domain refuses before approval", () => {
    const executable = CHANGE_TYPES.filter((type) => CHANGE_KINDS[type].execution !== null);
    expect(executable.sort()).toEqual(
      [
        "computeType",
        "create",
        "migrate",
        "reboot",
        "rebuild",
        "restore",
        "runningMode",
        "start",
        "stop",
        "tags",
        "terminate",
        "volumes",
        "maintenance",
      ].sort(),
    );
  });

  it.each(CHANGE_TYPES.filter((type) => type !== "create" && type !== "terminate" && CHANGE_KINDS[type].execution))(
    "%s is never done while its WorkSpace is gone or in error",
    (type) => {
      const execution = changeKind(examples[type]).execution!;
      const request = stored(examples[type]);
      const gone = execution.progress({ request, workspace: undefined, result: undefined, now: NOW });
      const broken = execution.progress({
        request,
        workspace: summary({ state: "ERROR", errorMessage: "disk" }),
        result: undefined,
        now: NOW,
      });
      if (type === "migrate") {
        // A migration is judged by the WorkSpace it produces, which does not exist yet.
        expect(gone.kind).toBe("waiting");
      } else {
        expect(gone.kind).toBe("failed");
        expect(broken).toEqual({ kind: "failed", reason: "disk" });
      }
    },
  );

  it.each([
    ["reboot", summary({ state: "REBOOTING" }), "waiting"],
    ["reboot", summary({ state: "AVAILABLE" }), "done"],
    ["stop", summary({ state: "STOPPING" }), "waiting"],
    ["stop", summary({ state: "STOPPED" }), "done"],
    ["computeType", summary({ computeType: "STANDARD" }), "waiting"],
    [
      "computeType",
      summary({ computeType: "PERFORMANCE", modifications: [{ resource: "COMPUTE_TYPE", state: "UPDATE_IN_PROGRESS" }] }),
      "waiting",
    ],
    ["computeType", summary({ computeType: "PERFORMANCE" }), "done"],
    ["volumes", summary({ userVolumeGib: 50 }), "waiting"],
    ["volumes", summary({ userVolumeGib: 100 }), "done"],
    ["runningMode", summary({ runningMode: "AUTO_STOP" }), "waiting"],
    ["runningMode", summary({ runningMode: "ALWAYS_ON" }), "done"],
    ["terminate", summary({ state: "TERMINATING" }), "waiting"],
    ["terminate", undefined, "done"],
  ] as const)("%s with the WorkSpace as described is %#: %s", (type, workspace, expected) => {
    const change = examples[type];
    const progress = changeKind(change).execution!.progress({ request: stored(change), workspace, result: undefined, now: NOW });
    expect(progress.kind).toBe(expected);
  });

  it("waits for a new WorkSpace to be listed, then for it to be ready", () => {
    const execution = CHANGE_KINDS.create.execution;
    const request = stored(CHANGE_KINDS.create.schema.parse(examples.create));
    expect(execution.progress({ request, workspace: undefined, result: undefined, now: NOW }).kind).toBe("waiting");
    expect(execution.progress({ request, workspace: undefined, result: summary({ state: "PENDING" }), now: NOW }).kind).toBe("waiting");
    expect(
      execution.progress({ request, workspace: undefined, result: summary({ state: "AVAILABLE", workspaceId: "ws-new00001" }), now: NOW }),
    ).toEqual({ kind: "done", resultWorkspaceId: "ws-new00001" });
  });

  it.each([
    ["reboot", "RebootWorkspaces"],
    ["start", "StartWorkspaces"],
    ["stop", "StopWorkspaces"],
    ["rebuild", "RebuildWorkspaces"],
    ["terminate", "TerminateWorkspaces"],
    ["restore", "RestoreWorkspace"],
    ["migrate", "MigrateWorkspace"],
    ["computeType", "ModifyWorkspaceProperties"],
    ["volumes", "ModifyWorkspaceProperties"],
    ["runningMode", "ModifyWorkspaceProperties"],
    ["tags", "CreateTags"],
  ] as const)("a %s request and a bulk %s reach the same AWS operation", async (type, operation) => {
    const change = examples[type] as ExistingWorkspaceChange;
    const single = recordingGateway();
    await changeKind(change).execution!.call(single.gw, stored(change));
    const batch = recordingGateway();
    const execution = batchExecution(change)!;
    const result = await execution.callBatch(batch.gw, [change, { ...change, workspaceId: "ws-other0001" }]);
    expect(single.calls).toEqual([`${operation}:${WS}`]);
    expect(batch.calls.every((call) => call.startsWith(`${operation}:`))).toBe(true);
    expect(result.succeeded).toEqual([WS, "ws-other0001"]);
    expect(execution.awsOperation).toBe(operation);
  });

  it("turns a per-item refusal of a one-item batch into the request's refusal", async () => {
    const gw = {
      workspaces: {
        reboot: async () => ({
          succeeded: [],
          failed: [{ workspaceId: WS, code: "InvalidResourceState", message: "It is stopped.", reason: "invalid_state" }],
          requestIds: ["rid-9"],
        }),
      },
    } as unknown as RegionGateway;
    await expect(CHANGE_KINDS.reboot.execution.call(gw, stored(CHANGE_KINDS.reboot.schema.parse(examples.reboot)))).rejects.toBeInstanceOf(
      ItemRefused,
    );
  });

  it("remembers which way a compute change went and which volume grew, for the cool-downs", () => {
    const compute = CHANGE_KINDS.computeType.execution;
    expect(compute.history!({ type: "computeType", workspaceId: WS, computeType: "POWER" }, { computeType: "STANDARD" }, NOW)).toEqual({
      lastComputeLargerAt: NOW,
    });
    expect(compute.history!({ type: "computeType", workspaceId: WS, computeType: "VALUE" }, { computeType: "STANDARD" }, NOW)).toEqual({
      lastComputeSmallerAt: NOW,
    });
    // The legacy graphics types are in the domain's order too (the old copy of it left them out).
    expect(
      compute.history!({ type: "computeType", workspaceId: WS, computeType: "POWERPRO" }, { computeType: "GRAPHICSPRO" }, NOW),
    ).toEqual({ lastComputeSmallerAt: NOW });
    const volumes = CHANGE_KINDS.volumes.execution;
    expect(volumes.history!({ type: "volumes", workspaceId: WS, rootVolumeGb: 175 }, null, NOW)).toEqual({ lastRootVolumeChangeAt: NOW });
    expect(volumes.history!({ type: "volumes", workspaceId: WS, userVolumeGb: 100 }, null, NOW)).toEqual({ lastUserVolumeChangeAt: NOW });
  });
});

describe("bulk operations", () => {
  const params: Record<BulkParams["action"], BulkParams> = {
    reboot: { action: "reboot" },
    start: { action: "start" },
    stop: { action: "stop" },
    rebuild: { action: "rebuild" },
    terminate: { action: "terminate" },
    migrate: { action: "migrate", bundleId: "wsb-87654321" },
    runningMode: { action: "runningMode", runningMode: "AUTO_STOP", autoStopTimeoutMinutes: 120 },
    tags: { action: "tags", tags: [{ key: "Team", value: "Blue" }] },
    maintenance: { action: "maintenance", state: "ADMIN_MAINTENANCE" },
  };

  it.each(BULK_ACTIONS)("a bulk %s makes, per WorkSpace, a change the domain's schema accepts", (action) => {
    const change = changeForBulkItem(parseBulkParams(params[action]), WS);
    expect(change.type).toBe(action);
    expect(changeSchema.parse(change)).toEqual(change);
    expect(batchExecution(change)).not.toBeNull();
  });

  it("refuses stored parameters that no longer parse", () => {
    expect(() => parseBulkParams({ action: "format-disk" })).toThrow();
    expect(bulkParamsSchema.safeParse(params.migrate).success).toBe(true);
  });
});
