import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUtcDays, connectedHoursOf, utcDayStart } from "../domain";
import { minimumUsageCalls, USAGE_METRICS } from "./cloudwatch-queries";
import { AwsGatewayError } from "./errors";
import { startSandboxHarness, type SandboxHarness } from "./testing/sandbox-harness";

// The metrics section against the sandbox's CloudWatch, counted on the wire by the harness's proxy.
let h: SandboxHarness;
let ids: string[];
const today = utcDayStart(new Date());

beforeAll(async () => {
  h = await startSandboxHarness({ fleetSize: 1000, gateway: { rateLimit: { metricsPerSecond: Infinity, readPerSecond: Infinity } } });
  const replay = await fetch(`${h.sandbox.url}/__sandbox/usage/replay`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Sandbox-Token": h.sandbox.controlToken },
    body: JSON.stringify({ days: 31 }),
  });
  expect(replay.status).toBe(200);
  ids = (await h.region.workspaces.listWorkspaces()).map((w) => w.workspaceId);
}, 60_000);
afterAll(async () => h?.close());

describe("usageForWorkspaces", () => {
  it("reads a day of every WorkSpace in ceil(workspaces × metrics / 500) calls", async () => {
    h.clear();
    const usage = await h.region.metrics.usageForWorkspaces(ids, addUtcDays(today, -1), today);
    expect(ids.length).toBeGreaterThan(1000);
    expect(h.wireCount("GetMetricData")).toBe(Math.ceil((ids.length * USAGE_METRICS.length) / 500));
    expect(h.wireCount("GetMetricData")).toBe(minimumUsageCalls(ids.length, addUtcDays(today, -1), today));
    expect(usage.size).toBeGreaterThan(0);
    for (const days of usage.values()) {
      expect(days).toHaveLength(1);
      expect(days[0]!.day).toEqual(addUtcDays(today, -1));
      expect(days[0]!.connectedHours).toBe(connectedHoursOf(days[0]!.connectedHourMask));
      expect(days[0]!.stoppedHours).toBeLessThanOrEqual(24);
    }
  });

  it("reads 30 days in the datapoint minimum, without a second page for any call", async () => {
    h.clear();
    const some = ids.slice(0, 300);
    const start = addUtcDays(today, -30);
    const usage = await h.region.metrics.usageForWorkspaces(some, start, today);
    // 300 × (3 × 720 + 5 × 30) = 693,000 datapoints → 7 calls of at most 100,800.
    expect(minimumUsageCalls(some.length, start, today)).toBe(7);
    expect(h.wireCount("GetMetricData")).toBe(7);
    const days = [...usage.values()].flat();
    expect(days.length).toBe(usage.size * 30);
    expect(new Set([...usage.values()].map((list) => list.map((d) => d.day.getTime()).join())).size).toBe(1);
  });

  it("reports CloudWatch throttling as a retryable throttled error", async () => {
    h.clear();
    await h.setFaults({ throttleRate: 1 });
    try {
      const failure = await h.gateway
        .region("us-east-1")
        .metrics.usageForWorkspaces(ids.slice(0, 10), addUtcDays(today, -1), today)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AwsGatewayError);
      expect((failure as AwsGatewayError).reason).toBe("throttled");
      expect((failure as AwsGatewayError).retryable).toBe(true);
    } finally {
      await h.setFaults({ throttleRate: 0 });
    }
  }, 60_000);
});
