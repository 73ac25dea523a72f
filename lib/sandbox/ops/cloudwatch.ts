import type { Handler, OpContext } from "../engine";
import { AwsError } from "../protocol/errors";
import {
  isWorkspaceMetric,
  METRIC_UNITS,
  metricSeries,
  parseStatistic,
  WORKSPACE_METRICS,
  type Series,
  type Statistic,
} from "../world/metrics";
import type { WorkspaceRecord } from "../world/types";
import { hashId } from "../world/usage";
import { decodeToken, encodeToken } from "./pagination";

// CloudWatch for the AWS/WorkSpaces namespace, per WorkspaceId. Errors carry AWS's JSON 1.0 names;
// server.ts adds the x-amzn-query-error header with their query-protocol codes.
export const NAMESPACE = "AWS/WorkSpaces";
export const MAX_QUERIES = 500;
export const DEFAULT_MAX_DATAPOINTS = 100_800;
const STATISTICS_LIMIT = 1_440;
const LIST_PAGE = 500;

const validationError = (message: string) => new AwsError("ValidationException", message);
const invalidValue = (message: string) => new AwsError("InvalidParameterValueException", message);
const invalidCombination = (message: string) => new AwsError("InvalidParameterCombinationException", message);

interface Dimension {
  Name: string;
  Value: string;
}
interface MetricInput {
  Namespace?: string;
  MetricName?: string;
  Dimensions?: Dimension[];
}

// The WorkSpace a metric names, or undefined when it is not a per-WorkSpace AWS/WorkSpaces metric the
// sandbox publishes (CloudWatch then returns no data rather than an error).
function metricTarget(ctx: OpContext, metric: MetricInput): WorkspaceRecord | undefined {
  if (metric.Namespace !== NAMESPACE || !metric.MetricName || !isWorkspaceMetric(metric.MetricName)) return undefined;
  const dims = metric.Dimensions ?? [];
  if (dims.length !== 1 || dims[0]!.Name !== "WorkspaceId") return undefined;
  return ctx.world.workspaces[dims[0]!.Value];
}

function series(ctx: OpContext, metric: MetricInput, startMs: number, endMs: number, periodSeconds: number, stat: Statistic): Series {
  const ws = metricTarget(ctx, metric);
  if (!ws || !isWorkspaceMetric(metric.MetricName ?? "")) return { timestamps: [], values: [] };
  return metricSeries(ws, ctx.world.region, {
    metric: metric.MetricName as (typeof WORKSPACE_METRICS)[number],
    startMs,
    endMs,
    periodSeconds,
    stat,
    now: ctx.now,
  });
}

function checkPeriod(period: number, name: string): void {
  if (period < 60 || period % 60 !== 0) throw invalidValue(`The parameter ${name} must be a multiple of 60.`);
}

function checkRange(start: number, end: number): void {
  if (!(start < end)) throw validationError("The parameter StartTime must be less than the parameter EndTime.");
}

interface MetricDataQuery {
  Id: string;
  MetricStat?: { Metric: MetricInput; Period: number; Stat: string; Unit?: string };
  Expression?: string;
  Label?: string;
  ReturnData?: boolean;
}

interface GetMetricDataInput {
  MetricDataQueries: MetricDataQuery[];
  StartTime: number;
  EndTime: number;
  NextToken?: string;
  ScanBy?: string;
  MaxDatapoints?: number;
}

function checkQueries(queries: MetricDataQuery[]): Statistic[] {
  if (queries.length > MAX_QUERIES)
    throw validationError(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
  if (queries.length === 0) throw validationError("The collection MetricDataQueries must not be empty.");
  const ids = new Set<string>();
  return queries.map((q, i) => {
    const at = `MetricDataQueries.member.${i + 1}`;
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(q.Id)) throw validationError(`The value ${q.Id} for parameter ${at}.Id is not valid.`);
    if (ids.has(q.Id)) throw validationError("The values for parameter id in MetricDataQueries are not unique.");
    ids.add(q.Id);
    if (q.Expression !== undefined)
      throw invalidValue(`${at}.Expression: metric math and Metrics Insights queries are not supported by the sandbox; use MetricStat.`);
    if (!q.MetricStat) throw invalidValue(`${at} must specify either Expression or MetricStat.`);
    checkPeriod(q.MetricStat.Period, `${at}.MetricStat.Period`);
    const stat = parseStatistic(q.MetricStat.Stat);
    if (!stat) throw invalidValue(`The value ${q.MetricStat.Stat} for parameter ${at}.MetricStat.Stat is not a valid statistic.`);
    return stat;
  });
}

