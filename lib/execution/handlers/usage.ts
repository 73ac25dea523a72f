import "server-only";
import { gatewayForAccount } from "../../core/accounts";
import { DEFAULT_ACCOUNT_ID } from "../../domain/accounts";
import { AwsGatewayError, type AwsGateway, type UsageReadOptions } from "../../aws";
import { addUtcDays, monthRange, utcDayStart } from "../../domain";
import type { PrismaClient } from "../../generated/prisma/client";
import { lastUsageDay, recordUsageSync, upsertUsageDays, type UsageDayRow, type UsageStatus } from "../../core/usage";
import { pokeJob, REPORTS_SNAPSHOT_KEY } from "../../core/outbox";
import type { JobHandler } from "../worker";

// Copies CloudWatch's per-WorkSpace metrics into WorkspaceUsageDay. Each run reads from the last
// stored day (today and yesterday again, since CloudWatch still adds to them) or, on the first run,
// from the start of the previous month, so the optimizer and reports always have a full month. Rows
// are only ever inserted or replaced: a failed read leaves the last good data in place (and keeps the
// WorkSpaces it had read completely before the failure).
//
// The same run learns the age of never-used WorkSpaces (Workspace.existsSince), which AWS does not report:
// CloudWatch's first Available/Stopped datapoint, within its 455 days. Reclaiming counts a never-used
// WorkSpace's idle time from it, so a fresh install does not take a year-old unused desktop for a new one.

/** A failed sync tries again after this long (or the normal interval, if shorter). */
export const USAGE_RETRY_MS = 10 * 60_000;

export interface UsageSyncResult {
  regions: {
    region: string;
    workspaces: number;
    rows: number;
    from: Date;
    /** Never-used WorkSpaces whose age was looked up, and those CloudWatch had a datapoint for. */
    ages: { asked: number; found: number };
  }[];
  status: UsageStatus;
}

export interface UsageSyncOptions extends UsageReadOptions {
  now?: Date;
  /** Read from this day instead of the usual start (a back-fill, or the benchmark's fixed range). */
  from?: Date;
  /** Look up the age of never-used WorkSpaces not looked up yet (default true); the usage benchmark reads usage alone. */
  ages?: boolean;
}

/** Where a Region's read starts: the previous month on the first run, else the day before the last stored one. */
export function usageSyncStart(lastDay: Date | null, now: Date): Date {
  const today = utcDayStart(now);
  const earliest = monthRange(addUtcDays(monthRange(now).start, -1)).start;
  if (!lastDay) return earliest;
  const from = lastDay < addUtcDays(today, -1) ? lastDay : addUtcDays(today, -1);
  return from < earliest ? earliest : from;
}

/** Rows per INSERT; reads go on while a chunk is written. */
const WRITE_CHUNK = 5_000;
/** WorkSpaces per age look-up; each slice's answers are stored before the next is read. */
export const AGE_LOOKUP_SLICE = 2_500;

/**
 * Stores existsSince for the Region's never-used WorkSpaces that have none: the earlier of CloudWatch's first
 * Available/Stopped datapoint and when the portal first saw it. Without a datapoint it stays null and is
 * asked again on the next run.
 */
async function learnAges(
  db: PrismaClient,
  gateway: AwsGateway,
  region: string,
  now: Date,
  options: UsageSyncOptions,
  accountId: string = DEFAULT_ACCOUNT_ID,
) {
  const unknown = await db.workspace.findMany({
    where: { accountId, region, goneAt: null, lastConnectedAt: null, existsSince: null },
    select: { id: true, firstSeenAt: true },
    orderBy: { id: "asc" },
  });
  let found = 0;
  for (let i = 0; i < unknown.length; i += AGE_LOOKUP_SLICE) {
    const slice = unknown.slice(i, i + AGE_LOOKUP_SLICE);
    const earliest = await gateway.region(region).metrics.earliestActivity(
      slice.map((w) => w.id),
      undefined,
      now,
      { concurrency: options.concurrency },
    );
    const updates = slice.flatMap((w) => {
      const at = earliest.get(w.id);
      if (!at) return [];
      const existsSince = at < w.firstSeenAt ? at : w.firstSeenAt;
      // Only while still unknown: a run beside this one may have stored it already.
      return [db.workspace.updateMany({ where: { id: w.id, existsSince: null }, data: { existsSince } })];
    });
    if (updates.length) await db.$transaction(updates);
    found += updates.length;
  }
  return { asked: unknown.length, found };
}

// `gateway` is the account's: each account's CloudWatch knows only its own WorkSpaces.
async function syncRegionUsage(
  db: PrismaClient,
  gateway: AwsGateway,
  region: string,
  now: Date,
  options: UsageSyncOptions,
  accountId: string = DEFAULT_ACCOUNT_ID,
) {
  const from = options.from ?? usageSyncStart(await lastUsageDay(db, region), now);
  const known = await db.workspace.findMany({ where: { accountId, region, goneAt: null }, select: { id: true }, orderBy: { id: "asc" } });
  let buffer: UsageDayRow[] = [];
  let rows = 0;
  // One write at a time, in order; a failed write is reported once the reads end. Reads go on while a chunk is
  // written, but wait when the chunk before it is still being written: unread data waits in CloudWatch, not here.
  let writing: Promise<unknown> = Promise.resolve();
  const flush = () => {
    const chunk = buffer;
    buffer = [];
    rows += chunk.length;
    const before = writing;
    writing = writing.then(() => upsertUsageDays(db, chunk, now));
    return before.then(
      () => undefined,
      () => undefined,
    );
  };
  const reading = gateway.region(region).metrics.streamUsage(
    known.map((workspace) => workspace.id),
    from,
    now,
    (workspaceId, days) => {
      for (const day of days) buffer.push({ workspaceId, ...day });
      if (buffer.length >= WRITE_CHUNK) return flush();
    },
    options,
  );
  // Whatever was read completely is kept even if a later call fails: every stored WorkSpace is whole.
  const outcome = await Promise.allSettled([reading]);
  flush();
  await writing;
  if (outcome[0].status === "rejected") throw outcome[0].reason;
  const ages = options.ages === false ? { asked: 0, found: 0 } : await learnAges(db, gateway, region, now, options, accountId);
  return { region, workspaces: known.length, rows, from, ages };
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
    // The other AWS accounts' WorkSpaces, through their roles; an account AWS refuses waits for the next run.
    for (const account of await db.awsAccount.findMany({ orderBy: { createdAt: "asc" } })) {
      try {
        const accountGateway = await gatewayForAccount(db, () => gateway, account.id);
        for (const region of account.regions) results.push(await syncRegionUsage(db, accountGateway, region, now, options, account.id));
      } catch {
        // The inventory sync records why the account could not be read (the AWS accounts page shows it).
      }
    }
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
      // The reports' usage figures are counted by the snapshot job: fresh usage makes it due now, so the
      // reports and "usage as of" agree instead of waiting for the nightly run.
      await pokeJob(db, REPORTS_SNAPSHOT_KEY);
      return { done: false, runAt: new Date(Date.now() + intervalMs) };
    },
  };
}
