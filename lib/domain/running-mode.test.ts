import { describe, expect, it } from "vitest";
import { BREAK_EVEN_HOURS, recommendRunningMode, runningModeSwitchCost, targetRunningMode } from "./running-mode";
import { findComputePrice } from "./prices";
import { EXAMPLE_PRICE_TABLE } from "./prices.seed";
import { optimizerSettingsSchema } from "./schemas";
import { DEFAULT_OPTIMIZER_SETTINGS } from "./settings";
import { BUNDLES, workspace } from "./testing/fixtures";
import type { ComputeType, RunningMode, Tag } from "./types";

describe("recommendRunningMode thresholds", () => {
  // For every compute type: at the threshold AutoStop stays, one hour more switches; at month end an
  // AlwaysOn WorkSpace used exactly the threshold goes back to AutoStop, one hour more stays.
  const rows = (Object.entries(BREAK_EVEN_HOURS) as [ComputeType, number][]).flatMap(([computeType, threshold]) => [
    { computeType, mode: "AUTO_STOP" as RunningMode, hours: threshold, day: 15, action: "KEEP" },
    { computeType, mode: "AUTO_STOP" as RunningMode, hours: threshold + 0.1, day: 15, action: "SWITCH_TO_ALWAYS_ON" },
    { computeType, mode: "ALWAYS_ON" as RunningMode, hours: threshold, day: 30, action: "SWITCH_TO_AUTO_STOP" },
    { computeType, mode: "ALWAYS_ON" as RunningMode, hours: threshold + 1, day: 30, action: "KEEP" },
    { computeType, mode: "ALWAYS_ON" as RunningMode, hours: 0, day: 29, action: "KEEP" },
  ]);
  it.each(rows)("$computeType $mode at $hours h on day $day → $action", ({ computeType, mode, hours, day, action }) => {
    expect(recommendRunningMode(hours, computeType, mode, day, 30, []).action).toBe(action);
  });

  it("uses the Cost Optimizer's defaults", () => {
    expect(BREAK_EVEN_HOURS).toEqual({
      VALUE: 81,
      STANDARD: 85,
      PERFORMANCE: 80,
      POWER: 92,
      POWERPRO: 78,
      GRAPHICS_G4DN: 334,
      GRAPHICSPRO_G4DN: 80,
    });
  });
});

describe("recommendRunningMode rules", () => {
  const skip = (key: string): Tag[] => [{ key, value: "" }];
  it.each([
    { name: "Skip_Convert tag", tags: skip("Skip_Convert"), action: "EXEMPT" },
    { name: "skip_convert in lower case", tags: skip("skip_convert"), action: "EXEMPT" },
    { name: "SKIP_CONVERT with a value", tags: [{ key: "SKIP_CONVERT", value: "yes" }], action: "EXEMPT" },
    { name: "a value called Skip_Convert does not count", tags: [{ key: "Note", value: "Skip_Convert" }], action: "SWITCH_TO_ALWAYS_ON" },
    { name: "Skip-Convert is a different key", tags: skip("Skip-Convert"), action: "SWITCH_TO_ALWAYS_ON" },
  ])("$name → $action", ({ tags, action }) => {
    expect(recommendRunningMode(200, "STANDARD", "AUTO_STOP", 10, 30, tags).action).toBe(action);
  });

  it("switches to AlwaysOn mid-month as soon as the threshold is passed", () => {
    expect(recommendRunningMode(86, "STANDARD", "AUTO_STOP", 3, 31, []).action).toBe("SWITCH_TO_ALWAYS_ON");
  });

  it.each([
    { day: 30, daysInMonth: 31, action: "KEEP" },
    { day: 31, daysInMonth: 31, action: "SWITCH_TO_AUTO_STOP" },
    { day: 28, daysInMonth: 28, action: "SWITCH_TO_AUTO_STOP" },
  ])("AlwaysOn at low usage on day $day of $daysInMonth → $action", ({ day, daysInMonth, action }) => {
    expect(recommendRunningMode(10, "VALUE", "ALWAYS_ON", day, daysInMonth, []).action).toBe(action);
  });

  it("has no advice for compute types without a threshold, and none for Manual", () => {
    expect(recommendRunningMode(500, "GRAPHICS", "AUTO_STOP", 10, 30, []).action).toBe("NO_THRESHOLD");
    expect(recommendRunningMode(500, "VALUE", "MANUAL", 30, 30, []).action).toBe("KEEP");
  });

  it("accepts thresholds an admin has tuned", () => {
    expect(recommendRunningMode(50, "VALUE", "AUTO_STOP", 10, 30, [], { VALUE: 40 }).action).toBe("SWITCH_TO_ALWAYS_ON");
  });

  it("explains itself", () => {
    expect(recommendRunningMode(90.5, "STANDARD", "AUTO_STOP", 20, 30, []).reason).toBe(
      "Used 90.5 hours this month, more than the 85 hours at which AlwaysOn becomes cheaper.",
    );
    expect(recommendRunningMode(12, "STANDARD", "AUTO_STOP", 20, 30, [], { STANDARD: 1 }).reason).toBe(
      "Used 12 hours this month, more than the 1 hour at which AlwaysOn becomes cheaper.",
    );
    expect(recommendRunningMode(1, "STANDARD", "AUTO_STOP", 20, 30, []).reason).toBe(
      "Used 1 hour of 85 hours this month; AutoStop is still cheaper.",
    );
  });
});