// A cursor: the query to continue with and the last timestamp already returned for it.
function fingerprint(req: GetMetricDataInput): number {
  return hashId(`${req.StartTime}/${req.EndTime}/${req.ScanBy ?? ""}/${req.MetricDataQueries.map((q) => q.Id).join(",")}`);
}

const getMetricData: Handler = (ctx, input) => {
  const req = input as unknown as GetMetricDataInput;
  const stats = checkQueries(req.MetricDataQueries);
  checkRange(req.StartTime, req.EndTime);
  const maxDatapoints = req.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
  if (maxDatapoints < 1) throw invalidValue("The parameter MaxDatapoints must be greater than 0.");
  const ascending = req.ScanBy === "TimestampAscending";
  const print = fingerprint(req);
  let startQuery = 0;
  let after: number | undefined;
  if (req.NextToken !== undefined) {
    const cursor = decodeToken(req.NextToken, "InvalidNextToken");
    if (cursor.f !== print || typeof cursor.q !== "number" || cursor.q < 0 || cursor.q >= req.MetricDataQueries.length)
      throw new AwsError("InvalidNextToken", "The service cannot find the NextToken you specified; it belongs to another request.");
    startQuery = cursor.q;
    after = typeof cursor.t === "number" ? cursor.t : undefined;
  }
  const startMs = Math.floor(req.StartTime / 60) * 60_000;
  const endMs = req.EndTime * 1000;
  let budget = maxDatapoints;
  const results: Record<string, unknown>[] = [];
  let next: string | undefined;
  for (let qi = startQuery; qi < req.MetricDataQueries.length; qi++) {
    const q = req.MetricDataQueries[qi]!;
    if (q.ReturnData === false) continue;
    if (budget === 0) {
      next = encodeToken({ f: print, q: qi });
      break;
    }
    const stat = q.MetricStat!;
    let { timestamps, values } = series(ctx, stat.Metric, startMs, endMs, stat.Period, stats[qi]!);
    if (stat.Unit !== undefined && stat.Metric.MetricName && stat.Unit !== METRIC_UNITS[stat.Metric.MetricName as never])
      [timestamps, values] = [[], []];
    if (!ascending) {
      timestamps.reverse();
      values.reverse();
    }
    let from = 0;
    if (qi === startQuery && after !== undefined) {
      const cut = after;
      from = timestamps.findIndex((t) => (ascending ? t > cut : t < cut));
      if (from < 0) from = timestamps.length;
    }
    const take = Math.min(budget, timestamps.length - from);
    const partial = from + take < timestamps.length;
    results.push({
      Id: q.Id,
      Label: q.Label ?? stat.Metric.MetricName,
      Timestamps: timestamps.slice(from, from + take),
      Values: values.slice(from, from + take),
      StatusCode: partial ? "PartialData" : "Complete",
    });
    budget -= take;
    if (partial) {
      next = encodeToken({ f: print, q: qi, t: timestamps[from + take - 1]! });
      break;
    }
  }
  return { MetricDataResults: results, Messages: [], ...(next ? { NextToken: next } : {}) };
};

interface GetMetricStatisticsInput extends MetricInput {
  StartTime: number;
  EndTime: number;
  Period: number;
  Statistics?: string[];
  ExtendedStatistics?: string[];
  Unit?: string;
}

