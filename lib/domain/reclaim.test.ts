import { describe, expect, it } from "vitest";
import {
  DEFAULT_RECLAIM_SETTINGS,
  hasExemptTag,
  idleClock,
  idleDaysAt,
  mayKeepWorkspace,
  reclaimAssessment,
  type ReclaimInput,
  type ReclaimSettings,
} from "./reclaim";
import { reclaimSettingsSchema } from "./schemas";
import { daysAgo, hoursAgo, NOW, workspace } from "./testing/fixtures";
import type { Workspace } from "./types";

const DAY = 24 * 3_600_000;
const input = (overrides: Partial<ReclaimInput> = {}, ws: Partial<Workspace> = {}): ReclaimInput => ({
  workspace: workspace({ state: "AVAILABLE", createdAt: daysAgo(400), tags: [], ...ws }),
  lastConnectedAt: daysAgo(90),
  existsSince: null,
  lastKept: null,
  hasOwner: true,
  openRequest: false,
  warning: null,
  settings: DEFAULT_RECLAIM_SETTINGS,
  now: NOW,
  ...overrides,
});

describe("idleClock", () => {
  it("starts at the last connection", () => {
    expect(idleClock({ lastConnectedAt: daysAgo(5), createdAt: daysAgo(100) }, null)).toEqual({ since: daysAgo(5), neverUsed: false });
  });
  it("counts a never-used WorkSpace from when it was created", () => {
    expect(idleClock({ lastConnectedAt: null, createdAt: daysAgo(70) }, null)).toEqual({ since: daysAgo(70), neverUsed: true });
  });
  it("counts a never-used WorkSpace from CloudWatch's first datapoint when that is earlier than first seen", () => {
    expect(idleClock({ lastConnectedAt: null, createdAt: daysAgo(1), existsSince: daysAgo(75) }, null)).toEqual({
      since: daysAgo(75),
      neverUsed: true,
    });
    // A later datapoint (older ones aged out of CloudWatch) does not make it younger than the portal knows.
    expect(idleClock({ lastConnectedAt: null, createdAt: daysAgo(90), existsSince: daysAgo(20) }, null).since).toEqual(daysAgo(90));
    expect(idleClock({ lastConnectedAt: null, createdAt: daysAgo(30), existsSince: null }, null).since).toEqual(daysAgo(30));
  });
  it("ignores CloudWatch's first datapoint once the WorkSpace was used, and a later Keep it still wins", () => {
    expect(idleClock({ lastConnectedAt: daysAgo(5), createdAt: daysAgo(6), existsSince: daysAgo(300) }, null).since).toEqual(daysAgo(5));
    expect(idleClock({ lastConnectedAt: null, createdAt: daysAgo(1), existsSince: daysAgo(300) }, daysAgo(10)).since).toEqual(daysAgo(10));
  });
  it("restarts at the last Keep it when that is later", () => {
    expect(idleClock({ lastConnectedAt: daysAgo(90), createdAt: daysAgo(400) }, daysAgo(3)).since).toEqual(daysAgo(3));
    expect(idleClock({ lastConnectedAt: null, createdAt: daysAgo(400) }, daysAgo(3))).toEqual({ since: daysAgo(3), neverUsed: true });
  });
  it("ignores an older Keep it after a newer connection", () => {
    expect(idleClock({ lastConnectedAt: daysAgo(2), createdAt: daysAgo(400) }, daysAgo(30)).since).toEqual(daysAgo(2));
  });
  it("says how many whole days it has been", () => {
    expect(idleDaysAt({ since: hoursAgo(24 * 60 + 5), neverUsed: false }, NOW)).toBe(60);
  });
});

