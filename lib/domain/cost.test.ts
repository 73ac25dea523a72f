import { describe, expect, it } from "vitest";
import type { Change } from "./change";
import { describeMonthlyDelta, monthlyCost, monthlyCostDelta, type CostSpec } from "./cost";
import { money } from "./money";
import type { PriceTable } from "./prices";
import { BUNDLES, bundle, workspace } from "./testing/fixtures";
import type { Workspace } from "./types";

// A small hand-made table so every expected figure below can be checked with mental arithmetic.
const PRICES: PriceTable = {
  currency: "USD",
  note: "test prices",
  compute: (["STANDARD", "PERFORMANCE", "POWER"] as const).flatMap((computeType, index) => {
    const key = {
      region: "us-east-1",
      computeType,
      operatingSystem: "WINDOWS" as const,
      licence: "INCLUDED" as const,
      confirmedAt: "2026-11-01",
    };
    return [
      { ...key, runningMode: "ALWAYS_ON" as const, monthlyCents: 3500 + index * 2000 },
      { ...key, runningMode: "AUTO_STOP" as const, monthlyCents: 1000, hourlyCents: 30 + index * 10 },
    ];
  }),
  storage: [{ region: "us-east-1", rootPerGbMonthCents: 8, userPerGbMonthCents: 10, confirmedAt: null }],
};
// STANDARD: AlwaysOn $35, AutoStop $10 + $0.30/h; PERFORMANCE: $55, $10 + $0.40/h; POWER: $75, $10 + $0.50/h.

const spec = (overrides: Partial<CostSpec> = {}): CostSpec => ({
  region: "us-east-1",
  computeType: "STANDARD",
  operatingSystem: "WINDOWS",
  licence: "INCLUDED",
  runningMode: "ALWAYS_ON",
  rootVolumeGb: 80,
  userVolumeGb: 50,
  includedRootVolumeGb: 80,
  includedUserVolumeGb: 50,
  ...overrides,
});

describe("monthlyCost", () => {
  it.each([
    { name: "AlwaysOn", spec: spec(), hours: undefined, cents: 3500 },
    { name: "AutoStop at the default 80 h", spec: spec({ runningMode: "AUTO_STOP" }), hours: undefined, cents: 1000 + 80 * 30 },
    { name: "AutoStop at 0 h", spec: spec({ runningMode: "AUTO_STOP" }), hours: 0, cents: 1000 },
    { name: "AutoStop at 12.5 h", spec: spec({ runningMode: "AUTO_STOP", computeType: "PERFORMANCE" }), hours: 12.5, cents: 1000 + 500 },
    { name: "AutoStop at 12.55 h rounds half a cent up", spec: spec({ runningMode: "AUTO_STOP" }), hours: 12.55, cents: 1000 + 377 },
    { name: "extra user storage", spec: spec({ userVolumeGb: 100 }), hours: undefined, cents: 3500 + 50 * 10 },
    {
      name: "extra root and user storage",
      spec: spec({ rootVolumeGb: 175, userVolumeGb: 100 }),
      hours: undefined,
      cents: 3500 + 95 * 8 + 50 * 10,
    },
    {
      name: "storage inside the bundle is free",
      spec: spec({ includedRootVolumeGb: 175, includedUserVolumeGb: 100, rootVolumeGb: 175, userVolumeGb: 100 }),
      hours: undefined,
      cents: 3500,
    },
  ])("$name → $cents cents", ({ spec: subject, hours, cents }) => {
    const result = monthlyCost(subject, PRICES, { expectedAutoStopHours: hours });
    expect(result.ok && result.total).toEqual(money(cents));
  });

  it("prices a WorkSpace through its bundle", () => {
    const result = monthlyCost(workspace({ runningMode: "ALWAYS_ON" }), PRICES, { bundle: bundle("wsb-standard") });
    expect(result.ok && result.total.cents).toBe(3500);
  });

  it("says which price is missing", () => {
    const result = monthlyCost(spec({ region: "eu-west-1" }), PRICES);
    expect(result).toMatchObject({ ok: false, code: "PRICE_MISSING" });
    expect(result.ok ? "" : result.message).toContain("eu-west-1");
  });

  it("refuses to guess a WorkSpace's price without its bundle", () => {
    expect(monthlyCost(workspace(), PRICES)).toMatchObject({ ok: false, code: "BUNDLE_UNKNOWN" });
  });

  it("flags estimates that rely on unconfirmed prices", () => {
    expect(monthlyCost(spec(), PRICES)).toMatchObject({ usesUnconfirmedPrices: false });
    expect(monthlyCost(spec({ userVolumeGb: 100 }), PRICES)).toMatchObject({ usesUnconfirmedPrices: true });
  });
});

