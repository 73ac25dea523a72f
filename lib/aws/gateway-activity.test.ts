import { CloudWatchClient, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityRange, COARSE_PERIOD_SECONDS } from "./cloudwatch-activity";
import { startSandboxHarness, type SandboxHarness } from "./testing/sandbox-harness";

// earliestActivity against the sandbox's CloudWatch through the real SDK, counted on the wire.
let h: SandboxHarness;
let ids: string[];
let erinWs: string;
const DAY = 86_400_000;
const HOUR = 3_600_000;
let seededAt: number;

beforeAll(async () => {
  seededAt = Date.now();
  h = await startSandboxHarness({ fleetSize: 300, gateway: { rateLimit: { metricsPerSecond: Infinity, readPerSecond: Infinity } } });
  const workspaces = await h.region.workspaces.listWorkspaces();
  ids = workspaces.map((w) => w.workspaceId);
  erinWs = workspaces.find((w) => w.userName === "erin")!.workspaceId;
}, 60_000);
afterAll(async () => h?.close());

describe("earliestActivity", () => {
  it("finds the hour a never-used, stopped WorkSpace was created, 75 days ago", async () => {
    const now = new Date();
    const found = await h.region.metrics.earliestActivity([erinWs, "ws-doesnotexist"], 455, now);
    expect([...found.keys()]).toEqual([erinWs]);
    const earliest = found.get(erinWs)!.getTime();
    // The seed created it 75 days before the sandbox started. The answer is the first hour with a sample in
    // it: the creation hour, or the next one when it was created after that hour's last 5-minute sample.
    expect(earliest % HOUR).toBe(0);
    expect(earliest).toBeLessThanOrEqual(Date.now() - 75 * DAY + HOUR);
    expect(earliest).toBeGreaterThan(seededAt - 75 * DAY - 2 * HOUR);

    // Hour by hour around it, CloudWatch agrees: nothing before, Stopped from that hour on.
    const cloudwatch = new CloudWatchClient({
      region: "us-east-1",
      endpoint: h.sandbox.url,
      credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
    });
    try {
      const hourly = async (metricName: string) =>
        (
          await cloudwatch.send(
            new GetMetricStatisticsCommand({
              Namespace: "AWS/WorkSpaces",
              MetricName: metricName,
              Dimensions: [{ Name: "WorkspaceId", Value: erinWs }],
              StartTime: new Date(earliest - DAY),
              EndTime: new Date(earliest + DAY),
              Period: 3600,
              Statistics: ["Maximum"],
            }),
          )
        ).Datapoints ?? [];
      const points = [...(await hourly("Stopped")), ...(await hourly("Available"))]
        .filter((p) => (p.Maximum ?? 0) > 0)
        .map((p) => p.Timestamp!.getTime());
      expect(Math.min(...points)).toBe(earliest);
    } finally {
      cloudwatch.destroy();
    }
  });

  it("looks up a whole fleet in one coarse pass and one fine pass per first week, ceil(workspaces × 2 / 500) calls each", async () => {
    h.clear();
    const now = new Date();
    const found = await h.region.metrics.earliestActivity(ids, 455, now);
    const { startTime, endTime } = activityRange(455, now);
    expect(found.size).toBeGreaterThan(ids.length * 0.9);
    const byWeek = new Map<number, number>();
    for (const at of found.values()) {
      expect(at.getTime()).toBeGreaterThanOrEqual(startTime.getTime());
      expect(at.getTime()).toBeLessThan(endTime.getTime());
      const week = Math.floor((at.getTime() - startTime.getTime()) / (COARSE_PERIOD_SECONDS * 1000));
      byWeek.set(week, (byWeek.get(week) ?? 0) + 1);
    }
    const expected = Math.ceil((ids.length * 2) / 500) + [...byWeek.values()].reduce((sum, n) => sum + Math.ceil((n * 2) / 500), 0);
    expect(h.wireCount("GetMetricData")).toBe(expected);
    // A shorter look-back finds nobody older than it.
    const recent = await h.region.metrics.earliestActivity(ids, 30, now);
    expect(recent.size).toBeGreaterThan(0);
    for (const [id, at] of recent) {
      // The sandbox's clock runs faster than the test's: a WorkSpace created just now may report its first
      // datapoint between the two look-ups. It is then new, not older than the first look-up said.
      const first = found.get(id);
      if (first) expect(at.getTime()).toBeGreaterThanOrEqual(Math.max(first.getTime(), endTime.getTime() - 30 * DAY));
      else expect(at.getTime()).toBeGreaterThanOrEqual(endTime.getTime() - 2 * 3_600_000);
    }
  });
});