describe("AlwaysOn → AutoStop in the month's last N days", () => {
  it.each([
    { lastDays: 1, day: 30, daysInMonth: 31, action: "KEEP" },
    { lastDays: 1, day: 31, daysInMonth: 31, action: "SWITCH_TO_AUTO_STOP" },
    { lastDays: 3, day: 28, daysInMonth: 31, action: "KEEP" },
    { lastDays: 3, day: 29, daysInMonth: 31, action: "SWITCH_TO_AUTO_STOP" },
    { lastDays: 3, day: 31, daysInMonth: 31, action: "SWITCH_TO_AUTO_STOP" },
    { lastDays: 10, day: 18, daysInMonth: 28, action: "KEEP" },
    { lastDays: 10, day: 19, daysInMonth: 28, action: "SWITCH_TO_AUTO_STOP" },
  ])("last $lastDays days, day $day of $daysInMonth → $action", ({ lastDays, day, daysInMonth, action }) => {
    expect(recommendRunningMode(10, "VALUE", "ALWAYS_ON", day, daysInMonth, [], BREAK_EVEN_HOURS, lastDays).action).toBe(action);
  });

  it("keeps AlwaysOn inside the window when usage is above the threshold", () => {
    expect(recommendRunningMode(81.1, "VALUE", "ALWAYS_ON", 29, 31, [], BREAK_EVEN_HOURS, 3).action).toBe("KEEP");
  });

  it("says how many days the window has", () => {
    expect(recommendRunningMode(10, "VALUE", "ALWAYS_ON", 10, 30, [], BREAK_EVEN_HOURS, 3).reason).toMatch(/last 3 days of the month/);
  });

  it("does not move AutoStop → AlwaysOn to the window: it still switches mid-month", () => {
    expect(recommendRunningMode(82, "VALUE", "AUTO_STOP", 2, 31, [], BREAK_EVEN_HOURS, 3).action).toBe("SWITCH_TO_ALWAYS_ON");
  });

  it("is exempt with Skip_Convert even in the window, and Manual is never advised", () => {
    const tags: Tag[] = [{ key: "sKiP_cOnVeRt", value: "x" }];
    expect(recommendRunningMode(0, "VALUE", "ALWAYS_ON", 31, 31, tags, BREAK_EVEN_HOURS, 5).action).toBe("EXEMPT");
    expect(recommendRunningMode(0, "VALUE", "MANUAL", 31, 31, [], BREAK_EVEN_HOURS, 5).action).toBe("KEEP");
  });

  it("uses the graphics threshold for GRAPHICS_G4DN, and none for a type an admin removed", () => {
    expect(recommendRunningMode(334, "GRAPHICS_G4DN", "AUTO_STOP", 20, 30, []).action).toBe("KEEP");
    expect(recommendRunningMode(334.1, "GRAPHICS_G4DN", "AUTO_STOP", 20, 30, []).action).toBe("SWITCH_TO_ALWAYS_ON");
    expect(recommendRunningMode(900, "VALUE", "AUTO_STOP", 20, 30, [], { STANDARD: 85 }).action).toBe("NO_THRESHOLD");
  });

  it("names the running mode a switch asks for", () => {
    expect(targetRunningMode(recommendRunningMode(90, "STANDARD", "AUTO_STOP", 1, 30, []))).toBe("ALWAYS_ON");
    expect(targetRunningMode(recommendRunningMode(9, "STANDARD", "ALWAYS_ON", 30, 30, []))).toBe("AUTO_STOP");
    expect(targetRunningMode(recommendRunningMode(9, "STANDARD", "ALWAYS_ON", 3, 30, []))).toBeNull();
  });
});