describe("reclaimAssessment", () => {
  it("warns at exactly the idle period, with the reclaim date a grace period away", () => {
    const result = reclaimAssessment(input({ lastConnectedAt: daysAgo(60) }));
    expect(result).toMatchObject({ kind: "warn", reclaimOn: new Date(NOW.getTime() + 14 * DAY) });
  });
  it("leaves a WorkSpace one day short of the idle period alone", () => {
    expect(reclaimAssessment(input({ lastConnectedAt: daysAgo(59) })).kind).toBe("inUse");
    expect(reclaimAssessment(input({ lastConnectedAt: new Date(daysAgo(60).getTime() + 1) })).kind).toBe("inUse");
  });
  it("judges a never-used WorkSpace by its age", () => {
    expect(reclaimAssessment(input({ lastConnectedAt: null }, { createdAt: daysAgo(60) }))).toMatchObject({
      kind: "warn",
      clock: { neverUsed: true },
    });
    expect(reclaimAssessment(input({ lastConnectedAt: null }, { createdAt: daysAgo(59) })).kind).toBe("inUse");
    // First seen today on a fresh install, but CloudWatch has seen it for 75 days: idle since then.
    expect(reclaimAssessment(input({ lastConnectedAt: null, existsSince: daysAgo(75) }, { createdAt: daysAgo(0) }))).toMatchObject({
      kind: "warn",
      clock: { since: daysAgo(75), neverUsed: true },
    });
    expect(reclaimAssessment(input({ lastConnectedAt: null, existsSince: daysAgo(59) }, { createdAt: daysAgo(0) })).kind).toBe("inUse");
    expect(reclaimAssessment(input({ lastConnectedAt: daysAgo(10), existsSince: daysAgo(400) })).kind).toBe("inUse");
  });
  it("follows the configured idle and grace periods", () => {
    const settings: ReclaimSettings = { ...DEFAULT_RECLAIM_SETTINGS, idleDays: 30, graceDays: 7 };
    expect(reclaimAssessment(input({ lastConnectedAt: daysAgo(30), settings }))).toMatchObject({
      kind: "warn",
      reclaimOn: new Date(NOW.getTime() + 7 * DAY),
    });
  });
  it("exempts a WorkSpace tagged with the exemption tag in any case", () => {
    for (const key of ["Skip_Reclaim", "skip_reclaim", "SKIP_RECLAIM"]) {
      expect(reclaimAssessment(input({}, { tags: [{ key, value: "" }] })).kind).toBe("exempt");
    }
    expect(reclaimAssessment(input({}, { tags: [{ key: "Skip_Convert", value: "" }] })).kind).toBe("warn");
    const settings = { ...DEFAULT_RECLAIM_SETTINGS, exemptTagKey: "KeepMe" };
    expect(reclaimAssessment(input({ settings }, { tags: [{ key: "keepme", value: "yes" }] })).kind).toBe("exempt");
  });
  it("restarts the clock on Keep it, and warns again one idle period later", () => {
    expect(reclaimAssessment(input({ lastKept: daysAgo(59) })).kind).toBe("inUse");
    expect(reclaimAssessment(input({ lastKept: daysAgo(60) })).kind).toBe("warn");
  });
  it("waits out the grace period and reclaims exactly at the reclaim date", () => {
    const warning = (reclaimOn: Date) => ({ warnedAt: daysAgo(14), reclaimOn });
    expect(reclaimAssessment(input({ warning: warning(new Date(NOW.getTime() + 1)) })).kind).toBe("grace");
    expect(reclaimAssessment(input({ warning: warning(NOW) })).kind).toBe("reclaim");
    expect(reclaimAssessment(input({ warning: warning(daysAgo(1)) })).kind).toBe("reclaim");
  });
  it("drops a warning once the WorkSpace is used again", () => {
    const warning = { warnedAt: daysAgo(10), reclaimOn: daysAgo(-4) };
    expect(reclaimAssessment(input({ lastConnectedAt: daysAgo(1), warning })).kind).toBe("inUse");
  });
  it("exempts WorkSpaces where giving back makes no sense now", () => {
    for (const state of ["SUSPENDED", "TERMINATING", "TERMINATED", "PENDING", "REBUILDING", "STOPPING"] as const) {
      expect(reclaimAssessment(input({}, { state })).kind, state).toBe("exempt");
    }
    for (const state of ["AVAILABLE", "STOPPED", "UNHEALTHY", "ERROR", "IMPAIRED"] as const) {
      expect(reclaimAssessment(input({}, { state })).kind, state).toBe("warn");
    }
  });
  it("exempts a WorkSpace with an open request or without a known owner", () => {
    expect(reclaimAssessment(input({ openRequest: true })).kind).toBe("exempt");
    expect(reclaimAssessment(input({ hasOwner: false })).kind).toBe("exempt");
  });
});

describe("hasExemptTag", () => {
  it("compares keys, not values, case-insensitively", () => {
    expect(hasExemptTag([{ key: "Owner", value: "Skip_Reclaim" }], "Skip_Reclaim")).toBe(false);
    expect(hasExemptTag([{ key: "sKiP_rEcLaIm", value: "" }], "Skip_Reclaim")).toBe(true);
  });
});

describe("reclaimSettingsSchema", () => {
  it("accepts the defaults and the bounds", () => {
    expect(reclaimSettingsSchema.parse(DEFAULT_RECLAIM_SETTINGS)).toEqual(DEFAULT_RECLAIM_SETTINGS);
    expect(reclaimSettingsSchema.safeParse({ idleDays: 7, graceDays: 1, exemptTagKey: "a" }).success).toBe(true);
    expect(reclaimSettingsSchema.safeParse({ idleDays: 365, graceDays: 90, exemptTagKey: "Keep me/for:now@x" }).success).toBe(true);
  });
  it.each([
    [{ idleDays: 6 }, "at least 7 days"],
    [{ idleDays: 366 }, "at most 365 days"],
    [{ idleDays: 30.5 }, "whole number"],
    [{ graceDays: 0 }, "at least 1 day"],
    [{ graceDays: 91 }, "at most 90 days"],
    [{ exemptTagKey: "" }, "Give the tag"],
    [{ exemptTagKey: "aws:skip" }, "reserved for AWS"],
    [{ exemptTagKey: "skip#reclaim" }, "letters, numbers"],
    [{ exemptTagKey: "x".repeat(128) }, "127 characters"],
  ])("refuses %o in plain words", (change, message) => {
    const parsed = reclaimSettingsSchema.safeParse({ ...DEFAULT_RECLAIM_SETTINGS, ...change });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });
});

describe("mayKeepWorkspace", () => {
  it("lets the owner and admins keep a WorkSpace, nobody else", () => {
    expect(mayKeepWorkspace({ id: "u-ann", role: "EMPLOYEE" }, "u-ann")).toBe(true);
    expect(mayKeepWorkspace({ id: "u-adm", role: "ADMIN" }, "u-ann")).toBe(true);
    expect(mayKeepWorkspace({ id: "u-bob", role: "MANAGER" }, "u-ann")).toBe(false);
    expect(mayKeepWorkspace({ id: "u-eve", role: "EMPLOYEE" }, "u-ann")).toBe(false);
    expect(mayKeepWorkspace({ id: "u-eve", role: "EMPLOYEE" }, null)).toBe(false);
  });
});
