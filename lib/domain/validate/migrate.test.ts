import { describe, expect, it } from "vitest";
import { codesOf } from "../testing/codes";
import { BUNDLES, context, hoursAgo, minutesAgo, workspace } from "../testing/fixtures";
import type { Workspace } from "../types";
import { validateChange } from "./index";

describe("validateChange: migrate", () => {
  const rows: { name: string; ws?: Partial<Workspace>; target: string; codes: string[] }[] = [
    { name: "public STANDARD → public PERFORMANCE", target: "wsb-performance", codes: [] },
    { name: "public → custom (licence included)", target: "wsb-standard-custom", codes: [] },
    { name: "same bundle", target: "wsb-standard", codes: ["MIGRATE_SAME_BUNDLE"] },
    { name: "public → BYOL", target: "wsb-standard-byol", codes: ["MIGRATE_TO_BYOL"] },
    { name: "custom → BYOL", ws: { bundleId: "wsb-standard-custom" }, target: "wsb-standard-byol", codes: ["MIGRATE_TO_BYOL"] },
    { name: "BYOL → BYOL", ws: { bundleId: "wsb-standard-byol" }, target: "wsb-performance-byol", codes: [] },
    { name: "BYOL → public", ws: { bundleId: "wsb-standard-byol" }, target: "wsb-performance", codes: ["MIGRATE_BYOL_TO_INCLUDED"] },
    { name: "to a Linux bundle", target: "wsb-standard-linux", codes: ["MIGRATE_LINUX"] },
    {
      name: "a Linux WorkSpace",
      ws: { bundleId: "wsb-standard-linux", operatingSystem: "LINUX" },
      target: "wsb-performance-linux",
      codes: ["MIGRATE_LINUX"],
    },
    { name: "to another Region", target: "wsb-standard-eu", codes: ["MIGRATE_CROSS_REGION"] },
    { name: "admin maintenance", ws: { state: "ADMIN_MAINTENANCE" }, target: "wsb-performance", codes: ["ADMIN_MAINTENANCE"] },
    { name: "stopped", ws: { state: "STOPPED" }, target: "wsb-performance", codes: [] },
    { name: "error", ws: { state: "ERROR" }, target: "wsb-performance", codes: [] },
    { name: "unhealthy", ws: { state: "UNHEALTHY" }, target: "wsb-performance", codes: ["WRONG_STATE"] },
    { name: "rebooting", ws: { state: "REBOOTING" }, target: "wsb-performance", codes: ["WRONG_STATE"] },
    {
      name: "exactly 12 h old with a snapshot",
      ws: { createdAt: hoursAgo(12), lastSnapshotAt: minutesAgo(1) },
      target: "wsb-performance",
      codes: [],
    },
    {
      name: "11 h 59 min old",
      ws: { createdAt: minutesAgo(719), lastSnapshotAt: minutesAgo(1) },
      target: "wsb-performance",
      codes: ["MIGRATE_TOO_NEW"],
    },
    { name: "old but no snapshot yet", ws: { lastSnapshotAt: null }, target: "wsb-performance", codes: ["NO_SNAPSHOT"] },
    { name: "unknown target", target: "wsb-nope", codes: ["BUNDLE_UNKNOWN"] },
    { name: "unknown source bundle", ws: { bundleId: "wsb-deleted" }, target: "wsb-performance", codes: ["SOURCE_BUNDLE_UNKNOWN"] },
  ];
  it.each(rows)("$name → $codes", ({ ws, target, codes }) => {
    const ctx = context({ workspace: workspace(ws) });
    expect(codesOf(validateChange(ctx, { type: "migrate", workspaceId: "ws-1", targetBundleId: target }))).toEqual(codes);
  });

  it("refuses bundles that are not offered to the user", () => {
    const ctx = context({
      offering: { directoryIds: ["d-employees"], bundleIds: BUNDLES.map((b) => b.id).filter((id) => id !== "wsb-performance") },
    });
    expect(codesOf(validateChange(ctx, { type: "migrate", workspaceId: "ws-1", targetBundleId: "wsb-performance" }))).toEqual([
      "BUNDLE_NOT_OFFERED",
    ]);
  });
});
