import { describe, expect, it } from "vitest";
import type { CreateChange } from "../change";
import { codesOf } from "../testing/codes";
import { BUNDLES, context, directory, workspace } from "../testing/fixtures";
import type { Workspace } from "../types";
import type { ValidationContext } from "./context";
import { validateChange } from "./index";

function create(overrides: Partial<CreateChange> = {}): CreateChange {
  return {
    type: "create",
    ownerUserName: "alice",
    directoryId: "d-employees",
    bundleId: "wsb-standard",
    runningMode: "AUTO_STOP",
    autoStopTimeoutMinutes: 60,
    rootVolumeEncrypted: true,
    userVolumeEncrypted: true,
    tags: [{ key: "CostCenter", value: "CC-42" }],
    ...overrides,
  };
}

const EU_DIRECTORY = directory({ id: "d-eu", name: "EU employees", region: "eu-west-1" });

describe("validateChange: create", () => {
  const rows: { name: string; change?: Partial<CreateChange>; ctx?: Partial<ValidationContext>; codes: string[] }[] = [
    { name: "a standard WorkSpace", codes: [] },
    { name: "unencrypted is fine too", change: { rootVolumeEncrypted: false, userVolumeEncrypted: false }, codes: [] },
    { name: "bigger volumes than the bundle", change: { rootVolumeGb: 175, userVolumeGb: 100 }, codes: [] },
    { name: "volumes below the bundle", change: { userVolumeGb: 10 }, codes: ["VOLUME_BELOW_BUNDLE"] },
    { name: "80/101", change: { userVolumeGb: 101 }, codes: ["USER_VOLUME_NEEDS_LARGER_ROOT"] },
    { name: "graphics bundle with its own 175/100", change: { bundleId: "wsb-g4dn" }, codes: [] },
    { name: "unknown bundle", change: { bundleId: "wsb-nope" }, codes: ["BUNDLE_UNKNOWN"] },
    { name: "unknown directory", change: { directoryId: "d-nope" }, codes: ["DIRECTORY_UNKNOWN"] },
    {
      name: "bundle from another Region",
      change: { bundleId: "wsb-standard-eu" },
      codes: ["BUNDLE_REGION_MISMATCH"],
    },
    {
      name: "directory not offered",
      ctx: { directories: [directory(), EU_DIRECTORY] },
      change: { directoryId: "d-eu", bundleId: "wsb-standard-eu" },
      codes: ["DIRECTORY_NOT_OFFERED"],
    },
    {
      name: "bundle not offered",
      ctx: { offering: { directoryIds: ["d-employees"], bundleIds: ["wsb-value"] } },
      codes: ["BUNDLE_NOT_OFFERED"],
    },
    { name: "timeout of 90 minutes", change: { autoStopTimeoutMinutes: 90 }, codes: ["AUTO_STOP_TIMEOUT_NOT_HOURS"] },
    { name: "AlwaysOn with a timeout", change: { runningMode: "ALWAYS_ON" }, codes: ["AUTO_STOP_TIMEOUT_WITHOUT_AUTO_STOP"] },
    {
      name: "Manual not enabled",
      change: { runningMode: "MANUAL", autoStopTimeoutMinutes: undefined },
      codes: ["MANUAL_MODE_UNAVAILABLE"],
    },
    { name: "reserved tag prefix", change: { tags: [{ key: "aws:owner", value: "x" }] }, codes: ["TAG_RESERVED_PREFIX"] },
    {
      name: "49 tags fit beside the portal's",
      change: { tags: Array.from({ length: 49 }, (_, i) => ({ key: `K${i}`, value: "" })) },
      codes: [],
    },
    {
      name: "50 tags do not",
      change: { tags: Array.from({ length: 50 }, (_, i) => ({ key: `K${i}`, value: "" })) },
      codes: ["TAG_LIMIT"],
    },
    {
      name: "required cost centre missing",
      change: { tags: [] },
      ctx: { policy: { requiredTagKeys: ["CostCenter"] } },
      codes: ["TAG_REQUIRED_MISSING"],
    },
  ];
  it.each(rows)("$name → $codes", ({ change, ctx, codes }) => {
    expect(codesOf(validateChange(context({ workspace: null, ...ctx }), create(change)))).toEqual(codes);
  });
});

describe("one WorkSpace per user per directory", () => {
  const existing = (overrides: Partial<Workspace>) => [workspace(overrides)];
  const rows: { name: string; ctx: Partial<ValidationContext>; codes: string[] }[] = [
    { name: "no WorkSpace yet", ctx: {}, codes: [] },
    { name: "one in this directory", ctx: { userWorkspaces: existing({}) }, codes: ["ONE_WORKSPACE_PER_DIRECTORY"] },
    { name: "one in another directory", ctx: { userWorkspaces: existing({ directoryId: "d-other" }) }, codes: [] },
    { name: "a terminated one here", ctx: { userWorkspaces: existing({ state: "TERMINATED" }) }, codes: [] },
    { name: "another user's here", ctx: { userWorkspaces: existing({ ownerUserName: "bob" }) }, codes: [] },
    {
      name: "an open create request here",
      ctx: { openCreateRequests: [{ directoryId: "d-employees" }] },
      codes: ["ONE_WORKSPACE_PER_DIRECTORY"],
    },
    { name: "an open create request elsewhere", ctx: { openCreateRequests: [{ directoryId: "d-other" }] }, codes: [] },
    {
      name: "policy allows two, one exists",
      ctx: { userWorkspaces: existing({}), policy: { maxWorkspacesPerUserPerDirectory: 2 } },
      codes: [],
    },
  ];
  it.each(rows)("$name → $codes", ({ ctx, codes }) => {
    expect(codesOf(validateChange(context({ workspace: null, ...ctx }), create()))).toEqual(codes);
  });

  it("reports every problem at once", () => {
    const ctx = context({ workspace: null, userWorkspaces: existing({}), bundles: BUNDLES });
    expect(codesOf(validateChange(ctx, create({ userVolumeGb: 101, autoStopTimeoutMinutes: 90 })))).toEqual([
      "AUTO_STOP_TIMEOUT_NOT_HOURS",
      "ONE_WORKSPACE_PER_DIRECTORY",
      "USER_VOLUME_NEEDS_LARGER_ROOT",
    ]);
  });
});
