import { describe, expect, it } from "vitest";
import { ACTIVITY_METRICS, activityRange, COARSE_PERIOD_SECONDS, FINE_PERIOD_SECONDS, planActivityBatches } from "./cloudwatch-activity";
import { GET_METRIC_DATA_MAX_DATAPOINTS, GET_METRIC_DATA_MAX_QUERIES } from "./cloudwatch-queries";

const ids = (count: number) => Array.from({ length: count }, (_, i) => `ws-${String(i).padStart(9, "0")}`);
const now = new Date("2026-11-30T12:20:00Z");

describe("activityRange", () => {
  it("covers whole days up to the end of the current hour", () => {
    const { startTime, endTime } = activityRange(455, now);
    expect(endTime.toISOString()).toBe("2026-11-30T13:00:00.000Z");
    expect(startTime.toISOString()).toBe("2025-09-01T13:00:00.000Z");
    expect((endTime.getTime() - startTime.getTime()) / 86_400_000).toBe(455);
  });
});

describe("planActivityBatches", () => {
  const { startTime, endTime } = activityRange(455, now);

  it.each([1, 249, 250, 251, 10_000])("looks back 455 days for %i WorkSpaces in ceil(workspaces × 2 / 500) calls", (count) => {
    const batches = planActivityBatches(ids(count), startTime, endTime, COARSE_PERIOD_SECONDS);
    expect(batches).toHaveLength(Math.ceil((count * ACTIVITY_METRICS.length) / GET_METRIC_DATA_MAX_QUERIES));
    for (const batch of batches) {
      expect(batch.queries.length).toBeLessThanOrEqual(GET_METRIC_DATA_MAX_QUERIES);
      // 455 days in weeks: 65 datapoints a query.
      expect(batch.datapoints).toBe(batch.queries.length * 65);
      expect(batch.datapoints).toBeLessThanOrEqual(GET_METRIC_DATA_MAX_DATAPOINTS);
    }
  });

  it("asks every WorkSpace once for Available and once for Stopped, by their Maximum, with ids unique per call", () => {
    const batches = planActivityBatches([...ids(300), "ws-000000007"], startTime, endTime, COARSE_PERIOD_SECONDS);
    const asked = batches.flatMap((batch) =>
      batch.queries.map((q) => {
        expect(batch.byId.get(q.Id!)).toBe(q.MetricStat!.Metric!.Dimensions![0]!.Value);
        expect(q.MetricStat).toMatchObject({ Period: COARSE_PERIOD_SECONDS, Stat: "Maximum" });
        expect(q.MetricStat!.Metric!.Namespace).toBe("AWS/WorkSpaces");
        return `${batch.byId.get(q.Id!)}/${q.MetricStat!.Metric!.MetricName}`;
      }),
    );
    expect(asked).toHaveLength(300 * 2);
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.filter((a) => a.endsWith("/Available"))).toHaveLength(300);
    for (const batch of batches) {
      expect(new Set(batch.queries.map((q) => q.Id)).size).toBe(batch.queries.length);
      expect(batch.queries.every((q) => /^[a-z][a-zA-Z0-9_]*$/.test(q.Id!))).toBe(true);
    }
  });

  it("keeps to the datapoint limit when the period is short: a week by the hour is 168 points a query", () => {
    const week = { from: new Date("2026-01-05T00:00:00Z"), to: new Date("2026-01-12T00:00:00Z") };
    const weekly = planActivityBatches(ids(1000), week.from, week.to, FINE_PERIOD_SECONDS);
    expect(weekly).toHaveLength(4);
    expect(weekly.every((batch) => batch.datapoints === batch.queries.length * 168)).toBe(true);
    // 455 days by the hour (10,920 points a query) fit only nine queries a call.
    const hourly = planActivityBatches(ids(10), startTime, endTime, FINE_PERIOD_SECONDS);
    expect(hourly.map((batch) => batch.queries.length)).toEqual([9, 9, 2]);
    expect(hourly.every((batch) => batch.datapoints <= GET_METRIC_DATA_MAX_DATAPOINTS)).toBe(true);
  });

  it("makes no calls for no WorkSpaces", () => {
    expect(planActivityBatches([], startTime, endTime, COARSE_PERIOD_SECONDS)).toEqual([]);
  });
});
