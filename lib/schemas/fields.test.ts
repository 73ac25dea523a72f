import { describe, expect, it } from "vitest";
import { z } from "zod";
import { bigintCursor, dateInput, dayInput, filterText } from "./fields";

const date = z.object({ at: dateInput("start date") });

describe("dateInput", () => {
  it.each(["2026-07-01", "2026-07-01T09:30:00Z", "2026-07-01T09:30:00.123+02:00", new Date("2030-01-01T00:00:00Z")])("accepts %s", (at) => {
    expect(date.safeParse({ at }).success).toBe(true);
  });

  it.each([
    ["a far-future date", "275760-09-13T00:00:00.000Z", "Enter the start date as a date"],
    ["a far-past date", "-271821-04-20T00:00:00.000Z", "Enter the start date as a date"],
    ["year 9999", "9999-12-31", "must be between 2000 and 2099"],
    ["year 1900", "1900-01-01", "must be between 2000 and 2099"],
    ["an invalid day", "2026-13-45", "Enter the start date as a date"],
    ["an invalid Date object", new Date(NaN), "Enter the start date as a date"],
    ["a Date beyond the window", new Date(8.64e15), "must be between 2000 and 2099"],
    ["a number", 1_700_000_000_000, "Enter the start date as a date"],
    ["an array", ["2026-07-01"], "Enter the start date as a date"],
    ["a boolean", true, "Enter the start date as a date"],
    ["a huge string", "2026-07-01".repeat(100_000), "Enter the start date as a date"],
  ])("refuses %s with a plain message", (_what, at, message) => {
    const parsed = date.safeParse({ at });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });
});

describe("dayInput", () => {
  it.each(["2026-02-28", "2024-02-29", "2000-01-01", "2099-12-31"])("accepts %s", (day) =>
    expect(dayInput.safeParse(day).success).toBe(true),
  );
  it.each([
    "2026-02-29",
    "2026-02-30",
    "2026-13-01",
    "1999-12-31",
    "2100-01-01",
    "99999-01-01",
    "2026-1-1",
    "yesterday",
    "2026-07-01\u0000",
  ])("refuses %s", (day) => expect(dayInput.safeParse(day).success).toBe(false));
});

describe("bigintCursor", () => {
  it.each(["1", "42", "9223372036854775807"])("accepts %s", (v) => expect(bigintCursor.safeParse(v).success).toBe(true));
  it.each(["0", "-1", "01", "9223372036854775808", "99999999999999999999", "1e3", "12a", ""])("refuses %s without throwing", (v) => {
    const parsed = bigintCursor.safeParse(v);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("That page link is not valid.");
  });
});

describe("filterText", () => {
  it("refuses what the database cannot hold", () => {
    expect(filterText(50).safeParse("ali\u0000ce").success).toBe(false);
    expect(filterText(50).safeParse("ali\uD800ce").success).toBe(false);
    expect(filterText(50).safeParse("alice").success).toBe(true);
  });
});
