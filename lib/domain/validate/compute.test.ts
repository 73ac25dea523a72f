import { describe, expect, it } from "vitest";
import { codesOf } from "../testing/codes";
import { BUNDLES, context, daysAgo, hoursAgo, minutesAgo, workspace } from "../testing/fixtures";
import type { ComputeType, Workspace } from "../types";
import { computeChangeDirection } from "./compute";
import { validateChange } from "./index";

const THIRTY_DAYS_MINUS_A_MINUTE = minutesAgo(30 * 24 * 60 - 1);

describe("validateChange: computeType", () => {
  const rows: { name: string; ws?: Partial<Workspace>; to: ComputeType; codes: string[] }[] = [
    { name: "STANDARD → PERFORMANCE", to: "PERFORMANCE", codes: [] },
    { name: "STANDARD → VALUE", to: "VALUE", codes: [] },
    { name: "same type", to: "STANDARD", codes: ["COMPUTE_SAME"] },
    { name: "larger exactly 6 h after the last upgrade", ws: { lastComputeChangeAt: { larger: hoursAgo(6) } }, to: "POWER", codes: [] },
    {
      name: "larger 5 h 59 min after the last upgrade",
      ws: { lastComputeChangeAt: { larger: minutesAgo(359) } },
      to: "POWER",
      codes: ["COMPUTE_LARGER_TOO_SOON"],
    },
    {
      name: "larger 1 h after a downgrade",
      ws: { lastComputeChangeAt: { smaller: hoursAgo(1) } },
      to: "POWER",
      codes: ["COMPUTE_LARGER_TOO_SOON"],
    },
    { name: "larger on a 5 h old WorkSpace", ws: { createdAt: hoursAgo(5) }, to: "POWER", codes: ["WORKSPACE_TOO_NEW"] },
    {
      name: "VALUE → STANDARD on a 5 h old WorkSpace",
      ws: { computeType: "VALUE", bundleId: "wsb-value", userVolumeGb: 10, createdAt: hoursAgo(5) },
      to: "STANDARD",
      codes: ["WORKSPACE_TOO_NEW"],
    },
    { name: "smaller on a 5 h old WorkSpace", ws: { createdAt: hoursAgo(5) }, to: "VALUE", codes: [] },
    {
      name: "smaller exactly 30 days after the last downgrade",
      ws: { lastComputeChangeAt: { smaller: daysAgo(30) } },
      to: "VALUE",
      codes: [],
    },
    {
      name: "smaller 30 days minus a minute after",
      ws: { lastComputeChangeAt: { smaller: THIRTY_DAYS_MINUS_A_MINUTE } },
      to: "VALUE",
      codes: ["COMPUTE_SMALLER_TOO_SOON"],
    },
    { name: "smaller 1 h after an upgrade", ws: { lastComputeChangeAt: { larger: hoursAgo(1) } }, to: "VALUE", codes: [] },
    { name: "stopped", ws: { state: "STOPPED" }, to: "PERFORMANCE", codes: [] },
    { name: "impaired", ws: { state: "IMPAIRED" }, to: "PERFORMANCE", codes: ["WRONG_STATE"] },
    { name: "error", ws: { state: "ERROR" }, to: "PERFORMANCE", codes: ["WRONG_STATE"] },
    { name: "admin maintenance", ws: { state: "ADMIN_MAINTENANCE" }, to: "PERFORMANCE", codes: ["ADMIN_MAINTENANCE"] },
    {
      name: "volume modification still running",
      ws: { modificationsInProgress: ["USER_VOLUME"] },
      to: "PERFORMANCE",
      codes: ["MODIFICATION_IN_PROGRESS"],
    },
    { name: "STANDARD → GRAPHICS_G4DN", to: "GRAPHICS_G4DN", codes: ["COMPUTE_GPU_FAMILY"] },
    {
      name: "GRAPHICS_G4DN → GRAPHICSPRO_G4DN",
      ws: { computeType: "GRAPHICS_G4DN", bundleId: "wsb-g4dn", rootVolumeGb: 175, userVolumeGb: 100 },
      to: "GRAPHICSPRO_G4DN",
      codes: [],
    },
    {
      name: "GRAPHICSPRO_G4DN → GRAPHICS_G4DN",
      ws: { computeType: "GRAPHICSPRO_G4DN", bundleId: "wsb-g4dn-pro", rootVolumeGb: 175, userVolumeGb: 100 },
      to: "GRAPHICS_G4DN",
      codes: [],
    },
    {
      name: "GRAPHICS_G4DN → POWER",
      ws: { computeType: "GRAPHICS_G4DN", bundleId: "wsb-g4dn", rootVolumeGb: 175, userVolumeGb: 100 },
      to: "POWER",
      codes: ["COMPUTE_GPU_FAMILY"],
    },
    { name: "legacy GRAPHICS → GRAPHICS_G4DN", ws: { computeType: "GRAPHICS" }, to: "GRAPHICS_G4DN", codes: ["COMPUTE_GPU_FAMILY"] },
  ];
  it.each(rows)("$name → $codes", ({ ws, to, codes }) => {
    const ctx = context({ workspace: workspace(ws) });
    expect(codesOf(validateChange(ctx, { type: "computeType", workspaceId: "ws-1", computeType: to }))).toEqual(codes);
  });

  it("refuses compute types no offered bundle has", () => {
    const ctx = context({ offering: { directoryIds: ["d-employees"], bundleIds: ["wsb-value", "wsb-standard", "wsb-performance"] } });
    expect(codesOf(validateChange(ctx, { type: "computeType", workspaceId: "ws-1", computeType: "PERFORMANCE" }))).toEqual([]);
    expect(codesOf(validateChange(ctx, { type: "computeType", workspaceId: "ws-1", computeType: "POWER" }))).toEqual([
      "COMPUTE_TYPE_NOT_OFFERED",
    ]);
  });

  it("only counts offered bundles of the WorkSpace's own Region and OS", () => {
    const ctx = context({ offering: { directoryIds: [], bundleIds: ["wsb-performance-linux"] }, bundles: BUNDLES });
    expect(codesOf(validateChange(ctx, { type: "computeType", workspaceId: "ws-1", computeType: "PERFORMANCE" }))).toEqual([
      "COMPUTE_TYPE_NOT_OFFERED",
    ]);
  });
});

describe("computeChangeDirection", () => {
  it.each([
    { from: "VALUE", to: "STANDARD", direction: "LARGER" },
    { from: "POWERPRO", to: "POWER", direction: "SMALLER" },
    { from: "GRAPHICS_G4DN", to: "GRAPHICSPRO_G4DN", direction: "LARGER" },
    { from: "GRAPHICSPRO_G4DN", to: "GRAPHICS_G4DN", direction: "SMALLER" },
  ] as const)("$from → $to is $direction", ({ from, to, direction }) => {
    expect(computeChangeDirection(from, to)).toBe(direction);
  });
});
