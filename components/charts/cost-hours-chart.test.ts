import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { costHoursSummary } from "@/lib/presentation/cost-hours";
import { CHART, CostHoursChart, costHoursGeometry, type CostCurve } from "./cost-hours-chart";

// AlwaysOn $35, AutoStop $10 + $0.30 an hour: they cross at 83.3 hours.
const curve: CostCurve = { alwaysOnCents: 3500, autoStopBaseCents: 1000, autoStopHourlyCents: 30, breakEvenHours: 83.3 };
const plotLeft = CHART.left;
const plotRight = CHART.width - CHART.right;
const plotBottom = CHART.height - CHART.bottom;

describe("costHoursGeometry", () => {
  const g = costHoursGeometry(curve);

  it("shows the crossing well inside the picture, on round hours and dollars", () => {
    expect(g.maxHours).toBeGreaterThan(83.3 * 1.5);
    expect(g.maxHours % 10).toBe(0);
    expect(g.maxCents).toBeGreaterThanOrEqual(1000 + 30 * g.maxHours);
    expect(g.xTicks[0]).toEqual({ hours: 0, x: plotLeft });
    expect(g.xTicks.at(-1)).toEqual({ hours: g.maxHours, x: plotRight });
    expect(g.yTicks[0]).toEqual({ cents: 0, y: plotBottom });
  });

  it("draws AlwaysOn flat and AutoStop rising from its monthly fee", () => {
    expect(g.alwaysOn[0].y).toBe(g.alwaysOn[1].y);
    expect(g.autoStop[0].y).toBeGreaterThan(g.alwaysOn[0].y); // lower price, lower on the page is larger y
    expect(g.autoStop[1].y).toBeLessThan(g.autoStop[0].y);
  });

  it("puts the break-even where the AutoStop line meets AlwaysOn", () => {
    const be = g.breakEven!;
    expect(be.hours).toBe(83.3);
    expect(be.y).toBeCloseTo(g.alwaysOn[0].y, 6);
    const [a, b] = g.autoStop;
    const t = (be.x - a.x) / (b.x - a.x);
    // On the AutoStop line within rounding of the break-even to a tenth of an hour.
    expect(a.y + t * (b.y - a.y)).toBeCloseTo(be.y, 0);
  });

  it("marks no break-even when one mode is always cheaper", () => {
    expect(costHoursGeometry({ ...curve, breakEvenHours: 0 }).breakEven).toBeNull();
    expect(costHoursGeometry({ ...curve, autoStopHourlyCents: 0, breakEvenHours: null }).breakEven).toBeNull();
    expect(costHoursGeometry({ ...curve, breakEvenHours: null }).maxHours).toBeGreaterThanOrEqual(160);
  });

  it("never goes past a month of hours", () => {
    expect(costHoursGeometry({ ...curve, breakEvenHours: 700 }).maxHours).toBeLessThanOrEqual(730);
  });
});

describe("CostHoursChart", () => {
  const html = renderToStaticMarkup(createElement(CostHoursChart, { id: "c", curve, text: costHoursSummary(curve) }));

  it("is an image with a name and a description that carry the numbers", () => {
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="c-title c-desc"');
    expect(html).toContain("Monthly cost against hours used, AlwaysOn and AutoStop");
    expect(html).toContain("AlwaysOn: $35 a month");
    expect(html).toContain("AutoStop: $10 a month plus $0.30 an hour used.");
    expect(html).toContain("Break-even at about 83 hours a month");
  });

  it("marks the break-even on the picture", () => {
    expect(html).toContain('data-break-even="83.3"');
    expect(html).toContain("Break-even 83 h");
  });

  it("says in words when one mode always costs less", () => {
    expect(costHoursSummary({ ...curve, breakEvenHours: 0 }).breakEven).toBe("AlwaysOn costs less at any number of hours.");
    expect(costHoursSummary({ ...curve, breakEvenHours: null }).breakEven).toBe("AutoStop costs less at any number of hours.");
  });
});
