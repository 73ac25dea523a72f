import { describe, expect, it } from "vitest";
import { codesOf } from "../testing/codes";
import { context, hoursAgo, minutesAgo, workspace } from "../testing/fixtures";
import type { ComputeType, Workspace } from "../types";
import { validateChange } from "./index";
import {
  ROOT_VOLUME_SIZES_GB,
  USER_VOLUME_SIZES_GB,
  rootVolumeOptions,
  userVolumeOptions,
  validCombination,
  volumeCombinationRefusals,
} from "./volumes";

describe("volumeCombinationRefusals", () => {
  const rows: { root: number; user: number; computeType?: ComputeType; codes: string[] }[] = [
    { root: 80, user: 10, codes: [] },
    { root: 80, user: 50, codes: [] },
    { root: 80, user: 100, codes: [] },
    { root: 80, user: 20, codes: ["VOLUME_COMBINATION"] },
    { root: 80, user: 101, codes: ["USER_VOLUME_NEEDS_LARGER_ROOT"] },
    { root: 80, user: 2000, codes: ["USER_VOLUME_NEEDS_LARGER_ROOT"] },
    { root: 175, user: 100, codes: [] },
    { root: 175, user: 99, codes: ["ROOT_VOLUME_NEEDS_LARGER_USER"] },
    { root: 175, user: 50, codes: ["ROOT_VOLUME_NEEDS_LARGER_USER"] },
    { root: 174, user: 100, codes: ["ROOT_VOLUME_SIZE"] },
    { root: 100, user: 100, codes: ["ROOT_VOLUME_SIZE"] },
    { root: 79, user: 10, codes: ["ROOT_VOLUME_SIZE"] },
    { root: 2000, user: 2000, codes: [] },
    { root: 2001, user: 100, codes: ["VOLUME_ABOVE_MAXIMUM"] },
    { root: 175, user: 2001, codes: ["VOLUME_ABOVE_MAXIMUM"] },
    { root: 80.5, user: 10, codes: ["VOLUME_NOT_WHOLE_GB"] },
    { root: 80, user: 0, codes: ["VOLUME_NOT_WHOLE_GB"] },
    { root: 80, user: 100, computeType: "GRAPHICS_G4DN", codes: ["GRAPHICS_MIN_VOLUMES"] },
    { root: 175, user: 100, computeType: "GRAPHICS_G4DN", codes: [] },
    { root: 175, user: 100, computeType: "GRAPHICSPRO_G4DN", codes: [] },
    { root: 80, user: 50, computeType: "GRAPHICSPRO", codes: ["GRAPHICS_MIN_VOLUMES"] },
  ];
  it.each(rows)("[$root, $user] $computeType → $codes", ({ root, user, computeType, codes }) => {
    const refusals = volumeCombinationRefusals(root, user, computeType ?? "STANDARD");
    expect(refusals.map((refusal) => refusal.code).sort()).toEqual(codes);
  });

  it("explains the 80/101 case in plain words", () => {
    expect(volumeCombinationRefusals(80, 200, "STANDARD")[0]?.message).toBe(
      "User volumes above 100 GB need a root volume of at least 175 GB.",
    );
  });
});