describe("monthlyCostDelta", () => {
  const ctx = { prices: PRICES, bundles: BUNDLES };
  const alwaysOn: Partial<Workspace> = { runningMode: "ALWAYS_ON", autoStopTimeoutMinutes: null };
  const rows: { name: string; ws: Workspace | null; change: Change; delta: number; notes?: RegExp }[] = [
    {
      name: "create an AutoStop STANDARD",
      ws: null,
      change: {
        type: "create",
        ownerUserName: "a",
        directoryId: "d",
        bundleId: "wsb-standard",
        runningMode: "AUTO_STOP",
        rootVolumeEncrypted: false,
        userVolumeEncrypted: false,
        tags: [],
      },
      delta: 1000 + 80 * 30,
    },
    {
      name: "create with a bigger user volume",
      ws: null,
      change: {
        type: "create",
        ownerUserName: "a",
        directoryId: "d",
        bundleId: "wsb-standard",
        runningMode: "ALWAYS_ON",
        userVolumeGb: 100,
        rootVolumeEncrypted: false,
        userVolumeEncrypted: false,
        tags: [],
      },
      delta: 3500 + 500,
    },
    {
      name: "STANDARD → PERFORMANCE, AlwaysOn",
      ws: workspace(alwaysOn),
      change: { type: "computeType", workspaceId: "ws-1", computeType: "PERFORMANCE" },
      delta: 2000,
    },
    {
      name: "STANDARD → PERFORMANCE, AutoStop",
      ws: workspace(),
      change: { type: "computeType", workspaceId: "ws-1", computeType: "PERFORMANCE" },
      delta: 80 * 10,
    },
    { name: "user 50 → 100", ws: workspace(alwaysOn), change: { type: "volumes", workspaceId: "ws-1", userVolumeGb: 100 }, delta: 500 },
    {
      name: "root 80 → 175 (user already 100)",
      ws: workspace({ ...alwaysOn, userVolumeGb: 100 }),
      change: { type: "volumes", workspaceId: "ws-1", rootVolumeGb: 175 },
      delta: 95 * 8,
    },
    {
      name: "AutoStop → AlwaysOn",
      ws: workspace(),
      change: { type: "runningMode", workspaceId: "ws-1", runningMode: "ALWAYS_ON" },
      delta: 3500 - 3400,
      notes: /mix of both/,
    },
    {
      name: "AlwaysOn → AutoStop",
      ws: workspace(alwaysOn),
      change: { type: "runningMode", workspaceId: "ws-1", runningMode: "AUTO_STOP" },
      delta: -100,
      notes: /mix of both/,
    },
    {
      name: "migrate to POWER (175/100 bundle)",
      ws: workspace(alwaysOn),
      change: { type: "migrate", workspaceId: "ws-1", targetBundleId: "wsb-power" },
      delta: 7500 - 3500,
      notes: /both the old and the new/,
    },
    {
      name: "terminate",
      ws: workspace(alwaysOn),
      change: { type: "terminate", workspaceId: "ws-1" },
      delta: -3500,
      notes: /still charged/,
    },
    { name: "reboot costs nothing", ws: workspace(), change: { type: "reboot", workspaceId: "ws-1" }, delta: 0 },
    {
      name: "tags cost nothing",
      ws: workspace(),
      change: { type: "tags", workspaceId: "ws-1", set: [], remove: ["CostCenter"] },
      delta: 0,
    },
  ];
  it.each(rows)("$name → $delta cents", ({ ws, change, delta, notes }) => {
    const result = monthlyCostDelta(ws, change, ctx);
    if (!result.ok) throw new Error(result.message);
    expect(result.delta).toEqual(money(delta));
    if (notes) expect(result.notes.join(" ")).toMatch(notes);
    if (result.before && result.after) expect(result.after.cents - result.before.cents).toBe(delta);
  });

  it("uses the expected AutoStop hours from the context", () => {
    const result = monthlyCostDelta(
      workspace(),
      { type: "runningMode", workspaceId: "ws-1", runningMode: "ALWAYS_ON" },
      { ...ctx, expectedAutoStopHours: 100 },
    );
    expect(result.ok && result.delta.cents).toBe(3500 - (1000 + 100 * 30));
  });

  it("zero-cost changes need no price at all", () => {
    const result = monthlyCostDelta(workspace({ region: "ap-south-1" }), { type: "rebuild", workspaceId: "ws-1" }, ctx);
    expect(result).toMatchObject({ ok: true, before: null, after: null });
  });

  it.each([
    {
      name: "missing price for the target",
      change: { type: "computeType", workspaceId: "ws-1", computeType: "VALUE" } as Change,
      code: "PRICE_MISSING",
    },
    {
      name: "unknown migration target",
      change: { type: "migrate", workspaceId: "ws-1", targetBundleId: "wsb-nope" } as Change,
      code: "BUNDLE_UNKNOWN",
    },
  ])("$name → $code", ({ change, code }) => {
    expect(monthlyCostDelta(workspace(), change, ctx)).toMatchObject({ ok: false, code });
  });
});

describe("describeMonthlyDelta", () => {
  it.each([
    { cents: 1250, text: "+$12.50 a month" },
    { cents: -2500, text: "saves $25.00 a month" },
    { cents: 0, text: "no change to the monthly cost" },
    { cents: 123456, text: "+$1,234.56 a month" },
  ])("$cents → $text", ({ cents, text }) => {
    expect(describeMonthlyDelta(money(cents))).toBe(text);
  });
});
