import { describe, expect, it } from "vitest";
import {
  GET_METRIC_DATA_MAX_DATAPOINTS,
  GET_METRIC_DATA_MAX_QUERIES,
  minimumUsageCalls,
  planUsageBatches,
  USAGE_METRICS,
  usageRange,
} from "./cloudwatch-queries";

const ids = (count: number) => Array.from({ length: count }, (_, i) => `ws-${String(i).padStart(9, "0")}`);
const day = new Date("2026-03-01T00:00:00Z");
const oneDayLater = new Date("2026-03-02T00:00:00Z");
const thirtyDaysLater = new Date("2026-03-31T00:00:00Z");

describe("usageRange", () => {
  it("starts at midnight and ends at the end of the current hour", () => {
    const range = usageRange(new Date("2026-03-01T13:20:00Z"), new Date("2026-03-02T05:10:00Z"));
    expect(range.startTime.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(range.endTime.toISOString()).toBe("2026-03-02T06:00:00.000Z");
    expect(range.hours).toBe(30);
    expect(range.days).toBe(2);
  });
});

describe("planUsageBatches", () => {
  it.each([1, 62, 63, 125, 1000, 1234])("reads a day of %i WorkSpaces in ceil(workspaces × metrics / 500) calls", (count) => {
    const batches = planUsageBatches(ids(count), day, oneDayLater);
    expect(batches).toHaveLength(Math.ceil((count * USAGE_METRICS.length) / GET_METRIC_DATA_MAX_QUERIES));
    expect(batches.length).toBe(minimumUsageCalls(count, day, oneDayLater));
  });

  it("asks every WorkSpace for every metric exactly once, with ids unique per call", () => {
    const batches = planUsageBatches([...ids(300), "ws-000000001"], day, thirtyDaysLater);
    const asked = batches.flatMap((batch) => [...batch.byId.values()].map((q) => `${q.workspaceId}/${q.metric.metricName}`));
    expect(asked).toHaveLength(300 * USAGE_METRICS.length);
    expect(new Set(asked).size).toBe(asked.length);
    for (const batch of batches) {
      expect(new Set(batch.queries.map((q) => q.Id)).size).toBe(batch.queries.length);
      expect(batch.queries.every((q) => /^[a-z][a-zA-Z0-9_]*$/.test(q.Id!))).toBe(true);
      expect(batch.queries.length).toBeLessThanOrEqual(GET_METRIC_DATA_MAX_QUERIES);
      expect(batch.datapoints).toBeLessThanOrEqual(GET_METRIC_DATA_MAX_DATAPOINTS);
    }
  });

  it("keeps 30 days of 10,000 WorkSpaces at the datapoint minimum: no call needs a second page", () => {
    const batches = planUsageBatches(ids(10_000), day, thirtyDaysLater);
    const minimum = minimumUsageCalls(10_000, day, thirtyDaysLater);
    // 3 hourly metrics × 720 + 5 daily × 30 = 2,310 datapoints a WorkSpace → 23.1 M → 230 calls.
    expect(minimum).toBe(230);
    expect(batches).toHaveLength(minimum);
    expect(batches.every((batch) => batch.datapoints <= GET_METRIC_DATA_MAX_DATAPOINTS)).toBe(true);
  });

  it("asks hourly for the hour-level metrics and daily for totals and averages", () => {
    const [batch] = planUsageBatches(["ws-1"], day, oneDayLater);
    const byName = Object.fromEntries(batch!.queries.map((q) => [q.MetricStat!.Metric!.MetricName, q.MetricStat]));
    expect(byName.UserConnected).toMatchObject({ Period: 3600, Stat: "Maximum" });
    expect(byName.ConnectionAttempt).toMatchObject({ Period: 86400, Stat: "Sum" });
    expect(byName.InSessionLatency).toMatchObject({ Period: 86400, Stat: "Average" });
    expect(batch!.queries[0]!.MetricStat!.Metric!.Dimensions).toEqual([{ Name: "WorkspaceId", Value: "ws-1" }]);
  });

  it("makes no calls for no WorkSpaces", () => {
    expect(planUsageBatches([], day, thirtyDaysLater)).toEqual([]);
    expect(minimumUsageCalls(0, day, thirtyDaysLater)).toBe(0);
  });
});