describe("validateChange: volumes", () => {
  const rows: { name: string; ws?: Partial<Workspace>; root?: number; user?: number; codes: string[] }[] = [
    { name: "user 50 → 100 on an 80 GB root", user: 100, codes: [] },
    { name: "user 50 → 101 on an 80 GB root", user: 101, codes: ["USER_VOLUME_NEEDS_LARGER_ROOT"] },
    { name: "root 80 → 175 while user is 50", root: 175, codes: ["ROOT_VOLUME_NEEDS_LARGER_USER"] },
    { name: "root 80 → 175 once user is 100", ws: { userVolumeGb: 100 }, root: 175, codes: [] },
    { name: "root 80 → 120", ws: { userVolumeGb: 100 }, root: 120, codes: ["ROOT_VOLUME_SIZE"] },
    { name: "shrink user 100 → 50", ws: { userVolumeGb: 100 }, user: 50, codes: ["VOLUME_SHRINK"] },
    { name: "shrink root 200 → 175", ws: { rootVolumeGb: 200, userVolumeGb: 100 }, root: 175, codes: ["VOLUME_SHRINK"] },
    { name: "same sizes", root: 80, user: 50, codes: ["VOLUME_NO_CHANGE"] },
    { name: "nothing asked", codes: ["VOLUME_NO_CHANGE"] },
    {
      name: "root and user together",
      ws: { rootVolumeGb: 175, userVolumeGb: 100 },
      root: 200,
      user: 200,
      codes: ["ROOT_AND_USER_TOGETHER"],
    },
    { name: "user resized exactly 6 h ago", ws: { lastVolumeChangeAt: { user: hoursAgo(6) } }, user: 100, codes: [] },
    {
      name: "user resized 5 h 59 min ago",
      ws: { lastVolumeChangeAt: { user: minutesAgo(359) } },
      user: 100,
      codes: ["VOLUME_CHANGED_RECENTLY"],
    },
    {
      name: "root resized recently does not block the user volume",
      ws: { lastVolumeChangeAt: { root: minutesAgo(10) } },
      user: 100,
      codes: [],
    },
    { name: "WorkSpace exactly 6 h old", ws: { createdAt: hoursAgo(6) }, user: 100, codes: [] },
    { name: "WorkSpace 5 h 59 min old", ws: { createdAt: minutesAgo(359) }, user: 100, codes: ["WORKSPACE_TOO_NEW"] },
    { name: "stopped WorkSpace", ws: { state: "STOPPED" }, user: 100, codes: [] },
    { name: "rebooting WorkSpace", ws: { state: "REBOOTING" }, user: 100, codes: ["WRONG_STATE"] },
    { name: "admin maintenance", ws: { state: "ADMIN_MAINTENANCE" }, user: 100, codes: ["ADMIN_MAINTENANCE"] },
    {
      name: "another modification running",
      ws: { modificationsInProgress: ["COMPUTE_TYPE"] },
      user: 100,
      codes: ["MODIFICATION_IN_PROGRESS"],
    },
    {
      name: "graphics WorkSpace keeps ≥100/100",
      ws: { computeType: "GRAPHICS_G4DN", bundleId: "wsb-g4dn", rootVolumeGb: 175, userVolumeGb: 100 },
      user: 150,
      codes: [],
    },
  ];
  it.each(rows)("$name → $codes", ({ ws, root, user, codes }) => {
    const ctx = context({ workspace: workspace(ws) });
    expect(codesOf(validateChange(ctx, { type: "volumes", workspaceId: "ws-1", rootVolumeGb: root, userVolumeGb: user }))).toEqual(codes);
  });

  it("tells the user how long to wait", () => {
    const ctx = context({ workspace: workspace({ lastVolumeChangeAt: { user: hoursAgo(4) } }) });
    const result = validateChange(ctx, { type: "volumes", workspaceId: "ws-1", userVolumeGb: 100 });
    expect(result.ok ? "" : result.reasons[0]?.message).toContain("Try again in about 2 hours.");
  });
});

describe("volume sizes the forms offer", () => {
  it("offers only larger user volumes that fit the root volume", () => {
    expect(userVolumeOptions(80, 10)).toEqual([50, 100]);
    expect(userVolumeOptions(80, 50)).toEqual([100]);
    expect(userVolumeOptions(80, 100)).toEqual([]);
    expect(userVolumeOptions(175, 100)).toEqual([150, 200, 250, 300, 500, 1000, 2000]);
    expect(userVolumeOptions(175, 2000)).toEqual([]);
  });

  it("offers a larger root only when the user volume allows it", () => {
    expect(rootVolumeOptions(80, 50)).toEqual([]);
    expect(rootVolumeOptions(80, 100)).toEqual([175, 200, 250, 300, 500, 1000, 2000]);
    expect(rootVolumeOptions(300, 100)).toEqual([500, 1000, 2000]);
  });

  it("offers every root size from 80 GB to the maximum that a new WorkSpace may start with", () => {
    expect(ROOT_VOLUME_SIZES_GB).toEqual([80, 175, 200, 250, 300, 500, 1000, 2000]);
    expect(USER_VOLUME_SIZES_GB).toEqual([10, 50, 100, 150, 200, 250, 300, 500, 1000, 2000]);
  });

  it("agrees with the rule on every pair of offered sizes and on sizes in between", () => {
    const sizes = [...new Set([...ROOT_VOLUME_SIZES_GB, ...USER_VOLUME_SIZES_GB, 20, 99, 101, 120, 174, 2001, 80.5, 0])];
    for (const root of sizes) {
      for (const user of sizes)
        expect(validCombination(root, user), `[${root}, ${user}]`).toBe(volumeCombinationRefusals(root, user, "STANDARD").length === 0);
    }
  });

  it("offers only sizes the rule accepts", () => {
    for (const root of ROOT_VOLUME_SIZES_GB) {
      for (const user of USER_VOLUME_SIZES_GB.filter((size) => validCombination(root, size))) {
        for (const u of userVolumeOptions(root, user))
          expect(volumeCombinationRefusals(root, u, "STANDARD"), `[${root}, ${u}]`).toEqual([]);
        for (const r of rootVolumeOptions(root, user))
          expect(volumeCombinationRefusals(r, user, "STANDARD"), `[${r}, ${user}]`).toEqual([]);
      }
    }
  });
});
