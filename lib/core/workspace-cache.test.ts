import { describe, expect, it } from "vitest";
import type { WorkspaceSummary } from "../aws";
import { cacheFields, cachedOperatingSystem } from "./workspace-cache";

const summary = (over: Partial<WorkspaceSummary> = {}): WorkspaceSummary => ({
  workspaceId: "ws-1",
  directoryId: "d-1",
  userName: "ann",
  state: "AVAILABLE",
  bundleId: "wsb-1",
  protocols: ["WSP"],
  rootVolumeEncrypted: false,
  userVolumeEncrypted: false,
  modifications: [],
  ...over,
});
const owners = { ownerOf: () => null };

describe("the OS the inventory caches", () => {
  it("is the OperatingSystemName DescribeWorkspaces gave, over the bundle's", () => {
    expect(cachedOperatingSystem(summary({ operatingSystemName: "UBUNTU_22_04" }), "WINDOWS")).toBe("UBUNTU_22_04");
    expect(cacheFields("us-east-1", summary({ operatingSystemName: "AMAZON_LINUX_2" }), owners, new Date()).operatingSystem).toBe(
      "AMAZON_LINUX_2",
    );
  });

  it("is the bundle's OS when AWS did not name one (older responses, UNKNOWN)", () => {
    expect(cachedOperatingSystem(summary(), "LINUX")).toBe("LINUX");
    expect(cachedOperatingSystem(summary({ operatingSystemName: "UNKNOWN" }), "LINUX")).toBe("LINUX");
    expect(cacheFields("us-east-1", summary(), owners, new Date(), undefined, "LINUX").operatingSystem).toBe("LINUX");
  });

  it("leaves the cached OS as it is when neither tells", () => {
    expect(cachedOperatingSystem(summary(), null)).toBeNull();
    expect("operatingSystem" in cacheFields("us-east-1", summary(), owners, new Date())).toBe(false);
  });
});
