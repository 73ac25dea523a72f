import type { MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { eachWithConcurrency } from "./batching";
import type { RegionClients } from "./clients";
import { eachMetricDataPage, GET_METRIC_DATA_MAX_DATAPOINTS, GET_METRIC_DATA_MAX_QUERIES } from "./cloudwatch-queries";

// How old a WorkSpace is. DescribeWorkspaces does not say when a WorkSpace was created, but every existing
// WorkSpace reports `Available` (running) or `Stopped` (stopped) to CloudWatch each hour, and CloudWatch keeps
// hourly data for 455 days, so its earliest such datapoint is evidence of its age. Reading 455 days hourly
// would cost 21,840 datapoints a WorkSpace (four WorkSpaces a call); instead a coarse pass with weekly
// periods (65 datapoints a query, 250 WorkSpaces a call) finds the first week with a datapoint, and a fine
// pass reads that week hourly (168 datapoints a query, again 250 WorkSpaces a call) to find the hour.

export const ACTIVITY_METRICS = ["Available", "Stopped"] as const;
/** CloudWatch's retention of hourly data, and so the furthest back an age can be learnt. */
export const CLOUDWATCH_RETENTION_DAYS = 455;
/** The coarse pass's period: a week, a multiple of the hour CloudWatch requires for data older than 63 days. */
export const COARSE_PERIOD_SECONDS = 7 * 86_400;
export const FINE_PERIOD_SECONDS = 3_600;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface ActivityBatch {
  queries: MetricDataQuery[];
  /** Query id → the WorkSpace it asks about. */
  byId: Map<string, string>;
  datapoints: number;
}

/** The range a look-up covers: `lookbackDays` whole days up to the end of the hour that contains `now`. */
export function activityRange(lookbackDays: number, now: Date): { startTime: Date; endTime: Date } {
  const endTime = new Date(Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS);
  return { startTime: new Date(endTime.getTime() - lookbackDays * DAY_MS), endTime };
}

/**
 * Packs an `Available` and a `Stopped` query (Stat Maximum) per WorkSpace over [startTime, endTime) into
 * calls of at most 500 queries and 100,800 datapoints, so no call needs a second page.
 */
export function planActivityBatches(
  workspaceIds: readonly string[],
  startTime: Date,
  endTime: Date,
  periodSeconds: number,
): ActivityBatch[] {
  const perQuery = Math.max(1, Math.ceil((endTime.getTime() - startTime.getTime()) / (periodSeconds * 1000)));
  const perCall = Math.max(1, Math.min(GET_METRIC_DATA_MAX_QUERIES, Math.floor(GET_METRIC_DATA_MAX_DATAPOINTS / perQuery)));
  const batches: ActivityBatch[] = [];
  let batch: ActivityBatch | undefined;
  for (const workspaceId of new Set(workspaceIds)) {
    for (const metricName of ACTIVITY_METRICS) {
      if (!batch || batch.queries.length >= perCall) batches.push((batch = { queries: [], byId: new Map(), datapoints: 0 }));
      const id = `q${batch.queries.length}`;
      batch.byId.set(id, workspaceId);
      batch.datapoints += perQuery;
      batch.queries.push({
        Id: id,
        MetricStat: {
          Metric: { Namespace: "AWS/WorkSpaces", MetricName: metricName, Dimensions: [{ Name: "WorkspaceId", Value: workspaceId }] },
          Period: periodSeconds,
          Stat: "Maximum",
        },
        ReturnData: true,
      });
    }
  }
  return batches;
}

export interface ActivityReadOptions {
  /** GetMetricData calls in flight at once; the rate gate still spaces them. Default 4. */
  concurrency?: number;
}

/** `earliestActivity` of a Region's metrics section. */
export function earliestActivity(clients: RegionClients) {
  /** Runs the batches over one range, following NextToken, and keeps each WorkSpace's earliest timestamp with a value > 0. */
  async function earliestIn(
    batches: readonly ActivityBatch[],
    startTime: Date,
    endTime: Date,
    earliest: Map<string, number>,
    concurrency: number,
  ): Promise<void> {
    await eachWithConcurrency(batches, concurrency, async (batch) => {
      await eachMetricDataPage(clients.cloudwatch, batch.queries, startTime, endTime, (results) => {
        for (const result of results) {
          const workspaceId = result.Id ? batch.byId.get(result.Id) : undefined;
          if (!workspaceId) continue;
          const timestamps = result.Timestamps ?? [];
          const values = result.Values ?? [];
          for (let i = 0; i < timestamps.length; i += 1) {
            if (!((values[i] ?? 0) > 0)) continue;
            const at = timestamps[i]!.getTime();
            const known = earliest.get(workspaceId);
            if (known === undefined || at < known) earliest.set(workspaceId, at);
          }
        }
      });
    });
  }

  /**
   * The earliest hour in which each WorkSpace reported `Available` or `Stopped` over the last `lookbackDays`
   * (at most CloudWatch's 455), as evidence of when it was created. WorkSpaces without such a datapoint are
   * absent. Any failed call fails the whole look-up.
   */
  return function lookUp(
    workspaceIds: readonly string[],
    lookbackDays = CLOUDWATCH_RETENTION_DAYS,
    now = new Date(),
    options: ActivityReadOptions = {},
  ): Promise<Map<string, Date>> {
    return clients.run("GetMetricData", async () => {
      const concurrency = options.concurrency ?? 4;
      const { startTime, endTime } = activityRange(Math.min(lookbackDays, CLOUDWATCH_RETENTION_DAYS), now);
      const weeks = new Map<string, number>();
      await earliestIn(
        planActivityBatches(workspaceIds, startTime, endTime, COARSE_PERIOD_SECONDS),
        startTime,
        endTime,
        weeks,
        concurrency,
      );
      // The first week with a datapoint, read again by the hour; WorkSpaces that share that week share the calls.
      const byWeek = new Map<number, string[]>();
      for (const [workspaceId, week] of weeks) byWeek.set(week, [...(byWeek.get(week) ?? []), workspaceId]);
      const hours = new Map<string, number>();
      const passes = [...byWeek].map(([week, ids]) => {
        const from = new Date(week);
        const to = new Date(Math.min(week + COARSE_PERIOD_SECONDS * 1000, endTime.getTime()));
        return { from, to, batches: planActivityBatches(ids, from, to, FINE_PERIOD_SECONDS) };
      });
      await eachWithConcurrency(
        passes.flatMap((pass) => pass.batches.map((batch) => ({ pass, batch }))),
        concurrency,
        ({ pass, batch }) => earliestIn([batch], pass.from, pass.to, hours, 1),
      );
      // The week stands as evidence should its hours have aged out of CloudWatch between the two passes.
      return new Map([...weeks].map(([workspaceId, week]) => [workspaceId, new Date(hours.get(workspaceId) ?? week)]));
    });
  };
}
