import { describe, expect, it } from "vitest";
import type { Change } from "../change";
import { codesOf } from "../testing/codes";
import { context, directory, minutesAgo, workspace } from "../testing/fixtures";
import { WORKSPACE_STATES, type DirectoryType, type WorkspaceState } from "../types";
import { validateChange } from "./index";

// Which states each action accepts (API model). Every other state must be refused, with the
// admin-maintenance and "already gone" states getting their own, clearer reasons.
const ACCEPTED: Record<"reboot" | "start" | "stop" | "rebuild" | "restore" | "terminate", readonly WorkspaceState[]> = {
  reboot: ["AVAILABLE", "UNHEALTHY"],
  start: ["STOPPED"],
  stop: ["AVAILABLE", "IMPAIRED", "UNHEALTHY", "ERROR"],
  rebuild: ["AVAILABLE", "ERROR", "UNHEALTHY", "STOPPED", "REBOOTING"],
  restore: ["AVAILABLE", "ERROR", "UNHEALTHY", "STOPPED"],
  terminate: WORKSPACE_STATES.filter((state) => state !== "SUSPENDED" && state !== "TERMINATED" && state !== "TERMINATING"),
};

function expectedCodes(action: keyof typeof ACCEPTED, state: WorkspaceState): string[] {
  if (state === "TERMINATED" || state === "TERMINATING") return ["WORKSPACE_GONE"];
  if (ACCEPTED[action].includes(state)) return [];
  if (action === "reboot" && state === "REBOOTING") return ["REBOOT_IN_PROGRESS"];
  if (state === "ADMIN_MAINTENANCE") return ["ADMIN_MAINTENANCE"];
  return ["WRONG_STATE"];
}

describe("state preconditions", () => {
  const rows = (Object.keys(ACCEPTED) as (keyof typeof ACCEPTED)[]).flatMap((action) =>
    WORKSPACE_STATES.map((state) => ({ action, state, codes: expectedCodes(action, state) })),
  );
  it.each(rows)("$action in $state → $codes", ({ action, state, codes }) => {
    // stateChangedAt 1 minute ago: a fresh REBOOTING must not count as stuck.
    const ctx = context({ workspace: workspace({ state, stateChangedAt: minutesAgo(1) }) });
    expect(codesOf(validateChange(ctx, { type: action, workspaceId: "ws-1" } as Change))).toEqual(codes);
  });

  it.each([
    { minutes: 20, codes: [] },
    { minutes: 19, codes: ["REBOOT_IN_PROGRESS"] },
  ])("reboot after $minutes minutes in REBOOTING → $codes", ({ minutes, codes }) => {
    const ctx = context({ workspace: workspace({ state: "REBOOTING", stateChangedAt: minutesAgo(minutes) }) });
    expect(codesOf(validateChange(ctx, { type: "reboot", workspaceId: "ws-1" }))).toEqual(codes);
  });

  it("ADMIN_MAINTENANCE blocks reboot, stop, start, rebuild, restore and migrate", () => {
    const ctx = context({ workspace: workspace({ state: "ADMIN_MAINTENANCE" }) });
    const blocked: Change[] = [
      { type: "reboot", workspaceId: "ws-1" },
      { type: "stop", workspaceId: "ws-1" },
      { type: "start", workspaceId: "ws-1" },
      { type: "rebuild", workspaceId: "ws-1" },
      { type: "restore", workspaceId: "ws-1" },
      { type: "migrate", workspaceId: "ws-1", targetBundleId: "wsb-performance" },
    ];
    for (const change of blocked) expect(codesOf(validateChange(ctx, change)), change.type).toContain("ADMIN_MAINTENANCE");
  });
});

describe("start and stop need AutoStop", () => {
  it.each([
    { mode: "AUTO_STOP", action: "stop", state: "AVAILABLE", manual: false, codes: [] },
    { mode: "AUTO_STOP", action: "start", state: "STOPPED", manual: false, codes: [] },
    { mode: "ALWAYS_ON", action: "stop", state: "AVAILABLE", manual: false, codes: ["RUNNING_MODE_NOT_STOPPABLE"] },
    { mode: "ALWAYS_ON", action: "start", state: "STOPPED", manual: false, codes: ["RUNNING_MODE_NOT_STOPPABLE"] },
    { mode: "MANUAL", action: "stop", state: "AVAILABLE", manual: false, codes: ["RUNNING_MODE_NOT_STOPPABLE"] },
    { mode: "MANUAL", action: "stop", state: "AVAILABLE", manual: true, codes: [] },
  ] as const)("$action a $mode WorkSpace (manual enabled: $manual) → $codes", ({ mode, action, state, manual, codes }) => {
    const ctx = context({ workspace: workspace({ runningMode: mode, state }), policy: { allowManualRunningMode: manual } });
    expect(codesOf(validateChange(ctx, { type: action, workspaceId: "ws-1" }))).toEqual(codes);
  });
});

describe("restore needs a snapshot", () => {
  it("refuses a restore before the first snapshot", () => {
    const ctx = context({ workspace: workspace({ lastSnapshotAt: null }) });
    expect(codesOf(validateChange(ctx, { type: "restore", workspaceId: "ws-1" }))).toEqual(["NO_SNAPSHOT"]);
  });
});

describe("resetPassword", () => {
  const rows: { type: DirectoryType; user?: { isDomainOrEnterpriseAdmin: boolean; inDirectoryOwnOu: boolean }; codes: string[] }[] = [
    { type: "SIMPLE_AD", codes: [] },
    { type: "SIMPLE_AD", user: { isDomainOrEnterpriseAdmin: true, inDirectoryOwnOu: true }, codes: ["PASSWORD_RESET_PRIVILEGED_USER"] },
    { type: "MICROSOFT_AD", user: { isDomainOrEnterpriseAdmin: false, inDirectoryOwnOu: true }, codes: [] },
    { type: "MICROSOFT_AD", user: { isDomainOrEnterpriseAdmin: false, inDirectoryOwnOu: false }, codes: ["PASSWORD_RESET_OUTSIDE_OU"] },
    { type: "AD_CONNECTOR", codes: ["PASSWORD_RESET_UNSUPPORTED"] },
  ];
  it.each(rows)("$type $user → $codes", ({ type, user, codes }) => {
    const ctx = context({ directories: [directory({ type })], directoryUser: user });
    expect(codesOf(validateChange(ctx, { type: "resetPassword", workspaceId: "ws-1" }))).toEqual(codes);
  });
});

describe("encryption and identity", () => {
  it("refuses encrypting an existing WorkSpace: encryption is chosen at launch only", () => {
    const ctx = context();
    const change: Change = { type: "encryption", workspaceId: "ws-1", rootVolumeEncrypted: true, userVolumeEncrypted: true };
    expect(codesOf(validateChange(ctx, change))).toEqual(["ENCRYPTION_ONLY_AT_LAUNCH"]);
  });

  it("refuses a change for a WorkSpace other than the one loaded", () => {
    expect(codesOf(validateChange(context(), { type: "reboot", workspaceId: "ws-other" }))).toEqual(["WORKSPACE_UNKNOWN"]);
    expect(codesOf(validateChange(context({ workspace: null }), { type: "reboot", workspaceId: "ws-1" }))).toEqual(["WORKSPACE_UNKNOWN"]);
  });
});
