import { describe, expect, it } from "vitest";
import type { ExistingWorkspaceChange } from "./change";
import { codesOf } from "./testing/codes";
import { monthlyCostDelta } from "./cost";
import { EXAMPLE_PRICE_TABLE } from "./prices.seed";
import { ALL_PERMISSIONS, BUNDLES, context, directory, hoursAgo, minutesAgo, NOW, workspace } from "./testing/fixtures";
import type { Directory, RequesterRole, SelfServicePermissions, Workspace } from "./types";
import type { ValidationPolicy } from "./validate/context";
import { validateChange } from "./validate";
import { openRequestHolds, openRequestRefusals } from "./request-status";
import { computeTypeChoices, WORKSPACE_ACTION_KINDS, workspaceActions, type WorkspaceActionKind } from "./workspace-actions";

interface Row {
  kind: WorkspaceActionKind;
  name: string;
  ws?: Partial<Workspace>;
  role?: RequesterRole;
  /** Self-service switches turned off in the WorkSpace's directory. */
  off?: (keyof SelfServicePermissions)[];
  directories?: Directory[];
  policy?: Partial<ValidationPolicy>;
  requests?: { status: string }[];
  /** null: the action is offered. */
  reason: string | null;
}

function actionOf(row: Omit<Row, "name" | "reason">) {
  const permissions = { ...ALL_PERMISSIONS, ...Object.fromEntries((row.off ?? []).map((name) => [name, false])) };
  const actions = workspaceActions({
    now: NOW,
    requester: { role: row.role ?? "EMPLOYEE" },
    directories: row.directories ?? [directory({ selfServicePermissions: permissions })],
    policy: row.policy,
    workspace: workspace(row.ws),
    requests: row.requests ?? [],
  });
  return actions.find((action) => action.kind === row.kind)!;
}

const STOPPED_AUTO_STOP: Partial<Workspace> = { state: "STOPPED" };
const SWITCH_OFF = (action: string) => `Users of the directory "Employees" may not ${action} themselves; ask an admin.`;
const CHANGE_RUNNING = "Another change to this WorkSpace is still being applied; wait until it has finished.";

