import "server-only";
import { AwsGatewayError, type AwsGateway, type UsageDay, type UsageReadOptions } from "../../aws";
import { addUtcDays, monthRange, utcDayStart } from "../../domain";
import type { PrismaClient } from "../../generated/prisma/client";
import { lastUsageDay, recordUsageSync, upsertUsageDays, type UsageDayRow, type UsageStatus } from "../../core/usage";
import type { JobHandler } from "../worker";

// Copies CloudWatch's per-WorkSpace metrics into WorkspaceUsageDay. Each run reads from the last
// stored day (today and yesterday again, since CloudWatch still adds to them) or, on the first run,
// from the start of the previous month, so the optimizer and reports always have a full month. Rows
// are only ever inserted or replaced: a failed read leaves the last good data in place.

/** WorkSpaces read per GetMetricData round; the next round is fetched while this one is written. */
const WORKSPACES_PER_ROUND = 2_000;
/** A failed sync tries again after this long (or the normal interval, if shorter). */
export const USAGE_RETRY_MS = 10 * 60_000;

export interface UsageSyncResult {
  regions: { region: string; workspaces: number; rows: number; from: Date }[];
  status: UsageStatus;
}

export interface UsageSyncOptions extends UsageReadOptions {
  now?: Date;
}

/** Where a Region's read starts: the previous month on the first run, else the day before the last stored one. */
export function usageSyncStart(lastDay: Date | null, now: Date): Date {
  const today = utcDayStart(now);
  const earliest = monthRange(addUtcDays(monthRange(now).start, -1)).start;
  if (!lastDay) return earliest;
  const from = lastDay < addUtcDays(today, -1) ? lastDay : addUtcDays(today, -1);
  return from < earliest ? earliest : from;
}

function toRows(workspaceId: string, days: readonly UsageDay[]): UsageDayRow[] {
  return days.map((day) => ({ workspaceId, ...day }));
}

async function syncRegionUsage(db: PrismaClient, gateway: AwsGateway, region: string, now: Date, options: UsageReadOptions) {
  const from = usageSyncStart(await lastUsageDay(db, region), now);
  const known = await db.workspace.findMany({ where: { region, goneAt: null }, select: { id: true }, orderBy: { id: "asc" } });
  const ids = known.map((workspace) => workspace.id);
  const metrics = gateway.region(region).metrics;
  const rounds = Array.from({ length: Math.ceil(ids.length / WORKSPACES_PER_ROUND) }, (_, i) =>
    ids.slice(i * WORKSPACES_PER_ROUND, (i + 1) * WORKSPACES_PER_ROUND),
  );
  let rows = 0;
  let reading = rounds.length ? metrics.usageForWorkspaces(rounds[0]!, from, now, options) : undefined;
  for (let i = 0; i < rounds.length; i += 1) {
    const usage = await reading!;
    // Start the next read before writing this one, so CloudWatch's rate, not the database, sets the pace.
    reading = i + 1 < rounds.length ? metrics.usageForWorkspaces(rounds[i + 1]!, from, now, options) : undefined;
    // A write failure must not leave the next read's rejection unhandled.
    reading?.catch(() => {});
    rows += await upsertUsageDays(
      db,
      [...usage].flatMap(([workspaceId, days]) => toRows(workspaceId, days)),
      now,
    );
  }
  return { region, workspaces: ids.length, rows, from };
}

/** Syncs every Region's usage and records the outcome in the "usage.status" setting. Throws after recording a failure. */
export async function syncUsage(
  db: PrismaClient,
  gateway: AwsGateway,
  regions: readonly string[],
  options: UsageSyncOptions = {},
): Promise<UsageSyncResult> {
  const now = options.now ?? new Date();
  const results: UsageSyncResult["regions"] = [];
  try {
    for (const region of regions) results.push(await syncRegionUsage(db, gateway, region, now, options));
  } catch (error) {
    const message =
      error instanceof AwsGatewayError ? `CloudWatch: ${error.message}` : error instanceof Error ? error.message : String(error);
    await recordUsageSync(db, { at: now, error: message });
    throw error;
  }
  return { regions: results, status: await recordUsageSync(db, { at: now }) };
}

/** The recurring "usage.sync" job: every interval, or sooner after a failure. */
export function usageSyncHandler(gateway: () => AwsGateway, regions: readonly string[], intervalMs: number): JobHandler {
  return {
    async run(_job, { db }) {
      try {
        await syncUsage(db, gateway(), regions);
      } catch (error) {
        return {
          done: false,
          runAt: new Date(Date.now() + Math.min(intervalMs, USAGE_RETRY_MS)),
          countsAsAttempt: false,
          note: error instanceof Error ? error.message : String(error),
        };
      }
      return { done: false, runAt: new Date(Date.now() + intervalMs) };
    },
  };
}
