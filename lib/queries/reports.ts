import "server-only";
import { db } from "../db";
import {
  costGroups,
  sessionPercentiles,
  usageByDirectoryDay,
  USAGE_WINDOW_DAYS,
  utcDay,
  type CostGroup,
  type FigureScope,
} from "../core/report-figures";
import { getUsageStatus } from "../core/usage";
import type { ReportScope } from "../domain/reports";
import { Prisma } from "../generated/prisma/client";
import { PERIOD_MONTHS, type ReportFilter } from "../schemas/reports";
import { bundlesIn, catalogFor } from "./catalog";
import { accountNames } from "../core/accounts";

const DAY_MS = 86_400_000;
/** The seed's target for a good experience: in-session round trip under 100 ms. */
export const LATENCY_TARGET_MS = 100;

export interface CostRow {
  key: string;
  label: string;
  workspaces: number;
  monthlyCostCents: number;
}

export interface ReportData {
  scope: ReportScope;
  filter: ReportFilter;
  /** Where the cost figures come from: today's snapshot of the whole fleet, or the WorkSpaces read now. */
  costSource: { kind: "snapshot"; day: Date } | { kind: "live" };
  totals: { workspaces: number; monthlyCostCents: number; available: number; unhealthy: number; stopped: number; unpriced: number };
  costBy: Record<"costCenter" | "bundle" | "runningMode" | "region", CostRow[]>;
  /** One point per month: the month's last snapshot. */
  trend: { month: string; day: Date; workspaces: number; monthlyCostCents: number }[];
  /** False when the trend covers more than the filtered view (a team's trend is kept for the whole team). */
  trendFollowsFilter: boolean;
  savings: { origin: "optimizer" | "reclaim"; requests: number; thisMonthCents: number; totalCents: number }[];
  failuresByDay: { day: Date; connectionAttempts: number; connectionFailures: number }[];
  sessions: {
    directoryId: string;
    directoryName: string;
    region: string;
    launchP50Seconds: number | null;
    launchP95Seconds: number | null;
    latencyP50Ms: number | null;
    latencyP95Ms: number | null;
  }[];
  usageAsOf: Date | null;
  /** Why the last usage sync failed, when it did: the figures are those of the last good sync. */
  usageError: string | null;
  regions: string[];
  directories: { id: string; name: string }[];
}

function figureScope(scope: ReportScope, filter: ReportFilter): FigureScope {
  return {
    managerId: scope.kind === "team" ? scope.managerId : undefined,
    region: filter.region,
    directoryId: filter.directory,
  };
}

/** The fleet's cost groups from the latest snapshot, or null when no snapshot has been taken yet. */
async function snapshotGroups(): Promise<{ day: Date; groups: CostGroup[] } | null> {
  const latest = await db().costSnapshot.findFirst({ where: { dimension: "total" }, orderBy: { day: "desc" }, select: { day: true } });
  if (!latest) return null;
  const rows = await db().costSnapshot.findMany({
    where: { day: latest.day, dimension: { in: ["total", "costCenter", "bundle", "runningMode", "region", "directory"] } },
  });
  return { day: latest.day, groups: rows.map((r) => ({ ...r, dimension: r.dimension as CostGroup["dimension"], unpriced: 0 })) };
}

async function trendFor(scope: ReportScope, filter: ReportFilter, now: Date) {
  const months = PERIOD_MONTHS[filter.period];
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
  const [dimension, key, follows] =
    scope.kind === "team"
      ? ["manager", scope.managerId, !filter.region && !filter.directory]
      : filter.directory
        ? ["directory", filter.directory, true]
        : filter.region
          ? ["region", filter.region, true]
          : ["total", "all", true];
  const rows = await db().$queryRaw<{ day: Date; workspaces: number; monthlyCostCents: number }[]>(Prisma.sql`
    SELECT DISTINCT ON (date_trunc('month', "day")) "day", "workspaces", "monthlyCostCents"
    FROM "CostSnapshot" WHERE "dimension" = ${dimension} AND "key" = ${key} AND "day" >= ${start}::date
    ORDER BY date_trunc('month', "day"), "day" DESC`);
  return { trend: rows.map((r) => ({ ...r, month: r.day.toISOString().slice(0, 7) })), follows: Boolean(follows) };
}

