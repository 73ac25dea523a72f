import { describe, expect, it } from "vitest";
import type { RegionGateway, WorkspaceSummary } from "../../aws";
import type { MaintenanceChange } from "../../domain";
import { maintenance } from "./maintenance";

// The maintenance entry asks AWS for the WorkSpaces' states first: one already in the wanted state costs no call, and
// one AWS would refuse (not AVAILABLE, or not in maintenance) is refused with the domain's reason, never sent.

function fakeGateway(states: Record<string, string>) {
  const calls: string[] = [];
  const gw = {
    workspaces: {
      getWorkspaces: async (ids: readonly string[]) => ({
        workspaces: ids.filter((id) => states[id]).map((id) => ({ workspaceId: id, state: states[id] }) as WorkspaceSummary),
        missing: ids.filter((id) => !states[id]),
      }),
      modifyState: async (id: string, state: string) => {
        calls.push(`${id}:${state}`);
        return { requestId: `rid-${calls.length}` };
      },
    },
  };
  return { gw: gw as unknown as RegionGateway, calls };
}

const enter = (workspaceId: string): MaintenanceChange => ({ type: "maintenance", workspaceId, state: "ADMIN_MAINTENANCE" });
const leave = (workspaceId: string): MaintenanceChange => ({ type: "maintenance", workspaceId, state: "AVAILABLE" });

describe("the maintenance change kind", () => {
  it("puts AVAILABLE WorkSpaces in maintenance, skips one already there and refuses a stopped one without calling", async () => {
    const { gw, calls } = fakeGateway({ "ws-a0000001": "AVAILABLE", "ws-b0000002": "ADMIN_MAINTENANCE", "ws-c0000003": "STOPPED" });
    const result = await maintenance.execution.callBatch(gw, [enter("ws-a0000001"), enter("ws-b0000002"), enter("ws-c0000003")]);
    expect(calls).toEqual(["ws-a0000001:ADMIN_MAINTENANCE"]);
    expect(result.succeeded.sort()).toEqual(["ws-a0000001", "ws-b0000002"]);
    expect(result.failed).toEqual([
      expect.objectContaining({ workspaceId: "ws-c0000003", code: "MAINTENANCE_NEEDS_AVAILABLE", reason: "wrong_state" }),
    ]);
    expect(result.requestIds).toEqual(["rid-1"]);
  });

  it("ends maintenance only for WorkSpaces in it, and names a WorkSpace AWS no longer lists", async () => {
    const { gw, calls } = fakeGateway({ "ws-a0000001": "ADMIN_MAINTENANCE", "ws-b0000002": "REBOOTING" });
    const result = await maintenance.execution.callBatch(gw, [leave("ws-a0000001"), leave("ws-b0000002"), leave("ws-gone0003")]);
    expect(calls).toEqual(["ws-a0000001:AVAILABLE"]);
    expect(result.failed.map((f) => [f.workspaceId, f.code])).toEqual([
      ["ws-b0000002", "NOT_IN_MAINTENANCE"],
      ["ws-gone0003", "not_found"],
    ]);
  });

  it("is done when AWS shows the wanted state", () => {
    const request = {
      id: "r1",
      region: "us-east-1",
      change: enter("ws-a0000001"),
      resultWorkspaceId: null,
      awsCalledAt: null,
      executionMemo: null,
    };
    const at = (state: string) => ({ workspaceId: "ws-a0000001", state, modifications: [] }) as unknown as WorkspaceSummary;
    const now = new Date();
    expect(maintenance.execution.progress({ request, workspace: at("ADMIN_MAINTENANCE"), result: undefined, now }).kind).toBe("done");
    expect(maintenance.execution.progress({ request, workspace: at("AVAILABLE"), result: undefined, now }).kind).toBe("waiting");
  });
});
