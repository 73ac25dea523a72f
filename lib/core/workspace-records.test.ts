import { describe, expect, it } from "vitest";
import { toDomainWorkspace, type WorkspaceRecord } from "./workspace-records";

const row = (over: Partial<WorkspaceRecord>) =>
  ({
    id: "ws-1",
    region: "us-east-1",
    directoryId: "d-1",
    userName: "ann",
    state: "AVAILABLE",
    bundleId: "wsb-1",
    modificationStates: [],
    tags: [],
    protocols: [],
    rootVolumeEncrypted: false,
    userVolumeEncrypted: false,
    stateChangedAt: new Date("2026-11-01T00:00:00Z"),
    firstSeenAt: new Date("2026-11-20T00:00:00Z"),
    existsSince: null,
    ...over,
  }) as WorkspaceRecord;

describe("a cached WorkSpace's age", () => {
  it("is the earliest evidence: first seen, CloudWatch's first datapoint, or the oldest snapshot", () => {
    expect(toDomainWorkspace(row({})).createdAt).toEqual(new Date("2026-11-20T00:00:00Z"));
    expect(toDomainWorkspace(row({ existsSince: new Date("2026-09-16T10:00:00Z") })).createdAt).toEqual(new Date("2026-09-16T10:00:00Z"));
    const snapshots = { oldest: new Date("2026-08-01T00:00:00Z"), latest: null };
    expect(toDomainWorkspace(row({ existsSince: new Date("2026-09-16T10:00:00Z") }), snapshots).createdAt).toEqual(snapshots.oldest);
  });
});

describe("a cached WorkSpace's operating system", () => {
  const bundles = [
    { id: "wsb-linux", operatingSystem: "LINUX" as const },
    { id: "wsb-windows", operatingSystem: "WINDOWS" as const },
  ];

  it("is the family of the OperatingSystemName the sync cached", () => {
    for (const [name, family] of [
      ["AMAZON_LINUX_2", "LINUX"],
      ["UBUNTU_22_04", "LINUX"],
      ["RHEL_8", "LINUX"],
      ["ROCKY_8", "LINUX"],
      ["WINDOWS_SERVER_2022", "WINDOWS"],
      ["WINDOWS_11", "WINDOWS"],
      ["LINUX", "LINUX"],
      ["WINDOWS", "WINDOWS"],
    ] as const) {
      // Whatever the bundle says: the cached OS is AWS's word on this WorkSpace.
      expect(toDomainWorkspace(row({ operatingSystem: name, bundleId: "wsb-windows" }), undefined, bundles).operatingSystem, name).toBe(
        family,
      );
    }
  });

  it("is the bundle's OS when the cache does not know it, and Windows only when nothing tells", () => {
    for (const unknown of [null, "UNKNOWN"]) {
      expect(toDomainWorkspace(row({ operatingSystem: unknown, bundleId: "wsb-linux" }), undefined, bundles).operatingSystem).toBe("LINUX");
      expect(toDomainWorkspace(row({ operatingSystem: unknown, bundleId: "wsb-gone" }), undefined, bundles).operatingSystem).toBe(
        "WINDOWS",
      );
      expect(toDomainWorkspace(row({ operatingSystem: unknown, bundleId: "wsb-linux" })).operatingSystem).toBe("WINDOWS");
    }
  });
});
