import "server-only";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { USAGE_STATUS_SETTING_KEY, type StoredMonthUsage } from "../core/usage";
import type { WorkspaceRecord } from "../core/workspace-records";

// The two reads behind nearly every page view, each in one SQL statement.
//
// Every Prisma 6 query is compiled from its JSON form on the request's thread before it runs, and with
// the embedded database the query itself runs there too: about 1 ms of CPU per query before any rows
// come back. The session read runs on every page and server action, and the home page reads a user's
// WorkSpaces and open requests on every visit and every auto-refresh, so these two are plain SQL
// (still parameterised through Prisma's tagged template) instead of four compiled queries.
// hot-reads.int.test.ts checks them against the equivalent Prisma queries on PGlite and PostgreSQL.

export interface SessionUserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Compared with the session token's version on every request: an older token is signed out. */
  sessionVersion: number;
  unreadNotifications: number;
}

/**
 * The user with their session version and unread notification count; null for an unknown id, or for a
 * service account (no session opens one).
 */
export async function sessionUserRow(id: string): Promise<SessionUserRow | null> {
  const rows = await db().$queryRaw<SessionUserRow[]>(Prisma.sql`
    SELECT u."id", u."email", u."name", u."role"::text AS "role", u."sessionVersion",
           (SELECT count(*) FROM "Notification" n WHERE n."userId" = u."id" AND n."readAt" IS NULL)::int AS "unreadNotifications"
    FROM "User" u WHERE u."id" = ${id} AND NOT u."serviceAccount"`);
  return rows[0] ?? null;
}

export interface OpenRequestRow {
  id: string;
  type: string;
  status: string;
  createdAt: Date;
  workspaceId: string | null;
}

// Columns of WorkspaceRecord, in the order the statement lists them; `raw` is never read by a page.
const WORKSPACE_COLUMNS = [
  "id",
  "accountId",
  "region",
  "directoryId",
  "userName",
  "ownerId",
  "state",
  "bundleId",
  "computeType",
  "rootVolumeGb",
  "userVolumeGb",
  "runningMode",
  "autoStopTimeoutMinutes",
  "protocols",
  "operatingSystem",
  "ipAddress",
  "computerName",
  "subnetId",
  "rootVolumeEncrypted",
  "userVolumeEncrypted",
  "modificationStates",
  "tags",
  "costCenter",
  "tagsSyncedAt",
  "firstSeenAt",
  "stateChangedAt",
  "lastSyncedAt",
  "connectionState",
  "lastConnectedAt",
  "existsSince",
  "lastRootVolumeChangeAt",
  "lastUserVolumeChangeAt",
  "lastComputeLargerAt",
  "lastComputeSmallerAt",
  "goneAt",
] as const satisfies readonly (keyof WorkspaceRecord)[];
// Fails to compile when WorkspaceRecord gains a column the list above does not name.
type Unlisted = Exclude<keyof WorkspaceRecord, (typeof WORKSPACE_COLUMNS)[number]>;
const everyColumnListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyColumnListed;

// Prisma reads a NULL scalar list as an empty one.
const LIST_COLUMNS = new Set<string>(["protocols"]);

const DATE_COLUMNS = new Set<string>([
  "tagsSyncedAt",
  "firstSeenAt",
  "stateChangedAt",
  "lastSyncedAt",
  "lastConnectedAt",
  "existsSince",
  "lastRootVolumeChangeAt",
  "lastUserVolumeChangeAt",
  "lastComputeLargerAt",
  "lastComputeSmallerAt",
  "goneAt",
]);