// The fixture WorkSpace is healthy: AVAILABLE, AutoStop, 60 days old, a snapshot 3 hours ago.
const rows: Row[] = [
  { kind: "reboot", name: "a running WorkSpace", reason: null },
  { kind: "reboot", name: "an unhealthy WorkSpace", ws: { state: "UNHEALTHY" }, reason: null },
  { kind: "reboot", name: "restart switch off", off: ["restartWorkspace"], reason: SWITCH_OFF("restart their WorkSpace") },
  { kind: "reboot", name: "restart switch off, asked by an admin", off: ["restartWorkspace"], role: "ADMIN", reason: null },
  {
    kind: "reboot",
    name: "directory unknown",
    directories: [],
    reason: "The WorkSpace's directory is not known to the portal; ask an admin to make this change.",
  },
  { kind: "reboot", name: "directory unknown, asked by an admin", directories: [], role: "ADMIN", reason: null },
  {
    kind: "reboot",
    name: "restarting for 5 minutes",
    ws: { state: "REBOOTING", stateChangedAt: minutesAgo(5) },
    reason: "The WorkSpace is already restarting. If it is still restarting after 20 minutes, it can be restarted again.",
  },
  { kind: "reboot", name: "restarting for 25 minutes", ws: { state: "REBOOTING", stateChangedAt: minutesAgo(25) }, reason: null },
  {
    kind: "reboot",
    name: "stopped",
    ws: STOPPED_AUTO_STOP,
    reason: "The WorkSpace is stopped; it can be restarted only when it is running or unhealthy.",
  },

  { kind: "start", name: "stopped in AutoStop", ws: STOPPED_AUTO_STOP, reason: null },
  { kind: "start", name: "running", reason: "The WorkSpace is running; it can be started only when it is stopped." },
  {
    kind: "start",
    name: "AlwaysOn",
    ws: { state: "STOPPED", runningMode: "ALWAYS_ON" },
    reason: "Only WorkSpaces in AutoStop running mode can be started; this one is AlwaysOn.",
  },
  {
    kind: "start",
    name: "Manual, not enabled",
    ws: { state: "STOPPED", runningMode: "MANUAL" },
    reason: "Only WorkSpaces in AutoStop running mode can be started; this one is Manual.",
  },
  {
    kind: "start",
    name: "Manual, enabled by policy",
    ws: { state: "STOPPED", runningMode: "MANUAL" },
    policy: { allowManualRunningMode: true },
    reason: null,
  },

  { kind: "stop", name: "running in AutoStop", reason: null },
  { kind: "stop", name: "impaired", ws: { state: "IMPAIRED" }, reason: null },
  {
    kind: "stop",
    name: "AlwaysOn",
    ws: { runningMode: "ALWAYS_ON" },
    reason: "Only WorkSpaces in AutoStop running mode can be stopped; this one is AlwaysOn.",
  },
  {
    kind: "stop",
    name: "already stopped",
    ws: STOPPED_AUTO_STOP,
    reason: "The WorkSpace is stopped; it can be stopped only when it is running, impaired, unhealthy or in an error state.",
  },

  { kind: "computeType", name: "running", reason: null },
  { kind: "computeType", name: "stopped", ws: STOPPED_AUTO_STOP, reason: null },
  { kind: "computeType", name: "compute switch off", off: ["changeComputeType"], reason: SWITCH_OFF("change the compute type") },
  { kind: "computeType", name: "a volume still being resized", ws: { modificationsInProgress: ["USER_VOLUME"] }, reason: CHANGE_RUNNING },
  {
    kind: "computeType",
    name: "in an error state",
    ws: { state: "ERROR" },
    reason: "The WorkSpace is in an error state; it can change its compute type only when it is running or stopped.",
  },
  // Asked for during admin maintenance, a compute change waits for it to end (lib/domain/maintenance.ts).
  { kind: "computeType", name: "in admin maintenance", ws: { state: "ADMIN_MAINTENANCE" }, reason: null },
  // A 5-hour-old STANDARD WorkSpace may still move down to VALUE; a VALUE one can only move up, which needs 6 hours.
  { kind: "computeType", name: "STANDARD, 5 hours old", ws: { createdAt: hoursAgo(5) }, reason: null },
  {
    kind: "computeType",
    name: "VALUE, 5 hours old",
    ws: { computeType: "VALUE", bundleId: "wsb-value", userVolumeGb: 10, createdAt: hoursAgo(5) },
    reason: "A new WorkSpace must be 6 hours old before its compute type can change. Try again in about 1 hour.",
  },
  {
    kind: "computeType",
    name: "VALUE, 6 hours old",
    ws: { computeType: "VALUE", bundleId: "wsb-value", userVolumeGb: 10, createdAt: hoursAgo(6) },
    reason: null,
  },

  { kind: "volumes", name: "running", reason: null },
  { kind: "volumes", name: "volume switch off", off: ["increaseVolumeSize"], reason: SWITCH_OFF("increase volume sizes") },
  {
    kind: "volumes",
    name: "5 hours old",
    ws: { createdAt: hoursAgo(5) },
    reason: "A new WorkSpace must be 6 hours old before its volumes can change. Try again in about 1 hour.",
  },
  { kind: "volumes", name: "compute type still changing", ws: { modificationsInProgress: ["COMPUTE_TYPE"] }, reason: CHANGE_RUNNING },
  {
    kind: "volumes",
    name: "restarting",
    ws: { state: "REBOOTING", stateChangedAt: minutesAgo(1) },
    reason: "The WorkSpace is restarting; it can have its volumes resized only when it is running or stopped.",
  },

  { kind: "runningMode", name: "running", reason: null },
  { kind: "runningMode", name: "AlwaysOn and stopped", ws: { state: "STOPPED", runningMode: "ALWAYS_ON" }, reason: null },
  { kind: "runningMode", name: "running mode switch off", off: ["switchRunningMode"], reason: SWITCH_OFF("switch the running mode") },
  {
    kind: "runningMode",
    name: "stopping",
    ws: { state: "STOPPING" },
    reason: "The WorkSpace is stopping; it can change its running mode only when it is running or stopped.",
  },
  { kind: "runningMode", name: "a modification in progress", ws: { modificationsInProgress: ["ROOT_VOLUME"] }, reason: CHANGE_RUNNING },

  { kind: "rebuild", name: "running", reason: null },
  { kind: "rebuild", name: "restarting", ws: { state: "REBOOTING", stateChangedAt: minutesAgo(1) }, reason: null },
  { kind: "rebuild", name: "rebuild switch off", off: ["rebuildWorkspace"], reason: SWITCH_OFF("rebuild their WorkSpace") },
  {
    kind: "rebuild",
    name: "still being created",
    ws: { state: "PENDING" },
    reason:
      "The WorkSpace is still being created; " +
      "it can be rebuilt only when it is running, in an error state, unhealthy, stopped or restarting.",
  },

  { kind: "restore", name: "running with a snapshot", reason: null },
  {
    kind: "restore",
    name: "no snapshot yet",
    ws: { lastSnapshotAt: null },
    reason: "The WorkSpace has no snapshot yet (one is taken every 12 hours), so it cannot be restored.",
  },
  {
    kind: "restore",
    name: "suspended",
    ws: { state: "SUSPENDED" },
    reason: "The WorkSpace is suspended; it can be restored only when it is running, in an error state, unhealthy or stopped.",
  },

  { kind: "migrate", name: "running, old enough, with a snapshot", reason: null },
  { kind: "migrate", name: "in an error state", ws: { state: "ERROR" }, reason: null },
  {
    kind: "migrate",
    name: "no snapshot yet",
    ws: { lastSnapshotAt: null },
    reason: "The WorkSpace has no snapshot yet (one is taken every 12 hours), so it cannot be migrated.",
  },
  {
    kind: "migrate",
    name: "11 hours old, no snapshot yet",
    ws: { createdAt: hoursAgo(11), lastSnapshotAt: null },
    reason:
      "A WorkSpace must be at least 12 hours old before it can be migrated. Try again in about 1 hour. " +
      "The WorkSpace has no snapshot yet (one is taken every 12 hours), so it cannot be migrated.",
  },
  {
    kind: "migrate",
    name: "unhealthy",
    ws: { state: "UNHEALTHY" },
    reason: "The WorkSpace is unhealthy; it can be migrated only when it is running, stopped or in an error state.",
  },

  { kind: "terminate", name: "running", reason: null },
  { kind: "terminate", name: "in admin maintenance", ws: { state: "ADMIN_MAINTENANCE" }, reason: null },
  {
    kind: "terminate",
    name: "suspended",
    ws: { state: "SUSPENDED" },
    reason: "The WorkSpace is suspended; it can be given back only after it is no longer suspended.",
  },
];