describe("runningModeSwitchCost", () => {
  const ctx = { prices: EXAMPLE_PRICE_TABLE, bundles: BUNDLES };
  const price = (mode: RunningMode) => findComputePrice(EXAMPLE_PRICE_TABLE, { ...standardKey, runningMode: mode })!;
  const standardKey = { region: "us-east-1", computeType: "STANDARD", operatingSystem: "WINDOWS", licence: "INCLUDED" } as const;

  it("prices AutoStop at the hours actually billed: a heavy user saves by going AlwaysOn", () => {
    const ws = workspace({
      bundleId: "wsb-standard",
      computeType: "STANDARD",
      runningMode: "AUTO_STOP",
      rootVolumeGb: 80,
      userVolumeGb: 50,
    });
    const autoStop = price("AUTO_STOP");
    const alwaysOn = price("ALWAYS_ON");
    if (autoStop.runningMode !== "AUTO_STOP") throw new Error("example price missing");
    const result = runningModeSwitchCost(ws, "ALWAYS_ON", 200, ctx);
    if (!result.ok) throw new Error(result.message);
    expect(result.delta.cents).toBe(alwaysOn.monthlyCents - (autoStop.monthlyCents + 200 * autoStop.hourlyCents));
    expect(result.delta.cents).toBeLessThan(0);
  });

  it("a light AlwaysOn user saves by going AutoStop, and the saving shrinks as hours grow", () => {
    const ws = workspace({
      bundleId: "wsb-standard",
      computeType: "STANDARD",
      runningMode: "ALWAYS_ON",
      rootVolumeGb: 80,
      userVolumeGb: 50,
    });
    const light = runningModeSwitchCost(ws, "AUTO_STOP", 10, ctx);
    const heavier = runningModeSwitchCost(ws, "AUTO_STOP", 60, ctx);
    if (!light.ok || !heavier.ok) throw new Error("no price");
    expect(light.delta.cents).toBeLessThan(heavier.delta.cents);
    expect(heavier.delta.cents).toBeLessThan(0);
  });

  it("refuses plainly when the bundle is unknown", () => {
    const ws = workspace({ bundleId: "wsb-nowhere", runningMode: "AUTO_STOP" });
    expect(runningModeSwitchCost(ws, "ALWAYS_ON", 100, ctx)).toMatchObject({ ok: false, code: "BUNDLE_UNKNOWN" });
  });
});

describe("optimizer settings schema", () => {
  const valid = { thresholds: { VALUE: 81, GRAPHICS_G4DN: 334.5 }, alwaysOnToAutoStopLastDays: 1, nightly: false };
  it("accepts the defaults and a tuned setting", () => {
    expect(optimizerSettingsSchema.safeParse(DEFAULT_OPTIMIZER_SETTINGS).success).toBe(true);
    expect(optimizerSettingsSchema.safeParse(valid).success).toBe(true);
    expect(DEFAULT_OPTIMIZER_SETTINGS.thresholds).toEqual(BREAK_EVEN_HOURS);
  });

  it.each([
    { name: "0 hours", edit: { thresholds: { VALUE: 0 } }, message: /at least 1 hour/ },
    { name: "745 hours", edit: { thresholds: { VALUE: 745 } }, message: /at most 744/ },
    { name: "two decimals", edit: { thresholds: { VALUE: 81.25 } }, message: /one decimal/ },
    { name: "an unknown compute type", edit: { thresholds: { TURBO: 80 } }, message: /./ },
    { name: "0 last days", edit: { alwaysOnToAutoStopLastDays: 0 }, message: /at least the month's last day/ },
    { name: "11 last days", edit: { alwaysOnToAutoStopLastDays: 11 }, message: /at most 10 days/ },
    { name: "a fraction of a day", edit: { alwaysOnToAutoStopLastDays: 1.5 }, message: /whole number/ },
  ])("refuses $name", ({ edit, message }) => {
    const parsed = optimizerSettingsSchema.safeParse({ ...valid, ...edit });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(message);
  });

  it.each([1, 744, 80.5, 0.1 + 80.2])("accepts %d hours", (hours) => {
    expect(optimizerSettingsSchema.safeParse({ ...valid, thresholds: { VALUE: hours } }).success).toBe(true);
  });
});
