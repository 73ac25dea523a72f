import pThrottle from "p-throttle";

export interface RateLimit {
  /** Mutating calls per second per Region and service; AWS throttles these hardest (about 2/s). */
  mutatingPerSecond: number;
  /** Describe/Get/List calls per second per Region and service. */
  readPerSecond: number;
  /**
   * CloudWatch calls (GetMetricData) per second per Region. AWS's default GetMetricData quota is 50 per
   * second per account and Region, shared with every other tool in the account (dashboards, alarms,
   * the Cost Optimizer), so the portal takes a small share by default.
   */
  metricsPerSecond: number;
}

export const DEFAULT_METRICS_PER_SECOND = 5;

export const DEFAULT_RATE_LIMIT: RateLimit = { mutatingPerSecond: 2, readPerSecond: 10, metricsPerSecond: DEFAULT_METRICS_PER_SECOND };

export type OperationFamily = "mutating" | "read";

/** WorkSpaces and Directory Service name every read operation Describe*, Get* or List*. */
export function operationFamily(operation: string): OperationFamily {
  return /^(Describe|Get|List)/.test(operation) ? "read" : "mutating";
}

/**
 * One p-throttle gate per (service, Region, family). Each gate lets one call through every
 * 1/rate seconds ("strict" mode), so no window of any length sees more than its share: bursts
 * are what AWS's own token bucket punishes first. A rate of Infinity (or ≤ 0) turns the gate off.
 */
export class RateGates {
  private readonly gates = new Map<string, () => Promise<void>>();

  constructor(private readonly limits: RateLimit) {}

  wait(service: string, region: string, operation: string): Promise<void> {
    // CloudWatch is only read, and under its own quota.
    const family = service === "cloudwatch" ? "read" : operationFamily(operation);
    const perSecond =
      service === "cloudwatch"
        ? this.limits.metricsPerSecond
        : family === "mutating"
          ? this.limits.mutatingPerSecond
          : this.limits.readPerSecond;
    if (!Number.isFinite(perSecond) || perSecond <= 0) return Promise.resolve();
    const key = `${service}/${region}/${family}`;
    let gate = this.gates.get(key);
    if (!gate) {
      gate = pThrottle({ limit: 1, interval: 1000 / perSecond, strict: true })(async () => {});
      this.gates.set(key, gate);
    }
    return gate();
  }
}