describe("workspaceActions", () => {
  it.each(rows)("$kind: $name → $reason", ({ name: _name, reason, ...row }) => {
    const action = actionOf(row);
    expect(action.enabled).toBe(reason === null);
    expect(action.enabled ? null : action.reason).toBe(reason);
  });

  it("judges every action of the page, in order", () => {
    const actions = workspaceActions({
      now: NOW,
      requester: { role: "EMPLOYEE" },
      directories: [directory()],
      workspace: workspace(),
      requests: [],
    });
    expect(actions.map((action) => action.kind)).toEqual([...WORKSPACE_ACTION_KINDS]);
  });

  it.each(WORKSPACE_ACTION_KINDS)("%s waits while another request on the WorkSpace is open", (kind) => {
    const open = actionOf({
      kind,
      ws: { state: kind === "start" ? "STOPPED" : "AVAILABLE" },
      requests: [{ status: "SUCCEEDED" }, { status: "PENDING_APPROVAL" }],
    });
    expect(open).toMatchObject({
      enabled: false,
      reason: "This WorkSpace already has a request in progress; wait for it to finish or cancel it first.",
    });
  });

  it.each(["APPROVED", "EXECUTING"])("a request %s holds the WorkSpace too", (status) => {
    expect(actionOf({ kind: "reboot", requests: [{ status }] }).enabled).toBe(false);
  });

  it.each(["SUCCEEDED", "FAILED", "REJECTED", "CANCELLED", "EXPIRED"])("a %s request does not", (status) => {
    expect(actionOf({ kind: "reboot", requests: [{ status }] }).enabled).toBe(true);
  });

  it("adds the open request to the other reasons", () => {
    const action = actionOf({ kind: "restore", ws: { lastSnapshotAt: null }, requests: [{ status: "EXECUTING" }] });
    expect(action.enabled ? [] : action.refusals.map((refusal) => refusal.code)).toEqual(["NO_SNAPSHOT", "OPEN_REQUEST"]);
  });

  it.each(WORKSPACE_ACTION_KINDS)("%s is gone with the WorkSpace, and nothing else is said", (kind) => {
    for (const state of ["TERMINATING", "TERMINATED"] as const) {
      const action = actionOf({ kind, ws: { state }, off: ["restartWorkspace", "rebuildWorkspace"] });
      expect(action.enabled ? [] : action.refusals.map((refusal) => refusal.code)).toEqual(["WORKSPACE_GONE"]);
    }
  });
});

