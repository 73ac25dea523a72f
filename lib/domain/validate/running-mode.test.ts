import { describe, expect, it } from "vitest";
import { codesOf } from "../testing/codes";
import { context, workspace } from "../testing/fixtures";
import type { RunningMode, Workspace } from "../types";
import { validateChange } from "./index";

describe("validateChange: runningMode", () => {
  const rows: { name: string; ws?: Partial<Workspace>; mode: RunningMode; timeout?: number; manual?: boolean; codes: string[] }[] = [
    { name: "AutoStop → AlwaysOn", mode: "ALWAYS_ON", codes: [] },
    {
      name: "AlwaysOn → AutoStop 60",
      ws: { runningMode: "ALWAYS_ON", autoStopTimeoutMinutes: null },
      mode: "AUTO_STOP",
      timeout: 60,
      codes: [],
    },
    {
      name: "AlwaysOn → AutoStop without timeout",
      ws: { runningMode: "ALWAYS_ON", autoStopTimeoutMinutes: null },
      mode: "AUTO_STOP",
      codes: [],
    },
    { name: "AutoStop timeout 60 → 120", mode: "AUTO_STOP", timeout: 120, codes: [] },
    { name: "AutoStop timeout 90", mode: "AUTO_STOP", timeout: 90, codes: ["AUTO_STOP_TIMEOUT_NOT_HOURS"] },
    { name: "AutoStop timeout 0", mode: "AUTO_STOP", timeout: 0, codes: ["AUTO_STOP_TIMEOUT_NOT_HOURS"] },
    { name: "AutoStop timeout -60", mode: "AUTO_STOP", timeout: -60, codes: ["AUTO_STOP_TIMEOUT_NOT_HOURS"] },
    { name: "AutoStop timeout 59", mode: "AUTO_STOP", timeout: 59, codes: ["AUTO_STOP_TIMEOUT_NOT_HOURS"] },
    { name: "AutoStop timeout 61", mode: "AUTO_STOP", timeout: 61, codes: ["AUTO_STOP_TIMEOUT_NOT_HOURS"] },
    { name: "AutoStop timeout 1440", mode: "AUTO_STOP", timeout: 1440, codes: [] },
    { name: "AlwaysOn with a timeout", mode: "ALWAYS_ON", timeout: 60, codes: ["AUTO_STOP_TIMEOUT_WITHOUT_AUTO_STOP"] },
    { name: "same mode, same timeout", mode: "AUTO_STOP", timeout: 60, codes: ["RUNNING_MODE_NO_CHANGE"] },
    {
      name: "same mode, nothing else",
      ws: { runningMode: "ALWAYS_ON", autoStopTimeoutMinutes: null },
      mode: "ALWAYS_ON",
      codes: ["RUNNING_MODE_NO_CHANGE"],
    },
    { name: "Manual when not enabled", mode: "MANUAL", codes: ["MANUAL_MODE_UNAVAILABLE"] },
    { name: "Manual when enabled", mode: "MANUAL", manual: true, codes: [] },
    { name: "while rebooting", ws: { state: "REBOOTING" }, mode: "ALWAYS_ON", codes: ["WRONG_STATE"] },
    { name: "while stopped", ws: { state: "STOPPED" }, mode: "ALWAYS_ON", codes: [] },
    {
      name: "while another change applies",
      ws: { modificationsInProgress: ["ROOT_VOLUME"] },
      mode: "ALWAYS_ON",
      codes: ["MODIFICATION_IN_PROGRESS"],
    },
  ];
  it.each(rows)("$name → $codes", ({ ws, mode, timeout, manual, codes }) => {
    const ctx = context({ workspace: workspace(ws), policy: { allowManualRunningMode: manual ?? false } });
    const result = validateChange(ctx, { type: "runningMode", workspaceId: "ws-1", runningMode: mode, autoStopTimeoutMinutes: timeout });
    expect(codesOf(result)).toEqual(codes);
  });

  it("explains a 90 minute timeout in plain words", () => {
    const result = validateChange(context(), {
      type: "runningMode",
      workspaceId: "ws-1",
      runningMode: "AUTO_STOP",
      autoStopTimeoutMinutes: 90,
    });
    expect(result.ok ? "" : result.reasons[0]?.message).toMatch(/whole hours.*90 minutes is not possible/);
  });
});
