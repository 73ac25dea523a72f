import { describe, expect, it } from "vitest";
import { approvalDeadlines, breakEvenSentence, gb, monthlyAndAnnual, relativeTime, signedMoney } from "./format";
import { isOpenRequest, isTransitional, progressHint, requestStatusView } from "./status";

describe("money and sizes", () => {
  it.each([
    [1250, "+$12.50"],
    [-320, "−$3.20"],
    [0, "$0.00"],
    [123456, "+$1,234.56"],
  ])("signs %i cents as %s", (cents, text) => expect(signedMoney(cents)).toBe(text));

  it("gives monthly and annual deltas, or nothing when unknown", () => {
    expect(monthlyAndAnnual(1000)).toEqual({ monthly: "+$10.00 / month", annual: "+$120.00 / year" });
    expect(monthlyAndAnnual(-250)).toEqual({ monthly: "−$2.50 / month", annual: "−$30.00 / year" });
    expect(monthlyAndAnnual(null)).toBeNull();
  });

  it("writes sizes in GB", () => {
    expect(gb(1000)).toBe("1,000 GB");
    expect(gb(null)).toBe("—");
  });
});

describe("time", () => {
  const now = new Date("2026-11-10T12:00:00Z");
  it.each([
    [new Date("2026-11-10T11:59:30Z"), "just now"],
    [new Date("2026-11-10T09:00:00Z"), "3 hours ago"],
    [new Date("2026-11-12T12:00:00Z"), "in 2 days"],
    [new Date("2026-11-10T12:05:00Z"), "in 5 minutes"],
  ])("%s reads as %s", (at, text) => expect(relativeTime(at, now)).toBe(text));

  it("turns fractional policy days into deadlines", () => {
    const { escalatesAt, expiresAt } = approvalDeadlines(now, 0.5, 14);
    expect(escalatesAt.toISOString()).toBe("2026-11-11T00:00:00.000Z");
    expect(expiresAt.toISOString()).toBe("2026-11-24T12:00:00.000Z");
  });

  it("explains the break-even", () => {
    expect(breakEvenSentence(85)).toContain("Above about 85 hours a month AlwaysOn is cheaper");
    expect(breakEvenSentence(undefined)).toBeNull();
  });
});

describe("status wording", () => {
  it.each([
    ["PENDING_APPROVAL", "Pending approval"],
    ["APPROVED", "Approved"],
    ["EXECUTING", "In progress"],
    ["SUCCEEDED", "Completed"],
    ["FAILED", "Failed"],
    ["REJECTED", "Rejected"],
    ["CANCELLED", "Cancelled"],
    ["EXPIRED", "Expired"],
  ])("%s is shown as %s", (status, label) => expect(requestStatusView(status).label).toBe(label));

  it("knows which requests are open and which states move by themselves", () => {
    expect(isOpenRequest("EXECUTING")).toBe(true);
    expect(isOpenRequest("REJECTED")).toBe(false);
    expect(isTransitional("PENDING")).toBe(true);
    expect(progressHint("PENDING")).toBe("Provisioning — usually about 20 minutes");
    expect(isTransitional("AVAILABLE")).toBe(false);
    expect(progressHint("STOPPED")).toBeNull();
  });
});