async function savingsFor(scope: ReportScope, filter: ReportFilter, now: Date): Promise<ReportData["savings"]> {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const where = [Prisma.sql`r."origin" IN ('optimizer', 'reclaim') AND r."status" = 'SUCCEEDED' AND r."costDeltaCents" < 0`];
  if (scope.kind === "team") where.push(Prisma.sql`u."managerId" = ${scope.managerId}`);
  if (filter.region) where.push(Prisma.sql`r."region" = ${filter.region}`);
  if (filter.directory) where.push(Prisma.sql`r."directoryId" = ${filter.directory}`);
  const rows = await db().$queryRaw<{ origin: "optimizer" | "reclaim"; requests: number; thisMonthCents: number; totalCents: number }[]>(
    Prisma.sql`
    SELECT r."origin", count(*)::int AS "requests",
           COALESCE(sum(-r."costDeltaCents") FILTER (WHERE r."completedAt" >= ${monthStart}), 0)::int AS "thisMonthCents",
           COALESCE(sum(-r."costDeltaCents"), 0)::int AS "totalCents"
    FROM "Request" r JOIN "User" u ON u."id" = r."beneficiaryId"
    WHERE ${Prisma.join(where, " AND ")}
    GROUP BY r."origin"`,
  );
  return (["optimizer", "reclaim"] as const).map(
    (origin) => rows.find((r) => r.origin === origin) ?? { origin, requests: 0, thisMonthCents: 0, totalCents: 0 },
  );
}

/** Connection failures per day and session percentiles per directory over the usage window. */
async function usageFor(scope: ReportScope, filter: ReportFilter, now: Date) {
  const to = utcDay(now);
  const from = new Date(to.getTime() - (USAGE_WINDOW_DAYS - 1) * DAY_MS);
  if (scope.kind === "team") {
    const live = figureScope(scope, filter);
    const [days, percentiles] = await Promise.all([usageByDirectoryDay(db(), live, from, to), sessionPercentiles(db(), live, from, to)]);
    const byDay = new Map<number, { day: Date; connectionAttempts: number; connectionFailures: number }>();
    for (const d of days) {
      const hit = byDay.get(d.day.getTime()) ?? { day: d.day, connectionAttempts: 0, connectionFailures: 0 };
      hit.connectionAttempts += d.connectionAttempts;
      hit.connectionFailures += d.connectionFailures;
      byDay.set(d.day.getTime(), hit);
    }
    return { failuresByDay: [...byDay.values()], percentiles };
  }
  // The whole fleet reads the snapshot's per-directory figures: days × directories rows.
  const where = [Prisma.sql`"day" BETWEEN ${from}::date AND ${to}::date`];
  if (filter.region) where.push(Prisma.sql`"region" = ${filter.region}`);
  if (filter.directory) where.push(Prisma.sql`"directoryId" = ${filter.directory}`);
  const cond = Prisma.join(where, " AND ");
  const [failuresByDay, percentiles] = await Promise.all([
    db().$queryRaw<ReportData["failuresByDay"]>(Prisma.sql`
      SELECT "day", sum("connectionAttempts")::int AS "connectionAttempts", sum("connectionFailures")::int AS "connectionFailures"
      FROM "UsageDirectoryDay" WHERE ${cond} GROUP BY "day" ORDER BY "day"`),
    db().$queryRaw<Awaited<ReturnType<typeof sessionPercentiles>>>(Prisma.sql`
      SELECT DISTINCT ON ("directoryId") "directoryId", "region", "launchP50Seconds", "launchP95Seconds", "latencyP50Ms", "latencyP95Ms"
      FROM "UsageDirectoryDay" WHERE ${cond} AND ("launchP50Seconds" IS NOT NULL OR "latencyP50Ms" IS NOT NULL)
      ORDER BY "directoryId", "day" DESC`),
  ]);
  return { failuresByDay, percentiles };
}

