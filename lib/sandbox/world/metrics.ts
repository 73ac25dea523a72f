import { DAY, MINUTE } from "../clock";
import type { WorkspaceRecord } from "./types";
import { metricsFrom, mix, SAMPLE_MINUTES, sessionsBetween, unit, usageSubject } from "./usage";

// CloudWatch's AWS/WorkSpaces metrics per WorkspaceId, computed on demand from the usage profile:
// one sample every 5 minutes while the WorkSpace exists, aggregated into the requested period.
export const WORKSPACE_METRICS = [
  "Available",
  "Unhealthy",
  "ConnectionAttempt",
  "ConnectionSuccess",
  "ConnectionFailure",
  "SessionLaunchTime",
  "InSessionLatency",
  "SessionDisconnect",
  "UserConnected",
  "Stopped",
] as const;
export type WorkspaceMetric = (typeof WORKSPACE_METRICS)[number];

export const METRIC_UNITS: Record<WorkspaceMetric, string> = {
  Available: "Count",
  Unhealthy: "Count",
  ConnectionAttempt: "Count",
  ConnectionSuccess: "Count",
  ConnectionFailure: "Count",
  SessionLaunchTime: "Seconds",
  InSessionLatency: "Milliseconds",
  SessionDisconnect: "Count",
  UserConnected: "Count",
  Stopped: "Count",
};

export function isWorkspaceMetric(name: string): name is WorkspaceMetric {
  return (WORKSPACE_METRICS as readonly string[]).includes(name);
}

// CloudWatch keeps hourly data for 455 days.
export const RETENTION = 455 * DAY;
const SAMPLE = SAMPLE_MINUTES * MINUTE;

export type Statistic = "Sum" | "Average" | "Maximum" | "Minimum" | "SampleCount" | { percentile: number };

export function parseStatistic(stat: string): Statistic | undefined {
  if (["Sum", "Average", "Maximum", "Minimum", "SampleCount"].includes(stat)) return stat as Statistic;
  const p = /^p(\d{1,2}(?:\.\d{1,2})?|100(?:\.0{1,2})?)$/.exec(stat);
  return p ? { percentile: Number(p[1]) } : undefined;
}

function aggregate(buf: Float64Array, n: number, stat: Statistic): number {
  if (typeof stat === "object") {
    const sorted = buf.slice(0, n).sort();
    return sorted[Math.max(0, Math.ceil((stat.percentile / 100) * n) - 1)]!;
  }
  switch (stat) {
    case "SampleCount":
      return n;
    case "Maximum": {
      let m = -Infinity;
      for (let i = 0; i < n; i++) if (buf[i]! > m) m = buf[i]!;
      return m;
    }
    case "Minimum": {
      let m = Infinity;
      for (let i = 0; i < n; i++) if (buf[i]! < m) m = buf[i]!;
      return m;
    }
    default: {
      let s = 0;
      for (let i = 0; i < n; i++) s += buf[i]!;
      return stat === "Sum" ? s : s / n;
    }
  }
}

export interface Series {
  /** Epoch seconds, ascending. */
  timestamps: number[];
  values: number[];
}

export interface SeriesRequest {
  metric: WorkspaceMetric;
  /** Epoch ms; buckets start at startMs + k × period. */
  startMs: number;
  endMs: number;
  periodSeconds: number;
  stat: Statistic;
  now: number;
}

// Per-WorkSpace traits that stay the same over its life.
function traits(seed: number) {
  const far = unit(mix(seed, 101)) < 0.1;
  return {
    latencyMs: 35 + unit(mix(seed, 102)) * 90 + (far ? 80 + unit(mix(seed, 103)) * 70 : 0),
    launchSeconds: 15 + unit(mix(seed, 104)) * 25,
    failureRate: unit(mix(seed, 105)) < 0.05 ? 0.3 : 0.04,
    unhealthyRate: unit(mix(seed, 106)) < 0.05 ? 0.03 : 0.002,
  };
}

export function metricSeries(ws: WorkspaceRecord, region: string, req: SeriesRequest): Series {
  const out: Series = { timestamps: [], values: [] };
  const period = req.periodSeconds * 1000;
  const fromMs = Math.max(Math.ceil(metricsFrom(ws) / SAMPLE) * SAMPLE, req.now - RETENTION);
  const toMs = Math.min(req.endMs, req.now);
  if (toMs <= fromMs || req.endMs <= req.startMs) return out;
  const subject = usageSubject(ws, region);
  const seed = subject.seed;
  const t = traits(seed);
  const autoStop = ws.RunningMode === "AUTO_STOP";
  const timeoutMin = autoStop ? (ws.AutoStopTimeout ?? 60) : 0;
  // Sessions that may still keep an AutoStop WorkSpace running at the first sample.
  const sessions = sessionsBetween(subject, Math.max(req.startMs, fromMs) - timeoutMin * MINUTE - DAY, toMs);
  const buf = new Float64Array(Math.max(1, Math.ceil(period / SAMPLE)));
  let inIdx = 0; // first session that ends after the sample
  let runIdx = 0; // first session whose end + timeout is after the sample
  const metric = req.metric;
  const skip = Math.max(0, Math.floor((fromMs - req.startMs) / period));
  for (let b = req.startMs + skip * period; b < toMs; b += period) {
    const lo = Math.max(b, fromMs);
    const hi = Math.min(b + period, toMs);
    let n = 0;
    const hiMinutes = hi / MINUTE;
    for (let m = (Math.ceil(lo / SAMPLE) * SAMPLE) / MINUTE; m < hiMinutes; m += SAMPLE_MINUTES) {
      while (inIdx < sessions.length && sessions[inIdx + 1]! <= m) inIdx += 2;
      const inSession = inIdx < sessions.length && sessions[inIdx]! <= m;
      let running = true;
      if (autoStop) {
        while (runIdx < sessions.length && sessions[runIdx + 1]! + timeoutMin <= m) runIdx += 2;
        running = runIdx < sessions.length && sessions[runIdx]! <= m;
      }
      switch (metric) {
        case "UserConnected":
          buf[n++] = inSession ? 1 : 0;
          break;
        case "Stopped":
          buf[n++] = running ? 0 : 1;
          break;
        case "Available":
        case "Unhealthy": {
          const unhealthy = running && unit(mix(seed ^ 0x5bd1e995, Math.floor(m / 60))) < t.unhealthyRate;
          buf[n++] = metric === "Unhealthy" ? (unhealthy ? 1 : 0) : running && !unhealthy ? 1 : 0;
          break;
        }
        case "InSessionLatency":
          if (inSession) buf[n++] = Math.round(t.latencyMs * (0.8 + 0.4 * unit(mix(seed, m))));
          break;
        case "SessionDisconnect":
          // The sample right after a session ends (an earlier session than inIdx's).
          if (inIdx >= 2 && sessions[inIdx - 1] === m) buf[n++] = 1;
          break;
        default: {
          if (!inSession || sessions[inIdx] !== m) break;
          const failures = unit(mix(seed ^ 0x1b873593, m)) < t.failureRate ? 1 : 0;
          if (metric === "ConnectionAttempt") buf[n++] = 1 + failures;
          else if (metric === "ConnectionSuccess") buf[n++] = 1;
          else if (metric === "ConnectionFailure") buf[n++] = failures;
          else buf[n++] = Math.round((t.launchSeconds + unit(mix(seed ^ 0x2545f491, m)) * 10) * 10) / 10;
        }
      }
    }
    if (n > 0) {
      out.timestamps.push(b / 1000);
      out.values.push(aggregate(buf, n, req.stat));
    }
  }
  return out;
}
