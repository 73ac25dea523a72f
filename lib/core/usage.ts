import "server-only";
import type { UsageDay } from "../aws";
import { billableHours, consecutiveUsageDays, monthRange, projectMonthHours, type RunningMode } from "../domain";
import type { Tx } from "./tx";
import { toJson } from "./tx";

// Stored WorkSpaces usage (WorkspaceUsageDay, written by the usage sync) and the sync's status, read
// by pages, the optimizer and reports. Billable hours always come from the domain's billableHours.

export const USAGE_STATUS_SETTING_KEY = "usage.status";

export interface UsageStatus {
  /** When the last successful sync finished: usage is complete up to about this time. */
  asOf: Date | null;
  lastAttemptAt: Date | null;
  /** The last attempt's error in plain words; null when it succeeded. */
  lastError: string | null;
}

export interface MonthUsage {
  billableHours: number;
  /** The whole month's billable hours at the pace so far (the domain's projectMonthHours). */
  projectedHours: number;
  connectedHours: number;
  /** The latest day with stored usage this month. */
  lastDay: Date | null;
}

/** One row of WorkspaceUsageDay as the sync writes it: the gateway's day, for one WorkSpace. */
export type UsageDayRow = UsageDay & { workspaceId: string };

function dateOrNull(value: unknown): Date | null {
  return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(value) : null;
}

export async function getUsageStatus(tx: Tx): Promise<UsageStatus> {
  const row = await tx.setting.findUnique({ where: { key: USAGE_STATUS_SETTING_KEY } });
  const value = (row?.value ?? {}) as Record<string, unknown>;
  return {
    asOf: dateOrNull(value.asOf),
    lastAttemptAt: dateOrNull(value.lastAttemptAt),
    lastError: typeof value.lastError === "string" ? value.lastError : null,
  };
}

/** Records a sync attempt: a success moves asOf forward, a failure keeps it and keeps the data. */
export async function recordUsageSync(tx: Tx, attempt: { at: Date; error?: string }): Promise<UsageStatus> {
  const previous = await getUsageStatus(tx);
  const status: UsageStatus = {
    asOf: attempt.error ? previous.asOf : attempt.at,
    lastAttemptAt: attempt.at,
    lastError: attempt.error ?? null,
  };
  const value = toJson({
    asOf: status.asOf?.toISOString() ?? null,
    lastAttemptAt: status.lastAttemptAt?.toISOString(),
    lastError: status.lastError,
  });
  await tx.setting.upsert({
    where: { key: USAGE_STATUS_SETTING_KEY },
    create: { key: USAGE_STATUS_SETTING_KEY, value },
    update: { value },
  });
  return status;
}

/** The latest day with stored usage in a Region; null before the first sync. */
export async function lastUsageDay(tx: Tx, region: string): Promise<Date | null> {
  const rows = await tx.$queryRaw<{ last: Date | null }[]>`
    SELECT max(u."day") AS last FROM "WorkspaceUsageDay" u JOIN "Workspace" w ON w.id = u."workspaceId" WHERE w.region = ${region}`;
  const last = rows[0]?.last;
  return last ? new Date(last) : null;
}

const UPSERT_CHUNK = 5_000;

/**
 * Inserts or replaces usage rows, a chunk per statement: one INSERT … SELECT FROM json_to_recordset(one
 * JSON parameter) … ON CONFLICT. On PGlite this writes 300,000 rows (10,000 WorkSpaces × 30 days) in
 * about 10 s of the database thread, where eleven array parameters took 16 s and a Prisma upsert per
 * row would take minutes.
 */
