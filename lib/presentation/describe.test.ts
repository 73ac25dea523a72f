import { describe, expect, it } from "vitest";
import { CHANGE_TYPES, type Change } from "../domain/client";
import { describeChange } from "./describe";
import { workspaceDisplayName } from "./labels";

const WS = "ws-llqwlc2mj";
const workspaces: Record<string, string> = {
  [WS]: workspaceDisplayName({ id: WS, computerName: "WSAMZN-LLQWLC2M", computeType: "STANDARD", operatingSystem: "WINDOWS_SERVER_2022" }),
};
const bundles: Record<string, string> = { "wsb-2140o11i8": "Standard with Windows 10", "wsb-perf": "Performance with Ubuntu" };
const workspaceName = (id: string) => workspaces[id];
const bundleName = (id: string) => bundles[id];

/** One change of every type, on the named WorkSpace. */
function everyChange(workspaceId: string): Change[] {
  return CHANGE_TYPES.map((type): Change => {
    switch (type) {
      case "create":
        return {
          type,
          ownerUserName: "alice",
          directoryId: "d-f28e33fdf9",
          bundleId: "wsb-2140o11i8",
          runningMode: "AUTO_STOP",
          rootVolumeEncrypted: false,
          userVolumeEncrypted: false,
          tags: [],
        };
      case "computeType":
        return { type, workspaceId, computeType: "GRAPHICS_G4DN" };
      case "volumes":
        return { type, workspaceId, userVolumeGb: 100 };
      case "runningMode":
        return { type, workspaceId, runningMode: "AUTO_STOP", autoStopTimeoutMinutes: 120 };
      case "migrate":
        return { type, workspaceId, targetBundleId: "wsb-perf" };
      case "tags":
        return { type, workspaceId, set: [], remove: [] };
      case "encryption":
        return { type, workspaceId, rootVolumeEncrypted: true, userVolumeEncrypted: true };
      default:
        return { type, workspaceId } as Change;
    }
  });
}

describe("describeChange", () => {
  it("names the WorkSpace as people do", () => {
    expect(describeChange({ type: "computeType", workspaceId: WS, computeType: "PERFORMANCE" }, bundleName, workspaceName)).toBe(
      "Change WSAMZN-LLQWLC2M (Standard, Windows) to Performance",
    );
    expect(describeChange({ type: "reboot", workspaceId: WS }, bundleName, workspaceName)).toBe(
      "Restart WSAMZN-LLQWLC2M (Standard, Windows)",
    );
  });

  it("shows no raw id or AWS code for any change type when the names are known", () => {
    for (const change of everyChange(WS)) {
      const text = describeChange(change, bundleName, workspaceName);
      expect(text, change.type).not.toMatch(/\b(ws|wsb|d)-[a-z0-9]+/);
      expect(text, change.type).not.toMatch(/\b[A-Z]+_[A-Z0-9_]+\b/);
    }
  });

  it("names the bundle of a new WorkSpace and of a migration", () => {
    const [create] = everyChange(WS);
    expect(describeChange(create!, bundleName, workspaceName)).toBe("New WorkSpace (Standard with Windows 10, AutoStop)");
    expect(describeChange({ type: "migrate", workspaceId: WS, targetBundleId: "wsb-perf" }, bundleName, workspaceName)).toBe(
      "Migrate WSAMZN-LLQWLC2M (Standard, Windows) to Performance with Ubuntu",
    );
  });

  it("says the AutoStop timeout in hours", () => {
    expect(
      describeChange(
        { type: "runningMode", workspaceId: WS, runningMode: "AUTO_STOP", autoStopTimeoutMinutes: 120 },
        bundleName,
        workspaceName,
      ),
    ).toBe("Switch WSAMZN-LLQWLC2M (Standard, Windows) to AutoStop (stops after 2 h idle)");
    expect(describeChange({ type: "runningMode", workspaceId: WS, runningMode: "ALWAYS_ON" }, bundleName, workspaceName)).toBe(
      "Switch WSAMZN-LLQWLC2M (Standard, Windows) to AlwaysOn",
    );
  });

  it("falls back to the id only for a WorkSpace or bundle nobody knows", () => {
    expect(describeChange({ type: "stop", workspaceId: "ws-gone" }, bundleName, workspaceName)).toBe("Stop ws-gone");
    expect(describeChange({ type: "stop", workspaceId: WS })).toBe(`Stop ${WS}`);
    expect(describeChange({ type: "migrate", workspaceId: WS, targetBundleId: "wsb-unknown" }, bundleName, workspaceName)).toBe(
      "Migrate WSAMZN-LLQWLC2M (Standard, Windows) to wsb-unknown",
    );
  });
});
