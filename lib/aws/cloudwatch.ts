import type { MetricDataResult } from "@aws-sdk/client-cloudwatch";
import type { RegionClients } from "./clients";
import { eachWithConcurrency } from "./batching";
import { earliestActivity } from "./cloudwatch-activity";
import { eachMetricDataPage, planUsageBatches, usageRange, type PlannedQuery, type QueryBatch } from "./cloudwatch-queries";

const DAY_MS = 86_400_000;

/** One WorkSpace's usage on one UTC day, shaped like the WorkspaceUsageDay table. */
export interface UsageDay {
  /** UTC midnight. */
  day: Date;
  /** Bit h set when UserConnected showed a connection in UTC hour h. */
  connectedHourMask: number;
  connectedHours: number;
  connectionAttempts: number;
  connectionFailures: number;
  sessionDisconnects: number;
  unhealthyHours: number;
  stoppedHours: number;
  /** Averages over the day; null without a session. */
  sessionLaunchSeconds: number | null;
  inSessionLatencyMs: number | null;
}

export interface UsageReadOptions {
  /** GetMetricData calls in flight at once; the rate gate still spaces them. Default 4. */
  concurrency?: number;
}

function emptyDay(day: number): UsageDay {
  return {
    day: new Date(day),
    connectedHourMask: 0,
    connectedHours: 0,
    connectionAttempts: 0,
    connectionFailures: 0,
    sessionDisconnects: 0,
    unhealthyHours: 0,
    stoppedHours: 0,
    sessionLaunchSeconds: null,
    inSessionLatencyMs: null,
  };
}

function record(usage: Map<string, Map<number, UsageDay>>, planned: PlannedQuery, at: Date, value: number): void {
  let days = usage.get(planned.workspaceId);
  if (!days) usage.set(planned.workspaceId, (days = new Map()));
  const time = at.getTime();
  const dayStart = Math.floor(time / DAY_MS) * DAY_MS;
  let day = days.get(dayStart);
  if (!day) days.set(dayStart, (day = emptyDay(dayStart)));
  const active = value > 0;
  switch (planned.metric.column) {
    case "connected": {
      const bit = 1 << Math.floor((time - dayStart) / 3_600_000);
      if (active && (day.connectedHourMask & bit) === 0) {
        day.connectedHourMask |= bit;
        day.connectedHours += 1;
      }
      break;
    }
    case "unhealthy":
      if (active) day.unhealthyHours += 1;
      break;
    case "stopped":
      if (active) day.stoppedHours += 1;
      break;
    case "connectionAttempts":
      day.connectionAttempts += Math.round(value);
      break;
    case "connectionFailures":
      day.connectionFailures += Math.round(value);
      break;
    case "sessionDisconnects":
      day.sessionDisconnects += Math.round(value);
      break;
    case "sessionLaunchSeconds":
      day.sessionLaunchSeconds = value;
      break;
    case "inSessionLatencyMs":
      day.inSessionLatencyMs = value;
      break;
  }
}

function collect(usage: Map<string, Map<number, UsageDay>>, batch: QueryBatch, results: readonly MetricDataResult[]): void {
  for (const result of results) {
    const planned = result.Id ? batch.byId.get(result.Id) : undefined;
    if (!planned) continue;
    const timestamps = result.Timestamps ?? [];
    const values = result.Values ?? [];
    for (let i = 0; i < timestamps.length; i += 1) {
      const value = values[i];
      if (value !== undefined && Number.isFinite(value)) record(usage, planned, timestamps[i]!, value);
    }
  }
}

/**
 * Called with each WorkSpace's days as soon as all of its queries have answered. A promise it returns holds
 * back the read that completed the WorkSpace until it settles, so a slower writer is not buried in reads.
 */
export type UsageSink = (workspaceId: string, days: UsageDay[]) => void | Promise<void>;

function sortedDays(days: Map<number, UsageDay> | undefined): UsageDay[] {
  return days ? [...days.values()].sort((a, b) => a.day.getTime() - b.day.getTime()) : [];
}

/** CloudWatch's AWS/WorkSpaces metrics for one Region. */
export function workspaceMetrics(clients: RegionClients) {
  /**
   * Reads per-UTC-day usage in the fewest GetMetricData calls (see planUsageBatches), following
   * NextToken, and hands each WorkSpace to `sink` once complete, so a caller can store early WorkSpaces
   * while later ones are still being read. A WorkSpace without any datapoint gets no call of `sink`.
   */
  function streamUsage(
    workspaceIds: readonly string[],
    start: Date,
    end: Date,
    sink: UsageSink,
    options: UsageReadOptions = {},
  ): Promise<void> {
    return clients.run("GetMetricData", async ({ cloudwatch }) => {
      const { startTime, endTime } = usageRange(start, end);
      if (endTime <= startTime) return;
      const usage = new Map<string, Map<number, UsageDay>>();
      const batches = planUsageBatches(workspaceIds, start, end);
      const pending = new Map<string, number>();
      for (const batch of batches) {
        for (const planned of batch.byId.values()) pending.set(planned.workspaceId, (pending.get(planned.workspaceId) ?? 0) + 1);
      }
      await eachWithConcurrency(batches, options.concurrency ?? 4, async (batch) => {
        await eachMetricDataPage(cloudwatch, batch.queries, startTime, endTime, (results) => collect(usage, batch, results));
        for (const planned of batch.byId.values()) {
          const left = pending.get(planned.workspaceId)! - 1;
          pending.set(planned.workspaceId, left);
          if (left > 0) continue;
          const days = usage.get(planned.workspaceId);
          usage.delete(planned.workspaceId);
          if (days) await sink(planned.workspaceId, sortedDays(days));
        }
      });
    });
  }

  return {
    streamUsage,
    earliestActivity: earliestActivity(clients),

    /**
     * Per-UTC-day usage of each WorkSpace from `start` (rounded down to midnight) to `end`, in the fewest
     * GetMetricData calls. A day appears when CloudWatch had any datapoint for it; WorkSpaces without
     * data are absent. Any failed call fails the whole read, so callers never store a partial picture.
     */
    async usageForWorkspaces(
      workspaceIds: readonly string[],
      start: Date,
      end: Date,
      options: UsageReadOptions = {},
    ): Promise<Map<string, UsageDay[]>> {
      const usage = new Map<string, UsageDay[]>();
      await streamUsage(
        workspaceIds,
        start,
        end,
        (workspaceId, days) => {
          usage.set(workspaceId, days);
        },
        options,
      );
      return usage;
    },
  };
}

export type WorkspaceMetrics = ReturnType<typeof workspaceMetrics>;
