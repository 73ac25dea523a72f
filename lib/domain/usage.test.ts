import { describe, expect, it } from "vitest";
import {
  autoStopHoursForEstimate,
  billableHours,
  connectedHoursOf,
  consecutiveUsageDays,
  maskFromHours,
  monthRange,
  projectMonthHours,
  utcDayStart,
  utcDaysBetween,
} from "./usage";

const day = (...hours: number[]) => ({ connectedHourMask: maskFromHours(hours) });
const idle = () => ({ connectedHourMask: 0 });

describe("masks", () => {
  it("sets one bit per hour and counts them back", () => {
    expect(maskFromHours([])).toBe(0);
    expect(maskFromHours([0])).toBe(1);
    expect(maskFromHours([23])).toBe(1 << 23);
    expect(maskFromHours([1, 1, 2])).toBe(0b110);
    expect(connectedHoursOf(maskFromHours([0, 5, 23]))).toBe(3);
    expect(connectedHoursOf((1 << 24) - 1)).toBe(24);
    expect(connectedHoursOf(0)).toBe(0);
  });

  it("refuses numbers that are not hours of a day", () => {
    expect(() => maskFromHours([24])).toThrow(RangeError);
    expect(() => maskFromHours([-1])).toThrow(RangeError);
    expect(() => maskFromHours([1.5])).toThrow(RangeError);
  });

  it("ignores bits above hour 23", () => {
    expect(connectedHoursOf(1 << 24)).toBe(0);
    expect(billableHours([{ connectedHourMask: 1 << 25 }], "AUTO_STOP", 0)).toBe(0);
  });
});

describe("billableHours", () => {
  it("is zero for no days and for idle days", () => {
    expect(billableHours([], "AUTO_STOP", 1)).toBe(0);
    expect(billableHours([idle(), idle()], "AUTO_STOP", 3)).toBe(0);
    expect(billableHours([idle()], "ALWAYS_ON", 1)).toBe(0);
  });

  it("counts connected hours only with a zero timeout", () => {
    expect(billableHours([day(9, 10, 11, 14)], "AUTO_STOP", 0)).toBe(4);
  });

  it("adds the idle timeout after each session", () => {
    // 09–11 connected, then hour 12 idle-billed; 15 connected, 16 idle-billed.
    expect(billableHours([day(9, 10, 11, 15)], "AUTO_STOP", 1)).toBe(6);
    // A two-hour timeout: 12, 13 and 16, 17.
    expect(billableHours([day(9, 10, 11, 15)], "AUTO_STOP", 2)).toBe(8);
  });

  it("does not count an hour twice when a session restarts within the timeout", () => {
    // 9 connected, 10–11 covered by the timeout, 11 connected again: 9, 10, 11 + 12, 13 → 5.
    expect(billableHours([day(9, 11)], "AUTO_STOP", 2)).toBe(5);
    // Back-to-back sessions whose timeouts overlap: 9, 10 (gap, timeout), 11, 12, 13 → 5.
    expect(billableHours([day(9, 11)], "AUTO_STOP", 2)).toBe(billableHours([day(9, 10, 11)], "AUTO_STOP", 2));
  });

  it("carries a session and its timeout across midnight", () => {
    // 22, 23 connected, 00 connected next day, then 01 and 02 in the timeout.
    expect(billableHours([day(22, 23), day(0)], "AUTO_STOP", 2)).toBe(5);
    // The timeout alone crosses midnight: 23 connected, 00 and 01 billed.
    expect(billableHours([day(23), idle()], "AUTO_STOP", 2)).toBe(3);
  });

  it("caps the timeout at the end of the range", () => {
    expect(billableHours([day(23)], "AUTO_STOP", 3)).toBe(1);
    expect(billableHours([day(22)], "AUTO_STOP", 3)).toBe(2);
    expect(billableHours([day(20)], "AUTO_STOP", 3)).toBe(4);
  });

  it("counts a whole connected day as 24 hours whatever the timeout", () => {
    const full = { connectedHourMask: (1 << 24) - 1 };
    expect(billableHours([full, full], "AUTO_STOP", 5)).toBe(48);
  });

  it("counts AlwaysOn WorkSpaces as AutoStop would bill them and Manual ones by connected hours", () => {
    const days = [day(9, 10), idle(), day(13)];
    expect(billableHours(days, "ALWAYS_ON", 1)).toBe(billableHours(days, "AUTO_STOP", 1));
    expect(billableHours(days, "ALWAYS_ON", 1)).toBe(5);
    expect(billableHours(days, "MANUAL", 1)).toBe(3);
  });

  it("treats a fractional or negative timeout as whole hours not below zero", () => {
    expect(billableHours([day(9)], "AUTO_STOP", 1.9)).toBe(2);
    expect(billableHours([day(9)], "AUTO_STOP", -2)).toBe(1);
  });
});

describe("days and months", () => {
  it("finds a month's range in UTC", () => {
    const march = monthRange(new Date("2026-03-15T23:30:00Z"));
    expect(march.start.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(march.end.toISOString()).toBe("2026-04-01T00:00:00.000Z");
    expect(march.dayOfMonth).toBe(15);
    expect(march.daysInMonth).toBe(31);
    expect(monthRange(new Date("2028-02-29T00:00:00Z")).daysInMonth).toBe(29);
    const december = monthRange(new Date("2026-12-31T23:59:59Z"));
    expect(december.end.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("lists UTC days and fills missing ones as idle", () => {
    expect(utcDayStart(new Date("2026-03-15T23:30:00Z")).toISOString()).toBe("2026-03-15T00:00:00.000Z");
    expect(utcDaysBetween(new Date("2026-03-01T00:00:00Z"), new Date("2026-03-03T00:00:00Z"))).toHaveLength(2);
    const filled = consecutiveUsageDays(
      [{ day: new Date("2026-03-02T00:00:00Z"), connectedHourMask: 7 }],
      new Date("2026-03-01T00:00:00Z"),
      new Date("2026-03-03T10:00:00Z"),
    );
    expect(filled.map((entry) => entry.connectedHourMask)).toEqual([0, 7, 0]);
  });
});

describe("the month's hours at the pace so far", () => {
  const november = monthRange(new Date("2026-11-15T00:00:00Z")); // 30 days, 720 hours
  it("scales the hours so far to the whole month", () => {
    expect(projectMonthHours(120, november, new Date("2026-11-11T00:00:00Z"))).toBe(360); // 10 days in, a third of the month
    expect(projectMonthHours(706, november, new Date("2026-11-30T10:00:00Z"))).toBe(720); // capped at the month's hours
    expect(projectMonthHours(0, november, new Date("2026-11-20T00:00:00Z"))).toBe(0);
  });
  it("counts at least a day as elapsed, so a month's first hours do not extrapolate wildly", () => {
    expect(projectMonthHours(2, november, new Date("2026-11-01T02:00:00Z"))).toBe(60); // 2 h / 24 h × 720 h, not 2 / 2 × 720
  });
  it("uses the hours at the pace so far when known, else the policy's assumption", () => {
    expect(autoStopHoursForEstimate(360, 80)).toBe(360);
    expect(autoStopHoursForEstimate(0, 80)).toBe(0);
    expect(autoStopHoursForEstimate(null, 80)).toBe(80);
    expect(autoStopHoursForEstimate(undefined, 80)).toBe(80);
  });
});
