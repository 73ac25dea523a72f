import "server-only";
import { billableHours, consecutiveUsageDays, monthRange, type RunningMode } from "../domain";
import type { Tx } from "./tx";

// Stand-in until lib/core/usage.ts (the usage pipeline's module) lands; same signatures, then removed.

export interface MonthUsage {
  billableHours: number;
  connectedHours: number;
  lastDay: Date | null;
}

/** Billable and connected hours this month per WorkSpace, in one query for all of them. */
export async function usageThisMonth(tx: Tx, workspaceIds: readonly string[], now: Date): Promise<Map<string, MonthUsage>> {
  const { start } = monthRange(now);
  const rows = await tx.$queryRaw<
    { workspaceId: string; runningMode: string | null; timeout: number | null; days: Date[]; masks: number[]; connected: number }[]
  >`
    SELECT u."workspaceId", w."runningMode", w."autoStopTimeoutMinutes" AS timeout,
           array_agg(u."day" ORDER BY u."day") AS days, array_agg(u."connectedHourMask" ORDER BY u."day") AS masks,
           sum(u."connectedHours")::int AS connected
    FROM "WorkspaceUsageDay" u JOIN "Workspace" w ON w.id = u."workspaceId"
    WHERE u."workspaceId" = ANY(${[...workspaceIds]}::text[]) AND u."day" >= ${start} AND u."day" <= ${now}
    GROUP BY u."workspaceId", w."runningMode", w."autoStopTimeoutMinutes"`;
  const out = new Map<string, MonthUsage>();
  for (const row of rows) {
    const days = consecutiveUsageDays(
      row.days.map((day, i) => ({ day: new Date(day), connectedHourMask: row.masks[i]! })),
      start,
      now,
    );
    out.set(row.workspaceId, {
      billableHours: billableHours(days, (row.runningMode ?? "ALWAYS_ON") as RunningMode, (row.timeout ?? 60) / 60),
      connectedHours: row.connected,
      lastDay: row.days.length ? new Date(row.days.at(-1)!) : null,
    });
  }
  return out;
}

export interface UsageStatus {
  asOf: Date | null;
  lastAttemptAt: Date | null;
  lastError: string | null;
}

export async function getUsageStatus(tx: Tx): Promise<UsageStatus> {
  const row = await tx.setting.findUnique({ where: { key: "usage.status" } });
  const value = (row?.value ?? {}) as { asOf?: string | null; lastAttemptAt?: string | null; lastError?: string | null };
  const date = (s: string | null | undefined) => (s ? new Date(s) : null);
  return { asOf: date(value.asOf), lastAttemptAt: date(value.lastAttemptAt), lastError: value.lastError ?? null };
}