// The page shows a precondition on the action; the form must then refuse every choice with it too.
describe("the page and the form agree", () => {
  const choices: ExistingWorkspaceChange[] = [
    ...(["reboot", "start", "stop", "rebuild", "restore", "terminate"] as const).map((type) => ({ type, workspaceId: "ws-1" })),
    { type: "computeType", workspaceId: "ws-1", computeType: "VALUE" },
    { type: "computeType", workspaceId: "ws-1", computeType: "PERFORMANCE" },
    { type: "volumes", workspaceId: "ws-1", userVolumeGb: 100 },
    { type: "volumes", workspaceId: "ws-1", rootVolumeGb: 175 },
    { type: "runningMode", workspaceId: "ws-1", runningMode: "ALWAYS_ON" },
    { type: "migrate", workspaceId: "ws-1", targetBundleId: "wsb-performance" },
  ];
  const rowsWithChoices = rows.flatMap((row) => choices.filter((change) => change.type === row.kind).map((change) => ({ ...row, change })));

  it.each(rowsWithChoices)("$kind: $name, $change", ({ name: _name, reason: _reason, change, ...row }) => {
    const action = actionOf(row);
    const ctx = context({
      requester: { ...context().requester, role: row.role ?? "EMPLOYEE" },
      directories: row.directories ?? [
        directory({ selfServicePermissions: { ...ALL_PERMISSIONS, ...Object.fromEntries((row.off ?? []).map((key) => [key, false])) } }),
      ],
      policy: row.policy,
      workspace: workspace(row.ws),
    });
    const preconditions = action.enabled ? [] : action.refusals.map((refusal) => refusal.code);
    expect(codesOf(validateChange(ctx, change))).toEqual(expect.arrayContaining(preconditions));
  });
});

