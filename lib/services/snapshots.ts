import "server-only";
import { db } from "../db";
import { costGroups, sessionPercentiles, usageByDirectoryDay, USAGE_WINDOW_DAYS, utcDay } from "../core/report-figures";
import { Prisma } from "../generated/prisma/client";

const DAY_MS = 86_400_000;
/** Usage of the last few days is still arriving (and a failed sync catches up later), so they are counted again each run. */
const RECOUNT_DAYS = 3;

/**
 * The earliest day in the window whose directory figures must be counted (again): the recent days, and any
 * day that has usage but no figures yet (the first run, or a usage sync that caught up after an outage).
 */
async function firstDayToRecount(from: Date, to: Date): Promise<Date> {
  const recent = new Date(to.getTime() - (RECOUNT_DAYS - 1) * DAY_MS);
  const [row] = await db().$queryRaw<{ day: Date | null }[]>(Prisma.sql`
    SELECT min(g."day") AS "day" FROM (SELECT generate_series(${from}::date, ${recent}::date, interval '1 day')::date AS "day") g
    WHERE NOT EXISTS (SELECT 1 FROM "UsageDirectoryDay" u WHERE u."day" = g."day")
      AND EXISTS (SELECT 1 FROM "WorkspaceUsageDay" d WHERE d."day" = g."day")`);
  return row?.day && row.day < recent ? row.day : recent;
}

export interface SnapshotResult {
  day: Date;
  costRows: number;
  directoryDays: number;
}

/**
 * Today's reports snapshot: the fleet's estimated cost and state by every dimension, and each directory's
 * usage per day over the usage window (the recent days and any day not counted yet) with today's 30-day
 * session percentiles. Upserts only, so running it again the same day
 * replaces that day's figures and nothing else.
 */
export async function takeReportsSnapshot(now: Date = new Date()): Promise<SnapshotResult> {
  const prisma = db();
  const day = utcDay(now);
  const from = new Date(day.getTime() - (USAGE_WINDOW_DAYS - 1) * DAY_MS);
  const recountFrom = await firstDayToRecount(from, day);
  const [groups, usage, percentiles] = await Promise.all([
    costGroups(prisma, {}),
    usageByDirectoryDay(prisma, {}, recountFrom, day),
    // The percentiles sort every daily average in the window; enough sort memory keeps that off disk.
    prisma.$transaction(async (tx) => {
      await tx.$executeRaw(Prisma.sql`SET LOCAL work_mem = '64MB'`);
      return sessionPercentiles(tx, {}, from, day);
    }),
  ]);
  const cost = groups.map(({ unpriced: _unpriced, ...g }) => g);
  // Every directory with usage in the window gets a row today, so today's percentiles have a place.
  const todayDirs = new Set(usage.filter((u) => u.day.getTime() === day.getTime()).map((u) => u.directoryId));
  const directoryRows = [
    ...usage.map((u) => ({ ...u, day: u.day.toISOString().slice(0, 10) })),
    ...percentiles
      .filter((p) => !todayDirs.has(p.directoryId))
      .map((p) => ({
        day: day.toISOString().slice(0, 10),
        directoryId: p.directoryId,
        region: p.region,
        workspaces: 0,
        connectionAttempts: 0,
        connectionFailures: 0,
        unhealthyHours: 0,
        stoppedHours: 0,
      })),
  ];
  const dayText = day.toISOString().slice(0, 10);
  await prisma.$transaction([
    prisma.$executeRaw(Prisma.sql`
      INSERT INTO "CostSnapshot" ("day", "dimension", "key", "workspaces", "monthlyCostCents", "available", "unhealthy", "stopped")
      SELECT ${dayText}::date, r."dimension", r."key", r."workspaces", r."monthlyCostCents", r."available", r."unhealthy", r."stopped"
      FROM jsonb_to_recordset(${JSON.stringify(cost)}::jsonb) AS r("dimension" text, "key" text, "workspaces" int,
        "monthlyCostCents" int, "available" int, "unhealthy" int, "stopped" int)
      ON CONFLICT ("day", "dimension", "key") DO UPDATE SET "workspaces" = EXCLUDED."workspaces",
        "monthlyCostCents" = EXCLUDED."monthlyCostCents", "available" = EXCLUDED."available",
        "unhealthy" = EXCLUDED."unhealthy", "stopped" = EXCLUDED."stopped"`),
    // A group that has no WorkSpaces any more since an earlier run today is gone from today's snapshot too.
    prisma.$executeRaw(Prisma.sql`
      DELETE FROM "CostSnapshot" s WHERE s."day" = ${dayText}::date AND NOT EXISTS (
        SELECT 1 FROM jsonb_to_recordset(${JSON.stringify(cost)}::jsonb) AS r("dimension" text, "key" text)
        WHERE r."dimension" = s."dimension" AND r."key" = s."key")`),
    prisma.$executeRaw(Prisma.sql`
      INSERT INTO "UsageDirectoryDay" ("day", "directoryId", "region", "workspaces", "connectionAttempts", "connectionFailures",
        "unhealthyHours", "stoppedHours", "computedAt")
      SELECT r."day"::date, r."directoryId", r."region", r."workspaces", r."connectionAttempts", r."connectionFailures",
        r."unhealthyHours", r."stoppedHours", now()
      FROM jsonb_to_recordset(${JSON.stringify(directoryRows)}::jsonb) AS r("day" text, "directoryId" text, "region" text,
        "workspaces" int, "connectionAttempts" int, "connectionFailures" int, "unhealthyHours" int, "stoppedHours" int)
      ON CONFLICT ("day", "directoryId") DO UPDATE SET "region" = EXCLUDED."region", "workspaces" = EXCLUDED."workspaces",
        "connectionAttempts" = EXCLUDED."connectionAttempts", "connectionFailures" = EXCLUDED."connectionFailures",
        "unhealthyHours" = EXCLUDED."unhealthyHours", "stoppedHours" = EXCLUDED."stoppedHours", "computedAt" = now()`),
    // Earlier days keep the percentiles of the window that ended on them; today's are computed now.
    prisma.$executeRaw(Prisma.sql`
      UPDATE "UsageDirectoryDay" t SET "launchP50Seconds" = p."launchP50Seconds", "launchP95Seconds" = p."launchP95Seconds",
        "latencyP50Ms" = p."latencyP50Ms", "latencyP95Ms" = p."latencyP95Ms"
      FROM jsonb_to_recordset(${JSON.stringify(percentiles)}::jsonb) AS p("directoryId" text, "launchP50Seconds" float8,
        "launchP95Seconds" float8, "latencyP50Ms" float8, "latencyP95Ms" float8)
      WHERE t."day" = ${dayText}::date AND t."directoryId" = p."directoryId"`),
  ]);
  return { day, costRows: cost.length, directoryDays: directoryRows.length };
}
