import { describe, expect, it } from "vitest";
import { CHANGE_TYPES } from "./change";
import { heldByMaintenance, maintenanceRefusals, withoutMaintenanceHold, HELD_DURING_MAINTENANCE } from "./maintenance";
import { changePreconditions } from "./validate/preconditions";
import { workspaceActions } from "./workspace-actions";
import { directory, workspace } from "./testing/fixtures";

const NOW = new Date("2026-11-30T12:00:00Z");
const inMaintenance = workspace({ state: "ADMIN_MAINTENANCE", createdAt: new Date("2026-10-01T00:00:00Z") });
const ctx = { now: NOW, requester: { role: "EMPLOYEE" as const }, directories: [directory()] };

describe("entering and leaving admin maintenance", () => {
  it.each([
    ["AVAILABLE", "ADMIN_MAINTENANCE", []],
    ["ADMIN_MAINTENANCE", "ADMIN_MAINTENANCE", []],
    ["STOPPED", "ADMIN_MAINTENANCE", ["MAINTENANCE_NEEDS_AVAILABLE"]],
    ["REBOOTING", "ADMIN_MAINTENANCE", ["MAINTENANCE_NEEDS_AVAILABLE"]],
    ["ADMIN_MAINTENANCE", "AVAILABLE", []],
    ["AVAILABLE", "AVAILABLE", []],
    ["STOPPED", "AVAILABLE", ["NOT_IN_MAINTENANCE"]],
  ] as const)("from %s to %s → %j", (state, target, codes) => {
    expect(maintenanceRefusals(state, target).map((r) => r.code)).toEqual(codes);
  });
});

describe("what waits while a WorkSpace is in admin maintenance", () => {
  it("holds configuration changes, refuses restart/start/stop, and leaves give-back and tags alone", () => {
    const held = CHANGE_TYPES.filter((type) => heldByMaintenance("ADMIN_MAINTENANCE", type));
    expect(held.sort()).toEqual([...HELD_DURING_MAINTENANCE].sort());
    for (const type of ["reboot", "start", "stop", "terminate", "tags", "create"])
      expect(heldByMaintenance("ADMIN_MAINTENANCE", type)).toBe(false);
    for (const type of HELD_DURING_MAINTENANCE) expect(heldByMaintenance("AVAILABLE", type)).toBe(false);
  });

  it("drops only the maintenance refusal of a held change; other rules still refuse", () => {
    const refusals = [
      { code: "ADMIN_MAINTENANCE", message: "in maintenance" },
      { code: "TOO_YOUNG", message: "too young" },
    ];
    expect(withoutMaintenanceHold(refusals, "ADMIN_MAINTENANCE", "computeType").map((r) => r.code)).toEqual(["TOO_YOUNG"]);
    expect(withoutMaintenanceHold(refusals, "ADMIN_MAINTENANCE", "reboot").map((r) => r.code)).toEqual(["ADMIN_MAINTENANCE", "TOO_YOUNG"]);
  });

  it("the WorkSpace page offers the held changes and explains why a restart is not offered", () => {
    const actions = workspaceActions({ ...ctx, workspace: inMaintenance, requests: [] });
    const byKind = Object.fromEntries(actions.map((a) => [a.kind, a]));
    for (const kind of ["computeType", "volumes", "runningMode", "rebuild", "terminate"]) expect(byKind[kind]!.enabled, kind).toBe(true);
    const reboot = byKind.reboot!;
    expect(reboot.enabled).toBe(false);
    if (!reboot.enabled) expect(reboot.reason).toContain("admin maintenance");
  });

  it("maintenance itself is never asked for through a request", () => {
    expect(changePreconditions(ctx, workspace(), "maintenance").map((r) => r.code)).toEqual(["ADMIN_ONLY"]);
  });
});
