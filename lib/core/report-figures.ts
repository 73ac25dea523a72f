import "server-only";
import { priceShape, workspaceMonthlyCost, type Bundle } from "../domain";
import { Prisma } from "../generated/prisma/client";
import { catalogSource } from "./catalog";
import { getPolicySettings, getPriceTable } from "./settings";
import type { Tx } from "./tx";
import type { WorkspaceRecord } from "./workspace-records";

// The figures behind the reports, shared by the daily snapshot (which stores them for the whole fleet)
// and the reports' live reads for a team or a filtered view. Everything is aggregated in SQL; only
// groups leave the database.

/** Whose WorkSpaces a figure covers: everyone's, or a manager's team; optionally one Region or directory. */
export interface FigureScope {
  managerId?: string;
  region?: string;
  directoryId?: string;
}

export const COST_DIMENSIONS = ["total", "costCenter", "bundle", "runningMode", "region", "directory", "manager"] as const;
export type CostDimension = (typeof COST_DIMENSIONS)[number];

export interface CostGroup {
  dimension: CostDimension;
  /** "" when the WorkSpaces have no value for the dimension (no cost centre, no manager); "all" for the total. */
  key: string;
  workspaces: number;
  monthlyCostCents: number;
  available: number;
  unhealthy: number;
  stopped: number;
  /** WorkSpaces whose cost cannot be estimated (no price or unknown bundle); they add nothing to the cost. */
  unpriced: number;
}

/** The User join a team scope needs; the whole fleet's figures skip it. */
function ownerJoin(scope: FigureScope): Prisma.Sql {
  return scope.managerId ? Prisma.sql`JOIN "User" u ON u."id" = w."ownerId"` : Prisma.empty;
}

function scopeSql(scope: FigureScope): Prisma.Sql {
  const parts = [Prisma.sql`w."goneAt" IS NULL AND w."state" <> 'TERMINATED'`];
  if (scope.managerId) parts.push(Prisma.sql`u."managerId" = ${scope.managerId}`);
  if (scope.region) parts.push(Prisma.sql`w."region" = ${scope.region}`);
  if (scope.directoryId) parts.push(Prisma.sql`w."directoryId" = ${scope.directoryId}`);
  return Prisma.join(parts, " AND ");
}

type CostClass = Pick<
  WorkspaceRecord,
  "region" | "bundleId" | "computeType" | "operatingSystem" | "runningMode" | "rootVolumeGb" | "userVolumeGb"
>;

// Pages pass a bundle reader that never waits long on AWS (lib/queries/catalog); the daily snapshot reads fresh.
type BundleReader = (region: string) => Promise<Bundle[]>;
const freshBundles: BundleReader = (region) =>
  catalogSource()
    .bundles(region)
    .catch(() => []);

/**
 * The monthly cost of each distinct priced shape of WorkSpace in scope. A fleet has few shapes (Region,
 * bundle, compute, OS, mode, volumes), so the domain's own estimate runs once per shape, not per WorkSpace.
 */
async function costClasses(tx: Tx, scope: FigureScope, readBundles: BundleReader): Promise<(CostClass & { cents: number | null })[]> {
  const classes = await tx.$queryRaw<CostClass[]>(Prisma.sql`
    SELECT DISTINCT w."region", w."bundleId", w."computeType", w."operatingSystem", w."runningMode", w."rootVolumeGb", w."userVolumeGb"
    FROM "Workspace" w ${ownerJoin(scope)}
    WHERE ${scopeSql(scope)}`);
  if (classes.length === 0) return [];
  const [prices, settings] = await Promise.all([getPriceTable(tx), getPolicySettings(tx)]);
  const regions = [...new Set(classes.map((c) => c.region))];
  const bundles = new Map<string, Bundle>();
  for (const region of regions) {
    for (const b of await readBundles(region)) bundles.set(b.id, b);
  }
  return classes.map((c) => {
    const cost = workspaceMonthlyCost(bundles.get(c.bundleId), priceShape(c), prices, {
      expectedAutoStopHours: settings.expectedAutoStopHoursPerMonth,
    });
    return { ...c, cents: cost.ok ? cost.total.cents : null };
  });
}

// GROUPING(...) over the six columns below: a set grouped by one column has every other bit set.
const DIMENSION_BY_MASK: Record<number, CostDimension> = {
  63: "total",
  31: "costCenter",
  47: "bundle",
  55: "runningMode",
  59: "region",
  61: "directory",
  62: "manager",
};