export async function upsertUsageDays(tx: Tx, rows: readonly UsageDayRow[], syncedAt: Date): Promise<number> {
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    const chunk = JSON.stringify(
      rows.slice(i, i + UPSERT_CHUNK).map((r) => ({
        w: r.workspaceId,
        d: r.day.toISOString().slice(0, 10),
        m: r.connectedHourMask,
        h: r.connectedHours,
        a: r.connectionAttempts,
        f: r.connectionFailures,
        s: r.sessionDisconnects,
        u: r.unhealthyHours,
        st: r.stoppedHours,
        l: r.sessionLaunchSeconds,
        lat: r.inSessionLatencyMs,
      })),
    );
    await tx.$executeRaw`
      INSERT INTO "WorkspaceUsageDay" ("workspaceId", "day", "connectedHourMask", "connectedHours", "connectionAttempts",
        "connectionFailures", "sessionDisconnects", "unhealthyHours", "stoppedHours", "sessionLaunchSeconds",
        "inSessionLatencyMs", "syncedAt")
      SELECT w, d::date, m, h, a, f, s, u, st, l, lat, ${syncedAt}
      FROM json_to_recordset(${chunk}::json)
        AS t(w text, d text, m int, h int, a int, f int, s int, u int, st int, l float8, lat float8)
      ON CONFLICT ("workspaceId", "day") DO UPDATE SET
        "connectedHourMask" = EXCLUDED."connectedHourMask", "connectedHours" = EXCLUDED."connectedHours",
        "connectionAttempts" = EXCLUDED."connectionAttempts", "connectionFailures" = EXCLUDED."connectionFailures",
        "sessionDisconnects" = EXCLUDED."sessionDisconnects", "unhealthyHours" = EXCLUDED."unhealthyHours",
        "stoppedHours" = EXCLUDED."stoppedHours", "sessionLaunchSeconds" = EXCLUDED."sessionLaunchSeconds",
        "inSessionLatencyMs" = EXCLUDED."inSessionLatencyMs", "syncedAt" = EXCLUDED."syncedAt"`;
  }
  return rows.length;
}

/**
 * This month's billable and connected hours per WorkSpace, in one query for all of them, counted with
 * the WorkSpace's running mode and AutoStop timeout (60 minutes when none is stored). WorkSpaces without
 * any stored usage this month are absent from the map.
 */
export async function usageThisMonth(tx: Tx, workspaceIds: readonly string[], now: Date): Promise<Map<string, MonthUsage>> {
  const { start } = monthRange(now);
  const status = await getUsageStatus(tx);
  const rows = await tx.$queryRaw<StoredMonthUsage[]>`
    SELECT u."workspaceId", w."runningMode", w."autoStopTimeoutMinutes" AS timeout,
           array_agg(u."day" ORDER BY u."day") AS days, array_agg(u."connectedHourMask" ORDER BY u."day") AS masks,
           sum(u."connectedHours")::int AS connected
    FROM "WorkspaceUsageDay" u JOIN "Workspace" w ON w.id = u."workspaceId"
    WHERE u."workspaceId" = ANY(${[...workspaceIds]}::text[]) AND u."day" >= ${start} AND u."day" <= ${now}
    GROUP BY u."workspaceId", w."runningMode", w."autoStopTimeoutMinutes"`;
  return monthUsageOf(rows, now, status.asOf);
}

/** This month's stored usage of one WorkSpace, as usageThisMonth reads it (the home page reads it in its own statement). */
export interface StoredMonthUsage {
  workspaceId: string;
  runningMode: string | null;
  timeout: number | null;
  /** UTC days with stored usage, in order, and each day's connected-hour mask. */
  days: Date[];
  masks: number[];
  connected: number;
}

/** Billable hours, the month's pace and connected hours from stored rows, by the domain's rules. */
export function monthUsageOf(rows: readonly StoredMonthUsage[], now: Date, usageAsOf: Date | null): Map<string, MonthUsage> {
  const month = monthRange(now);
  const { start } = month;
  // Usage is complete up to the last sync, so the pace is measured up to then (never past `now`).
  const readUpTo = usageAsOf && usageAsOf < now && usageAsOf >= start ? usageAsOf : now;
  const usage = new Map<string, MonthUsage>();
  for (const row of rows) {
    const days = row.days.map((day, i) => ({ day: new Date(day), connectedHourMask: row.masks[i] ?? 0 }));
    const mode = (row.runningMode ?? "ALWAYS_ON") as RunningMode;
    const hours = billableHours(consecutiveUsageDays(days, start, now), mode, (row.timeout ?? 60) / 60);
    usage.set(row.workspaceId, {
      billableHours: hours,
      projectedHours: projectMonthHours(hours, month, readUpTo),
      connectedHours: row.connected,
      lastDay: days.at(-1)?.day ?? null,
    });
  }
  return usage;
}