const NONE: Record<string, string> = { costCenter: "No cost centre", runningMode: "Unknown mode", bundle: "Unknown bundle" };
const MODE_LABELS: Record<string, string> = { ALWAYS_ON: "AlwaysOn", AUTO_STOP: "AutoStop", MANUAL: "Manual" };

/** Everything the reports page shows, for the viewer's scope and the URL's filter. */
export async function loadReports(scope: ReportScope, filter: ReportFilter, now: Date = new Date()): Promise<ReportData> {
  const fleetView = scope.kind === "fleet" && !filter.region && !filter.directory;
  const [snapshot, trend, savings, usage, usageStatus] = await Promise.all([
    fleetView ? snapshotGroups() : Promise.resolve(null),
    trendFor(scope, filter, now),
    savingsFor(scope, filter, now),
    usageFor(scope, filter, now),
    getUsageStatus(db()),
  ]);
  const groups = snapshot?.groups ?? (await costGroups(db(), figureScope(scope, filter), bundlesIn));
  const of = (dimension: CostGroup["dimension"]) => groups.filter((g) => g.dimension === dimension);
  const regions = [...new Set([...of("region").map((g) => g.key), ...usage.percentiles.map((p) => p.region)])].sort();
  // Every configured account's directories, so a branch office's directory reads by its name too.
  const catalog = await catalogFor(regions, (await accountNames(db())).keys());
  const label = (dimension: string, key: string) => {
    if (!key) return NONE[dimension] ?? "None";
    if (dimension === "bundle") return catalog.bundle(key)?.name ?? key;
    if (dimension === "runningMode") return MODE_LABELS[key] ?? key;
    return key;
  };
  // Rows with the same label are one row: Amazon's bundles have one id per Region under one name, and a
  // reader asks what "Standard with Windows 10" costs, not what each Region's copy of it costs.
  const rowsOf = (dimension: "costCenter" | "bundle" | "runningMode" | "region"): CostRow[] => {
    const byLabel = new Map<string, CostRow>();
    for (const g of of(dimension)) {
      const name = label(dimension, g.key);
      const row = byLabel.get(name);
      if (row) {
        row.workspaces += g.workspaces;
        row.monthlyCostCents += g.monthlyCostCents;
      } else byLabel.set(name, { key: g.key, label: name, workspaces: g.workspaces, monthlyCostCents: g.monthlyCostCents });
    }
    return [...byLabel.values()].sort((a, b) => b.monthlyCostCents - a.monthlyCostCents || a.label.localeCompare(b.label));
  };
  const total = of("total")[0];
  const directoryName = (id: string) => catalog.directory(id)?.name ?? id;
  return {
    scope,
    filter,
    costSource: snapshot ? { kind: "snapshot", day: snapshot.day } : { kind: "live" },
    totals: {
      workspaces: total?.workspaces ?? 0,
      monthlyCostCents: total?.monthlyCostCents ?? 0,
      available: total?.available ?? 0,
      unhealthy: total?.unhealthy ?? 0,
      stopped: total?.stopped ?? 0,
      unpriced: total?.unpriced ?? 0,
    },
    costBy: { costCenter: rowsOf("costCenter"), bundle: rowsOf("bundle"), runningMode: rowsOf("runningMode"), region: rowsOf("region") },
    trend: trend.trend,
    trendFollowsFilter: trend.follows,
    savings,
    failuresByDay: usage.failuresByDay,
    sessions: usage.percentiles.map((p) => ({ ...p, directoryName: directoryName(p.directoryId) })),
    usageAsOf: usageStatus.asOf,
    usageError: usageStatus.lastError,
    regions,
    directories: [...new Set([...of("directory").map((g) => g.key), ...usage.percentiles.map((p) => p.directoryId)])]
      .map((id) => ({ id, name: directoryName(id) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
