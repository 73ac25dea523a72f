import { describe, expect, it } from "vitest";
import { BREAK_EVEN_HOURS, recommendRunningMode } from "./running-mode";
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
  });
});
