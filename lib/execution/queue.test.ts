import { describe, expect, it } from "vitest";
import { backoffMs } from "./queue";

// Retry delays: exponential in the attempt, capped, and jittered over the upper half of the window so
// a burst of failures does not come back as a burst of retries.

describe("backoffMs", () => {
  const at = (r: number) => () => r;

  it.each([
    [1, 500, 1000],
    [2, 1000, 2000],
    [3, 2000, 4000],
    [6, 16_000, 32_000],
  ])("attempt %i waits between %i and %i ms", (attempt, low, high) => {
    expect(backoffMs(attempt, 1000, 5 * 60_000, at(0))).toBe(low);
    expect(backoffMs(attempt, 1000, 5 * 60_000, at(0.999_999))).toBe(high);
    for (let i = 0; i < 200; i += 1) {
      const ms = backoffMs(attempt);
      expect(ms).toBeGreaterThanOrEqual(low);
      expect(ms).toBeLessThanOrEqual(high);
    }
  });

  it("never exceeds the cap, however many attempts", () => {
    for (const attempt of [10, 20, 50, 1000]) {
      expect(backoffMs(attempt, 1000, 60_000, at(0.999_999))).toBeLessThanOrEqual(60_000);
      expect(backoffMs(attempt, 1000, 60_000, at(0))).toBe(30_000);
    }
  });

  it("treats attempt 0 (or less) like the first", () => {
    expect(backoffMs(0, 1000, 60_000, at(0))).toBe(500);
    expect(backoffMs(-3, 1000, 60_000, at(0))).toBe(500);
  });

  it("spreads retries out: many jobs failing together do not retry at the same moment", () => {
    const delays = Array.from({ length: 500 }, () => backoffMs(5));
    const distinct = new Set(delays.map((d) => Math.floor(d / 100)));
    // The window for attempt 5 is 8–16 s: 80 buckets of 100 ms; uniform jitter fills most of them.
    expect(distinct.size).toBeGreaterThan(50);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(mean).toBeGreaterThan(11_000);
    expect(mean).toBeLessThan(13_000);
  });
});