// One open request holds back only what conflicts with it: a restart, start or stop may go ahead while a change
// waits for its approver, but not while a change is being applied, and never beside another power action.
describe("an open request holds back what conflicts with it", () => {
  const CONFIG_KINDS = WORKSPACE_ACTION_KINDS.filter((kind) => !["reboot", "start", "stop"].includes(kind));
  const heldBy = (kind: WorkspaceActionKind, request: { status: string; type: string }) => {
    const action = actionOf({ kind, ws: { state: kind === "start" ? "STOPPED" : "AVAILABLE" }, requests: [request] });
    return action.enabled ? [] : action.refusals.map((refusal) => refusal.code);
  };

  it.each(["reboot", "start", "stop"] as const)("%s stays available while a compute change waits for approval", (kind) => {
    expect(heldBy(kind, { status: "PENDING_APPROVAL", type: "computeType" })).toEqual([]);
  });

  it.each(["APPROVED", "EXECUTING"])("a reboot waits while a compute change is %s", (status) => {
    expect(heldBy("reboot", { status, type: "computeType" })).toEqual(["OPEN_REQUEST"]);
  });

  it("a reboot waits for another power action waiting for approval", () => {
    expect(heldBy("reboot", { status: "PENDING_APPROVAL", type: "stop" })).toEqual(["OPEN_REQUEST"]);
  });

  it.each(CONFIG_KINDS)("%s waits while a compute change waits for approval", (kind) => {
    expect(heldBy(kind, { status: "PENDING_APPROVAL", type: "computeType" })).toContain("OPEN_REQUEST");
  });

  it.each(CONFIG_KINDS)("%s waits while a reboot is executing", (kind) => {
    expect(heldBy(kind, { status: "EXECUTING", type: "reboot" })).toContain("OPEN_REQUEST");
  });

  it.each(["SUCCEEDED", "CANCELLED"])("a %s compute change holds nothing back", (status) => {
    expect(heldBy("computeType", { status, type: "computeType" })).toEqual([]);
  });

  it("the submit path asks the same rule, per change type", () => {
    const open = [{ status: "PENDING_APPROVAL", type: "computeType" }];
    expect(openRequestRefusals(open, "reboot")).toEqual([]);
    expect(openRequestRefusals(open, "volumes").map((r) => r.code)).toEqual(["OPEN_REQUEST"]);
    // Without a type the answer is the strict one.
    expect(openRequestRefusals(open).map((r) => r.code)).toEqual(["OPEN_REQUEST"]);
    expect(openRequestHolds("reboot", { status: "PENDING_APPROVAL" })).toBe(true);
  });
});

describe("computeTypeChoices", () => {
  const ctx = { prices: EXAMPLE_PRICE_TABLE, bundles: BUNDLES, expectedAutoStopHours: 80 };
  const amazon = BUNDLES.filter((b) => b.owner === "AMAZON" && b.region === "us-east-1");

  it("starts on the current type and groups the others by size around it", () => {
    const choices = computeTypeChoices(workspace(), amazon, ctx);
    expect(choices.current).toMatchObject({ computeType: "STANDARD", monthlyDelta: { cents: 0 } });
    expect(choices.upgrades.map((c) => c.computeType)).toEqual(["PERFORMANCE", "POWER", "POWERPRO", "GRAPHICS_G4DN", "GRAPHICSPRO_G4DN"]);
    expect(choices.downgrades.map((c) => c.computeType)).toEqual(["VALUE"]);
  });

  it("prices each choice with the request's own price (monthlyCostDelta)", () => {
    const choices = computeTypeChoices(workspace(), amazon, ctx);
    for (const choice of [...choices.upgrades, ...choices.downgrades]) {
      const expected = monthlyCostDelta(workspace(), { type: "computeType", workspaceId: "ws-1", computeType: choice.computeType }, ctx);
      expect(expected.ok && choice.monthlyDelta).toEqual(expected.ok ? expected.delta : false);
    }
    expect(choices.upgrades[0]!.monthlyDelta!.cents).toBeGreaterThan(0);
    expect(choices.downgrades[0]!.monthlyDelta!.cents).toBeLessThan(0);
  });

  it("offers only the operating system's types, with their size", () => {
    const linux = workspace({ operatingSystem: "LINUX", bundleId: "wsb-standard-linux" });
    const choices = computeTypeChoices(linux, amazon, ctx);
    expect(choices.upgrades.map((c) => c.computeType)).toEqual(["PERFORMANCE"]);
    expect(choices.downgrades).toEqual([]);
    expect(choices.upgrades[0]).toMatchObject({ vcpu: 2, memoryGiB: 8 });
  });

  it("lists the nearest step down first", () => {
    const choices = computeTypeChoices(
      workspace({ computeType: "POWER", bundleId: "wsb-power", rootVolumeGb: 175, userVolumeGb: 100 }),
      amazon,
      ctx,
    );
    expect(choices.downgrades.map((c) => c.computeType)).toEqual(["PERFORMANCE", "STANDARD", "VALUE"]);
  });
});
