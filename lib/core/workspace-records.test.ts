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
