import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMIT, RateGates } from "./rate-limit";

describe("RateGates for CloudWatch", () => {
  it("spaces GetMetricData at its own rate, apart from the WorkSpaces reads", async () => {
    const gates = new RateGates({ mutatingPerSecond: Infinity, readPerSecond: Infinity, metricsPerSecond: 20 });
    const started = performance.now();
    await Promise.all([1, 2, 3, 4, 5].map(() => gates.wait("cloudwatch", "us-east-1", "GetMetricData")));
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    const readsStarted = performance.now();
    await Promise.all([1, 2, 3, 4, 5].map(() => gates.wait("workspaces", "us-east-1", "DescribeWorkspaces")));
    // Had they shared the CloudWatch gate, five reads would take at least 190 ms as well.
    expect(performance.now() - readsStarted).toBeLessThan(150);
  });

  it("takes a small share of AWS's 50 calls a second by default", () => {
    expect(DEFAULT_RATE_LIMIT.metricsPerSecond).toBeGreaterThan(0);
    expect(DEFAULT_RATE_LIMIT.metricsPerSecond).toBeLessThanOrEqual(10);
  });
});