/** Count, estimated monthly cost and state of the WorkSpaces in scope, by every report dimension, in one statement. */
export async function costGroups(tx: Tx, scope: FigureScope = {}, readBundles = freshBundles): Promise<CostGroup[]> {
  const classes = await costClasses(tx, scope, readBundles);
  if (classes.length === 0) return [];
  const rows = await tx.$queryRaw<
    {
      mask: number;
      costCenter: string | null;
      bundleId: string | null;
      runningMode: string | null;
      region: string | null;
      directoryId: string | null;
      manager: string | null;
      workspaces: number;
      cents: number;
      available: number;
      unhealthy: number;
      stopped: number;
      unpriced: number;
    }[]
  >(Prisma.sql`
    WITH c AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(classes)}::jsonb) AS c(
        "region" text, "bundleId" text, "computeType" text, "operatingSystem" text, "runningMode" text,
        "rootVolumeGb" int, "userVolumeGb" int, "cents" int)
    ), s AS (
      SELECT COALESCE(w."costCenter", '') AS "costCenter", w."bundleId", COALESCE(w."runningMode", '') AS "runningMode",
             w."region", w."directoryId", COALESCE(u."managerId", '') AS "manager", w."state", c."cents"
      FROM "Workspace" w
      LEFT JOIN "User" u ON u."id" = w."ownerId"
      LEFT JOIN c ON c."region" = w."region" AND c."bundleId" = w."bundleId"
        AND c."computeType" IS NOT DISTINCT FROM w."computeType" AND c."operatingSystem" IS NOT DISTINCT FROM w."operatingSystem"
        AND c."runningMode" IS NOT DISTINCT FROM w."runningMode" AND c."rootVolumeGb" IS NOT DISTINCT FROM w."rootVolumeGb"
        AND c."userVolumeGb" IS NOT DISTINCT FROM w."userVolumeGb"
      WHERE ${scopeSql(scope)}
    )
    SELECT GROUPING("costCenter", "bundleId", "runningMode", "region", "directoryId", "manager")::int AS "mask",
           "costCenter", "bundleId", "runningMode", "region", "directoryId", "manager",
           count(*)::int AS "workspaces", COALESCE(sum("cents"), 0)::int AS "cents",
           count(*) FILTER (WHERE "state" = 'AVAILABLE')::int AS "available",
           count(*) FILTER (WHERE "state" = 'UNHEALTHY')::int AS "unhealthy",
           count(*) FILTER (WHERE "state" = 'STOPPED')::int AS "stopped",
           count(*) FILTER (WHERE "cents" IS NULL)::int AS "unpriced"
    FROM s
    GROUP BY GROUPING SETS ((), ("costCenter"), ("bundleId"), ("runningMode"), ("region"), ("directoryId"), ("manager"))`);
  return rows.map((r) => {
    const dimension = DIMENSION_BY_MASK[r.mask]!;
    const key = {
      total: "all",
      costCenter: r.costCenter,
      bundle: r.bundleId,
      runningMode: r.runningMode,
      region: r.region,
      directory: r.directoryId,
      manager: r.manager,
    }[dimension];
    return {
      dimension,
      key: key ?? "",
      workspaces: r.workspaces,
      monthlyCostCents: r.cents,
      available: r.available,
      unhealthy: r.unhealthy,
      stopped: r.stopped,
      unpriced: r.unpriced,
    };
  });
}

export interface DirectoryUsageDay {
  day: Date;
  directoryId: string;
  region: string;
  workspaces: number;
  connectionAttempts: number;
  connectionFailures: number;
  unhealthyHours: number;
  stoppedHours: number;
}

/** Usage figures per directory per day, from the WorkSpaces' daily usage, for days in [from, to] (UTC dates). */
export async function usageByDirectoryDay(tx: Tx, scope: FigureScope, from: Date, to: Date): Promise<DirectoryUsageDay[]> {
  return tx.$queryRaw<DirectoryUsageDay[]>(Prisma.sql`
    SELECT d."day", w."directoryId", min(w."region") AS "region", count(*)::int AS "workspaces",
           sum(d."connectionAttempts")::int AS "connectionAttempts", sum(d."connectionFailures")::int AS "connectionFailures",
           sum(d."unhealthyHours")::int AS "unhealthyHours", sum(d."stoppedHours")::int AS "stoppedHours"
    FROM "WorkspaceUsageDay" d
    JOIN "Workspace" w ON w."id" = d."workspaceId"
    ${ownerJoin(scope)}
    WHERE d."day" BETWEEN ${from}::date AND ${to}::date AND ${scopeSql(scope)}
    GROUP BY d."day", w."directoryId"
    ORDER BY d."day", w."directoryId"`);
}

export interface DirectorySessionPercentiles {
  directoryId: string;
  region: string;
  launchP50Seconds: number | null;
  launchP95Seconds: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
}

/**
 * p50 and p95 of session launch time and in-session latency per directory over [from, to]: PostgreSQL's
 * percentile_cont over the WorkSpaces' daily averages (one value per WorkSpace per day with a session;
 * CloudWatch gives the portal daily averages, not every session).
 */
export async function sessionPercentiles(tx: Tx, scope: FigureScope, from: Date, to: Date): Promise<DirectorySessionPercentiles[]> {
  const rows = await tx.$queryRaw<{ directoryId: string; region: string; launch: number[] | null; latency: number[] | null }[]>(Prisma.sql`
    SELECT w."directoryId", min(w."region") AS "region",
           percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY d."sessionLaunchSeconds") AS "launch",
           percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY d."inSessionLatencyMs") AS "latency"
    FROM "WorkspaceUsageDay" d
    JOIN "Workspace" w ON w."id" = d."workspaceId"
    ${ownerJoin(scope)}
    WHERE d."day" BETWEEN ${from}::date AND ${to}::date AND ${scopeSql(scope)}
      AND (d."sessionLaunchSeconds" IS NOT NULL OR d."inSessionLatencyMs" IS NOT NULL)
    GROUP BY w."directoryId"
    ORDER BY w."directoryId"`);
  return rows.map((r) => ({
    directoryId: r.directoryId,
    region: r.region,
    launchP50Seconds: r.launch?.[0] ?? null,
    launchP95Seconds: r.launch?.[1] ?? null,
    latencyP50Ms: r.latency?.[0] ?? null,
    latencyP95Ms: r.latency?.[1] ?? null,
  }));
}

/** Midnight UTC of the day `at` falls on. */
export function utcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export const USAGE_WINDOW_DAYS = 30;
