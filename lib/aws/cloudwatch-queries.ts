import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery, type MetricDataResult } from "@aws-sdk/client-cloudwatch";

// Which AWS/WorkSpaces metrics make a day of usage, and how to ask CloudWatch for them in the fewest
// GetMetricData calls. A call takes at most 500 queries and returns at most 100,800 datapoints before
// it pages with NextToken (each page is another call), so both limits decide the number of calls.

export const GET_METRIC_DATA_MAX_QUERIES = 500;
export const GET_METRIC_DATA_MAX_DATAPOINTS = 100_800;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export type UsageColumn =
  | "connected"
  | "connectionAttempts"
  | "connectionFailures"
  | "sessionDisconnects"
  | "unhealthy"
  | "stopped"
  | "sessionLaunchSeconds"
  | "inSessionLatencyMs";

export interface UsageMetric {
  column: UsageColumn;
  metricName: string;
  stat: "Maximum" | "Sum" | "Average";
  /**
   * Hourly where the portal needs to know the hours (connected, unhealthy, stopped); daily where a day's
   * total or average is all it keeps, which cuts the datapoints (and so the pages) by 24.
   */
  period: 3600 | 86400;
}

export const USAGE_METRICS: readonly UsageMetric[] = [
  { column: "connected", metricName: "UserConnected", stat: "Maximum", period: 3600 },
  { column: "unhealthy", metricName: "Unhealthy", stat: "Maximum", period: 3600 },
  { column: "stopped", metricName: "Stopped", stat: "Maximum", period: 3600 },
  { column: "connectionAttempts", metricName: "ConnectionAttempt", stat: "Sum", period: 86400 },
  { column: "connectionFailures", metricName: "ConnectionFailure", stat: "Sum", period: 86400 },
  { column: "sessionDisconnects", metricName: "SessionDisconnect", stat: "Sum", period: 86400 },
  { column: "sessionLaunchSeconds", metricName: "SessionLaunchTime", stat: "Average", period: 86400 },
  { column: "inSessionLatencyMs", metricName: "InSessionLatency", stat: "Average", period: 86400 },
];

/** The time range actually asked for: from a UTC midnight to the end of the hour that contains `end`. */
export function usageRange(start: Date, end: Date): { startTime: Date; endTime: Date; hours: number; days: number } {
  const startTime = new Date(Math.floor(start.getTime() / DAY_MS) * DAY_MS);
  const endTime = new Date(Math.max(startTime.getTime(), Math.ceil(end.getTime() / HOUR_MS) * HOUR_MS));
  const hours = (endTime.getTime() - startTime.getTime()) / HOUR_MS;
  return { startTime, endTime, hours, days: Math.ceil(hours / 24) };
}

export interface PlannedQuery {
  workspaceId: string;
  metric: UsageMetric;
  /** The most datapoints the query can return over the range. */
  datapoints: number;
}

export interface QueryBatch {
  queries: MetricDataQuery[];
  /** Query id → what it asks for. */
  byId: Map<string, PlannedQuery>;
  datapoints: number;
}

function datapointsOf(metric: UsageMetric, range: { hours: number; days: number }): number {
  return metric.period === 3600 ? range.hours : range.days;
}

// How far past a query that does not fit the packer looks for smaller ones that do (a day's query
// fills the space an hour's query leaves), so a call's datapoint budget is rarely left unused.
const LOOKAHEAD = 32;

/**
 * Packs every (WorkSpace, metric) query into batches of at most 500 queries and 100,800 datapoints,
 * in order, filling each batch's leftover room with later queries that still fit.
 */
export function planUsageBatches(workspaceIds: readonly string[], start: Date, end: Date): QueryBatch[] {
  const range = usageRange(start, end);
  const pending: PlannedQuery[] = [];
  for (const workspaceId of new Set(workspaceIds)) {
    for (const metric of USAGE_METRICS) pending.push({ workspaceId, metric, datapoints: datapointsOf(metric, range) });
  }
  const taken = new Uint8Array(pending.length);
  const batches: QueryBatch[] = [];
  let head = 0;
  while (head < pending.length) {
    const batch: QueryBatch = { queries: [], byId: new Map(), datapoints: 0 };
    let misses = 0;
    for (let i = head; i < pending.length && batch.queries.length < GET_METRIC_DATA_MAX_QUERIES && misses <= LOOKAHEAD; i += 1) {
      if (taken[i]) continue;
      const planned = pending[i]!;
      // A query larger than a whole call still goes alone; CloudWatch pages it.
      if (batch.queries.length > 0 && batch.datapoints + planned.datapoints > GET_METRIC_DATA_MAX_DATAPOINTS) {
        misses += 1;
        continue;
      }
      taken[i] = 1;
      const id = `q${batch.queries.length}`;
      batch.byId.set(id, planned);
      batch.datapoints += planned.datapoints;
      batch.queries.push({
        Id: id,
        MetricStat: {
          Metric: {
            Namespace: "AWS/WorkSpaces",
            MetricName: planned.metric.metricName,
            Dimensions: [{ Name: "WorkspaceId", Value: planned.workspaceId }],
          },
          Period: planned.metric.period,
          Stat: planned.metric.stat,
        },
        ReturnData: true,
      });
    }
    while (head < pending.length && taken[head]) head += 1;
    batches.push(batch);
  }
  return batches;
}

/** The fewest GetMetricData calls (pages included) that can read `workspaceCount` WorkSpaces over the range. */
export function minimumUsageCalls(workspaceCount: number, start: Date, end: Date): number {
  if (workspaceCount === 0) return 0;
  const range = usageRange(start, end);
  const queries = workspaceCount * USAGE_METRICS.length;
  const datapoints = workspaceCount * USAGE_METRICS.reduce((sum, metric) => sum + datapointsOf(metric, range), 0);
  return Math.max(Math.ceil(queries / GET_METRIC_DATA_MAX_QUERIES), Math.ceil(datapoints / GET_METRIC_DATA_MAX_DATAPOINTS));
}

/**
 * Runs one batch of GetMetricData queries over [startTime, endTime), oldest datapoints first, and hands
 * every page's results to `onPage`, following NextToken until CloudWatch has no more.
 */
export async function eachMetricDataPage(
  cloudwatch: CloudWatchClient,
  queries: MetricDataQuery[],
  startTime: Date,
  endTime: Date,
  onPage: (results: MetricDataResult[]) => void,
): Promise<void> {
  let nextToken: string | undefined;
  do {
    const page = await cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: startTime,
        EndTime: endTime,
        ScanBy: "TimestampAscending",
        NextToken: nextToken,
      }),
    );
    onPage(page.MetricDataResults ?? []);
    nextToken = page.NextToken;
  } while (nextToken);
}