// Timestamps are stored as UTC without a zone (Prisma's DateTime); inside JSON they come back as text.
const utcDate = (value: unknown): Date | null =>
  typeof value === "string" ? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`) : null;

function toWorkspaceRecord(json: Record<string, unknown>): WorkspaceRecord {
  const record: Record<string, unknown> = {};
  for (const column of WORKSPACE_COLUMNS) {
    const value = json[column];
    record[column] = DATE_COLUMNS.has(column) ? utcDate(value) : LIST_COLUMNS.has(column) ? (value ?? []) : (value ?? null);
  }
  return record as unknown as WorkspaceRecord;
}

const workspaceSelect = Prisma.raw(WORKSPACE_COLUMNS.map((c) => `w."${c}"`).join(", "));

/**
 * A user's live WorkSpaces (oldest first), every open request by or for them (newest first), and their
 * WorkSpaces' usage this month with the usage sync's time, in one statement. `openStatuses` are the request
 * statuses that count as open.
 */
export async function dashboardRows(
  userId: string,
  openStatuses: readonly string[],
  now: Date = new Date(),
): Promise<{ workspaces: WorkspaceRecord[]; open: OpenRequestRow[]; usage: StoredMonthUsage[]; usageAsOf: Date | null }> {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const rows = await db().$queryRaw<
    { workspaces: Record<string, unknown>[]; open: Record<string, unknown>[]; usage: Record<string, unknown>[]; usageAsOf: string | null }[]
  >(Prisma.sql`
    SELECT
      (SELECT coalesce(json_agg(x ORDER BY x."firstSeenAt", x."id"), '[]'::json) FROM (
         SELECT ${workspaceSelect} FROM "Workspace" w
         WHERE w."ownerId" = ${userId} AND w."goneAt" IS NULL AND w."state" <> 'TERMINATED') x) AS "workspaces",
      (SELECT coalesce(json_agg(r ORDER BY r."createdAt" DESC, r."id"), '[]'::json) FROM (
         SELECT q."id", q."type", q."status"::text AS "status", q."createdAt", q."workspaceId" FROM "Request" q
         WHERE (q."requesterId" = ${userId} OR q."beneficiaryId" = ${userId})
           AND q."status"::text IN (${Prisma.join([...openStatuses])})) r) AS "open",
      (SELECT coalesce(json_agg(u), '[]'::json) FROM (
         SELECT d."workspaceId", w."runningMode", w."autoStopTimeoutMinutes" AS "timeout",
                array_agg(d."day" ORDER BY d."day") AS "days", array_agg(d."connectedHourMask" ORDER BY d."day") AS "masks",
                sum(d."connectedHours")::int AS "connected"
         FROM "WorkspaceUsageDay" d JOIN "Workspace" w ON w."id" = d."workspaceId"
         WHERE w."ownerId" = ${userId} AND w."goneAt" IS NULL AND w."state" <> 'TERMINATED'
           AND d."day" >= ${monthStart} AND d."day" <= ${now}
         GROUP BY d."workspaceId", w."runningMode", w."autoStopTimeoutMinutes") u) AS "usage",
      (SELECT s."value"->>'asOf' FROM "Setting" s WHERE s."key" = ${USAGE_STATUS_SETTING_KEY}) AS "usageAsOf"`);
  const row = rows[0];
  return {
    workspaces: (row?.workspaces ?? []).map(toWorkspaceRecord),
    open: (row?.open ?? []).map((r) => ({
      id: String(r.id),
      type: String(r.type),
      status: String(r.status),
      createdAt: utcDate(r.createdAt) ?? new Date(0),
      workspaceId: (r.workspaceId as string | null) ?? null,
    })),
    usage: (row?.usage ?? []).map((u) => ({
      workspaceId: String(u.workspaceId),
      runningMode: (u.runningMode as string | null) ?? null,
      timeout: (u.timeout as number | null) ?? null,
      // Dates inside JSON are text ("2026-11-01"): UTC days.
      days: (u.days as string[]).map((day) => new Date(`${day.slice(0, 10)}T00:00:00Z`)),
      masks: u.masks as number[],
      connected: Number(u.connected),
    })),
    usageAsOf: row?.usageAsOf ? new Date(row.usageAsOf) : null,
  };
}