const getMetricStatistics: Handler = (ctx, input) => {
  const req = input as unknown as GetMetricStatisticsInput;
  if (!req.Statistics === !req.ExtendedStatistics)
    throw invalidCombination("Must specify either Statistics or ExtendedStatistics, but not both.");
  checkPeriod(req.Period, "Period");
  checkRange(req.StartTime, req.EndTime);
  const startMs = Math.floor(req.StartTime / 60) * 60_000;
  const endMs = req.EndTime * 1000;
  const requested = Math.ceil((endMs - startMs) / (req.Period * 1000));
  if (requested > STATISTICS_LIMIT)
    throw invalidCombination(
      `You have requested up to ${requested} datapoints, which exceeds the limit of ${STATISTICS_LIMIT}. ` +
        "You may reduce the datapoints requested by increasing Period, or decreasing the time range.",
    );
  const extended = (req.ExtendedStatistics ?? []).map((s) => {
    const stat = parseStatistic(s);
    if (!stat || typeof stat !== "object") throw invalidValue(`The value ${s} for parameter ExtendedStatistics is not a valid percentile.`);
    return [s, stat] as const;
  });
  const unit = req.MetricName && isWorkspaceMetric(req.MetricName) ? METRIC_UNITS[req.MetricName] : undefined;
  const byTime = new Map<number, Record<string, unknown>>();
  const point = (t: number) => {
    let p = byTime.get(t);
    if (!p) byTime.set(t, (p = { Timestamp: t, Unit: unit }));
    return p;
  };
  if (req.Unit === undefined || req.Unit === unit) {
    for (const s of req.Statistics ?? []) {
      const { timestamps, values } = series(ctx, req, startMs, endMs, req.Period, s as Statistic);
      timestamps.forEach((t, i) => (point(t)[s] = values[i]));
    }
    for (const [name, stat] of extended) {
      const { timestamps, values } = series(ctx, req, startMs, endMs, req.Period, stat);
      timestamps.forEach((t, i) => {
        const p = point(t);
        p.ExtendedStatistics = { ...(p.ExtendedStatistics as object), [name]: values[i] };
      });
    }
  }
  return { Label: req.MetricName, Datapoints: [...byTime.values()] };
};

interface ListMetricsInput {
  Namespace?: string;
  MetricName?: string;
  Dimensions?: { Name: string; Value?: string }[];
  NextToken?: string;
}

const listMetrics: Handler = (ctx, input) => {
  const req = input as ListMetricsInput;
  let workspaces: string[] = [];
  const names = WORKSPACE_METRICS.filter((m) => req.MetricName === undefined || req.MetricName === m);
  const dims = req.Dimensions ?? [];
  const namespaceMatches = req.Namespace === undefined || req.Namespace === NAMESPACE;
  if (namespaceMatches && dims.every((d) => d.Name === "WorkspaceId") && names.length > 0) {
    const values = new Set(dims.flatMap((d) => (d.Value === undefined ? [] : [d.Value])));
    if (values.size > 1) workspaces = [];
    else if (values.size === 1) workspaces = ctx.world.workspaces[[...values][0]!] ? [...values] : [];
    else workspaces = ctx.world.order.filter((id) => ctx.world.workspaces[id]!.createdAt <= ctx.now);
  }
  // Entry i is metric names[i % n] of WorkSpace workspaces[i / n]; the token is an offset into that.
  const total = workspaces.length * names.length;
  let offset = 0;
  if (req.NextToken !== undefined) {
    const cursor = decodeToken(req.NextToken, "InvalidParameterValueException");
    if (typeof cursor.o !== "number" || cursor.o < 0) throw invalidValue("The pagination token is invalid.");
    offset = cursor.o;
  }
  const end = Math.min(total, offset + LIST_PAGE);
  const metrics = [];
  for (let i = offset; i < end; i++) {
    metrics.push({
      Namespace: NAMESPACE,
      MetricName: names[i % names.length],
      Dimensions: [{ Name: "WorkspaceId", Value: workspaces[Math.floor(i / names.length)] }],
    });
  }
  const next = end < total ? encodeToken({ o: end }) : undefined;
  return { Metrics: metrics, ...(next ? { NextToken: next } : {}) };
};

export const cloudWatchOps: Record<string, Handler> = {
  GetMetricData: getMetricData,
  GetMetricStatistics: getMetricStatistics,
  ListMetrics: listMetrics,
};
