import "server-only";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { DEFAULT_RECLAIM_SETTINGS, RECLAIM_SETTLED_STATES, type ReclaimSettings } from "../domain";
import { getReclaimSettings } from "../core/reclaim-settings";
import { COMPUTE_SIZE_ORDER } from "../domain/client";
import type { FleetFilter, FleetSort } from "../schemas/admin-fleet-filter";
import { bundleNameLabel, computeTypeLabel, runningModeLabel, workspaceStateLabel } from "../presentation/labels";
import { accountNames } from "../core/accounts";
import { catalogFor } from "./catalog";

export interface FleetRow {
  id: string;
  /** The AWS account it is in, and that account's name ("Main account" for the portal's own). */
  accountId: string;
  accountName: string;
  region: string;
  directoryId: string;
  userName: string;
  computerName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  state: string;
  bundleId: string;
  /** The directory's and bundle's names from the catalog; the id while AWS has not answered (or no longer lists it). */
  directoryName: string;
  bundleName: string;
  /** The state, compute type and running mode in words ("Ready", "Graphics.g4dn", "AutoStop"), labelled on the server. */
  stateLabel: string;
  computeTypeLabel: string;
  runningModeLabel: string;
  computeType: string | null;
  runningMode: string | null;
  costCenter: string | null;
  lastSyncedAt: string;
  /** ISO time of the last connection AWS reported; null when nobody ever connected. */
  lastConnectedAt: string | null;
}

// The page, the CSV export and "every WorkSpace matching the filter" of a bulk operation all read through the one
// WHERE clause below, so they select the same WorkSpaces by construction. It is SQL rather than a Prisma filter
// because two filters need what Prisma cannot say: a prefix search served by the lower(...) indexes (Prisma's
// insensitive filters become ILIKE, which no btree index serves) and the reclaim policy's tag exemption (a JSON
// key compared in any case).

/** The search box matches the start of the WorkSpace ID, user name or computer name, ignoring case; an index serves each. */
const SEARCHED = ["id", "userName", "computerName"] as const;

const EQUALS: [keyof FleetFilter, string][] = [
  ["account", "accountId"],
  ["region", "region"],
  ["directory", "directoryId"],
  ["bundle", "bundleId"],
  ["compute", "computeType"],
  ["mode", "runningMode"],
];

const DAY_MS = 24 * 60 * 60 * 1000;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** What a filter needs besides itself: the time it is judged at and, for "Idle", the saved reclaim policy. */
export interface FleetContext {
  now: Date;
  reclaim: ReclaimSettings;
}

async function fleetContext(f: FleetFilter, now = new Date()): Promise<FleetContext> {
  return { now, reclaim: f.idle ? await getReclaimSettings(db()) : DEFAULT_RECLAIM_SETTINGS };
}

/**
 * The reclaim policy's "idle" (lib/domain/reclaim.ts) in SQL: a settled WorkSpace without the exemption tag (any case)
 * whose idle clock — the latest of its last connection (or, never used, the earlier of when it was first seen and
 * CloudWatch's first datapoint for it, existsSince; LEAST skips a null) and its last "Keep it" — is at least
 * idleDays old. As in the daily run (lib/services/reclaim.ts), a reclaim request an admin
 * refused or the owner cancelled (status REQUESTED, dated by updatedAt) restarts the clock as a "Keep it" does.
 */
function idleSql({ now, reclaim }: FleetContext): Prisma.Sql {
  const cutoff = new Date(now.getTime() - reclaim.idleDays * DAY_MS);
  return Prisma.sql`(w."state" IN (${Prisma.join([...RECLAIM_SETTLED_STATES])})
    AND COALESCE(w."lastConnectedAt", LEAST(w."existsSince", w."firstSeenAt")) <= ${cutoff}
    AND NOT EXISTS (SELECT 1 FROM "ReclaimNotice" n WHERE n."workspaceId" = w."id"
      AND ((n."status" = 'KEPT' AND n."keptAt" > ${cutoff}) OR (n."status" = 'REQUESTED' AND n."updatedAt" > ${cutoff})))
    AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(w."tags") = 'array' THEN w."tags" ELSE '[]' END) t
      WHERE lower(t->>'key') = ${reclaim.exemptTagKey.toLowerCase()}))`;
}

/** The WHERE clause for a filter (alias w for "Workspace"). Gone WorkSpaces show only when asked for by state. */
function fleetSqlWhere(f: FleetFilter, ctx: FleetContext): Prisma.Sql {
  const parts: Prisma.Sql[] = [f.state ? Prisma.sql`w."state" = ${f.state}` : Prisma.sql`w."goneAt" IS NULL`];
  for (const [key, column] of EQUALS) {
    const value = f[key];
    if (typeof value === "string") parts.push(Prisma.sql`w.${Prisma.raw(`"${column}"`)} = ${value}`);
  }
  if (f.owner) parts.push(f.owner === "none" ? Prisma.sql`w."ownerId" IS NULL` : Prisma.sql`w."ownerId" = ${f.owner}`);
  if (f.cc) parts.push(f.cc === "none" ? Prisma.sql`w."costCenter" IS NULL` : Prisma.sql`w."costCenter" = ${f.cc}`);
  if (f.q) {
    const prefix = `${escapeLike(f.q.toLowerCase())}%`;
    parts.push(
      Prisma.sql`(${Prisma.join(
        SEARCHED.map((c) => Prisma.sql`lower(w.${Prisma.raw(`"${c}"`)}) LIKE ${prefix}`),
        " OR ",
      )})`,
    );
  }
  if (f.last === "never") parts.push(Prisma.sql`w."lastConnectedAt" IS NULL`);
  // "Older than N days" counts never-connected WorkSpaces too: nobody connected to them in the last N days either.
  if (f.last === "older" && f.lastDays !== undefined) {
    const cutoff = new Date(ctx.now.getTime() - f.lastDays * DAY_MS);
    parts.push(Prisma.sql`(w."lastConnectedAt" IS NULL OR w."lastConnectedAt" < ${cutoff})`);
  }
  if (f.idle) parts.push(idleSql(ctx));
  return Prisma.join(parts, " AND ");
}

const NULLABLE_SORTS = new Set<FleetSort>(["computerName", "computeType", "runningMode", "costCenter", "lastConnectedAt"]);

/**
 * Compute types sort by size (Value < Standard < … < GraphicsPro), as computeTypeRank orders them, not by their
 * text; a code the portal does not know sorts after every known one, and an empty one last.
 */
const COMPUTE_RANK_SQL = Prisma.raw(
  `(CASE WHEN w."computeType" IS NULL THEN NULL ${Object.entries(COMPUTE_SIZE_ORDER)
    .map(([code, rank]) => `WHEN w."computeType" = '${code}' THEN ${rank}`)
    .join(" ")} ELSE 99 END)`,
);
const computeRank = (type: string | null): number | null =>
  type === null ? null : (COMPUTE_SIZE_ORDER[type as keyof typeof COMPUTE_SIZE_ORDER] ?? 99);

/** The sort column and where its empty values go: nullable columns put them last; the owner's name follows Postgres's default. */
function sortKey(f: Pick<FleetFilter, "sort" | "dir">): { column: Prisma.Sql; nullsLast: boolean; value: (r: PageRow) => unknown } {
  if (f.sort === "owner") return { column: Prisma.raw(`u."name"`), nullsLast: f.dir === "asc", value: (r) => r.ownerName };
  if (f.sort === "computeType") return { column: COMPUTE_RANK_SQL, nullsLast: true, value: (r) => computeRank(r.computeType) };
  const sort = f.sort;
  return { column: Prisma.raw(`w."${sort}"`), nullsLast: true, value: (r) => r[sort as keyof PageRow] };
}

function fleetSqlOrder(f: Pick<FleetFilter, "sort" | "dir">): Prisma.Sql {
  const dir = f.dir === "desc" ? "DESC" : "ASC";
  if (f.sort === "id") return Prisma.raw(`w."id" ${dir}`);
  const nulls = NULLABLE_SORTS.has(f.sort) ? " NULLS LAST" : "";
  return Prisma.sql`${sortKey(f).column} ${Prisma.raw(dir + nulls)}, w."id" ASC`;
}

/** Rows after `last` in fleetSqlOrder: the export's keyset cursor, so it never re-reads earlier pages. */
function afterRow(f: Pick<FleetFilter, "sort" | "dir">, last: PageRow): Prisma.Sql {
  const beyond = f.dir === "desc" ? Prisma.raw("<") : Prisma.raw(">");
  if (f.sort === "id") return Prisma.sql`w."id" ${beyond} ${last.id}`;
  const { column, nullsLast, value } = sortKey(f);
  const v = value(last);
  if (v === null) {
    const sameNull = Prisma.sql`(${column} IS NULL AND w."id" > ${last.id})`;
    return nullsLast ? sameNull : Prisma.sql`(${sameNull} OR ${column} IS NOT NULL)`;
  }
  const after = Prisma.sql`(${column} ${beyond} ${v} OR (${column} = ${v} AND w."id" > ${last.id}))`;
  return nullsLast ? Prisma.sql`(${after} OR ${column} IS NULL)` : after;
}

/** Above this many matches the page says "more than" instead of counting them all, unless asked to count exactly. */
export const FLEET_COUNT_CAP = 500;

interface PageRow extends Omit<
  FleetRow,
  | "lastSyncedAt"
  | "lastConnectedAt"
  | "directoryName"
  | "bundleName"
  | "stateLabel"
  | "computeTypeLabel"
  | "runningModeLabel"
  | "accountName"
> {
  lastSyncedAt: Date;
  lastConnectedAt: Date | null;
}

type Names = Awaited<ReturnType<typeof catalogFor>> & { accounts: Map<string, string> };

const toRow =
  (names: Names) =>
  (r: PageRow): FleetRow => ({
    ...r,
    accountName: names.accounts.get(r.accountId) ?? r.accountId,
    directoryName: names.directory(r.directoryId)?.name ?? r.directoryId,
    bundleName: bundleNameLabel(names.bundle(r.bundleId)?.name ?? r.bundleId),
    stateLabel: workspaceStateLabel(r.state),
    computeTypeLabel: computeTypeLabel(r.computeType),
    runningModeLabel: runningModeLabel(r.runningMode),
    lastSyncedAt: new Date(r.lastSyncedAt).toISOString(),
    lastConnectedAt: r.lastConnectedAt ? new Date(r.lastConnectedAt).toISOString() : null,
  });

/** Rows with their directory's and bundle's names; the catalog is cached and never holds a page for long. */
async function named(rows: PageRow[], known?: Map<string, Promise<Names>>): Promise<FleetRow[]> {
  if (rows.length === 0) return [];
  const regions = [...new Set(rows.map((r) => r.region))].sort();
  const accounts = [...new Set(rows.map((r) => r.accountId))].sort();
  // An export reads the catalog once per set of Regions and accounts, not once per page.
  const key = `${regions.join(" ")}|${accounts.join(" ")}`;
  let names = known?.get(key);
  if (!names) {
    names = Promise.all([catalogFor(regions, accounts), accountNames(db())]).then(([catalog, accountsById]) => ({
      ...catalog,
      accounts: accountsById,
    }));
    known?.set(key, names);
  }
  return rows.map(toRow(await names));
}

function selectRows(where: Prisma.Sql, order: Prisma.Sql, limit: number, offset = 0): Promise<PageRow[]> {
  return db().$queryRaw<PageRow[]>`
    SELECT w."id", w."accountId", w."region", w."directoryId", w."userName", w."computerName", w."ownerId",
           u."name" AS "ownerName", w."state",
           w."bundleId", w."computeType", w."runningMode", w."costCenter", w."lastSyncedAt", w."lastConnectedAt"
    FROM "Workspace" w LEFT JOIN "User" u ON u."id" = w."ownerId"
    WHERE ${where}
    ORDER BY ${order}
    LIMIT ${limit} OFFSET ${offset}`;
}

/**
 * One page of the fleet plus the number of matches. The count stops at FLEET_COUNT_CAP + 1 unless the filter
 * asks for an exact count, so neither query reads more than a bounded number of rows at any fleet size.
 */
export async function listFleet(f: FleetFilter, now?: Date): Promise<{ rows: FleetRow[]; total: number; exact: boolean }> {
  const where = fleetSqlWhere(f, await fleetContext(f, now));
  const limit = f.count === "exact" ? Prisma.empty : Prisma.sql`LIMIT ${FLEET_COUNT_CAP + 1}`;
  const [[counted], rows] = await Promise.all([
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Workspace" w WHERE ${where} ${limit}) matches`,
    selectRows(where, fleetSqlOrder(f), f.size, (f.page - 1) * f.size),
  ]);
  const n = counted?.n ?? 0;
  const exact = f.count === "exact" || n <= FLEET_COUNT_CAP;
  return { rows: await named(rows), total: exact ? n : FLEET_COUNT_CAP, exact };
}

/** Every id matching a filter (bulk operations on "all matching"), capped at the fleet page's maximum. */
export async function fleetIds(f: FleetFilter, max = 10_000, now?: Date): Promise<string[]> {
  const where = fleetSqlWhere(f, await fleetContext(f, now));
  const rows = await db().$queryRaw<{ id: string }[]>`SELECT w."id" FROM "Workspace" w WHERE ${where} ORDER BY w."id" LIMIT ${max}`;
  return rows.map((r) => r.id);
}

/** Pages through the filter with a keyset cursor, so an export never holds more than one page in memory. */
export async function* fleetPages(f: FleetFilter, pageSize = 500, now?: Date): AsyncGenerator<FleetRow[]> {
  const where = fleetSqlWhere(f, await fleetContext(f, now));
  const order = fleetSqlOrder(f);
  const names = new Map<string, Promise<Names>>();
  let last: PageRow | undefined;
  for (;;) {
    const rows = await selectRows(last ? Prisma.sql`${where} AND ${afterRow(f, last)}` : where, order, pageSize);
    if (rows.length) yield await named(rows, names);
    if (rows.length < pageSize) return;
    last = rows.at(-1);
  }
}

export interface FleetFacets {
  states: string[];
  /** The AWS accounts with WorkSpaces in the inventory, by name. */
  accounts?: { id: string; name: string }[];
  regions: string[];
  /** Directories and bundles by name (values stay ids), sorted by name. */
  directories: { id: string; name: string }[];
  bundles: { id: string; name: string }[];
  /** Smallest first. */
  computeTypes: string[];
  runningModes: string[];
  costCenters: string[];
  owners: { id: string; name: string }[];
}

// The filter menus change slowly and cost a scan of each column; a short cache (per database, since tests and the
// bench swap databases) keeps the page's cost flat.
const facetCache = new WeakMap<object, { at: number; value: Promise<FleetFacets> }>();
const FACET_TTL_MS = 30_000;

export function fleetFacets(): Promise<FleetFacets> {
  const client = db();
  const cached = facetCache.get(client);
  if (cached && Date.now() - cached.at < FACET_TTL_MS) return cached.value;
  const distinct = async (
    field: "state" | "accountId" | "region" | "directoryId" | "bundleId" | "computeType" | "runningMode" | "costCenter",
  ) => {
    const rows = (await client.workspace.findMany({ where: { goneAt: null }, distinct: [field], select: { [field]: true } })) as Record<
      string,
      string | null
    >[];
    return rows
      .map((r) => r[field])
      .filter((v): v is string => Boolean(v))
      .sort();
  };
  const value = (async () => {
    const [states, regions, directoryIds, bundleIds, computeTypes, runningModes, costCenters, owners] = await Promise.all([
      distinct("state"),
      distinct("region"),
      distinct("directoryId"),
      distinct("bundleId"),
      distinct("computeType"),
      distinct("runningMode"),
      distinct("costCenter"),
      client.user.findMany({
        where: { workspaces: { some: {} } },
        select: { id: true, name: true, serviceAccount: true },
        orderBy: { name: "asc" },
      }),
    ]);
    const accountIds = await distinct("accountId");
    const [names, accountsById] = await Promise.all([catalogFor(regions, accountIds), accountNames(client)]);
    const byName = (ids: string[], name: (id: string) => string | undefined) =>
      ids.map((id) => ({ id, name: name(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name, "en") || a.id.localeCompare(b.id));
    return {
      // "In maintenance" is always offered: an admin looks for the WorkSpaces left in maintenance when there are none too.
      states: [...new Set([...states, "ADMIN_MAINTENANCE"])].sort(),
      accounts: byName(accountIds, (id) => accountsById.get(id)),
      regions,
      directories: byName(directoryIds, (id) => names.directory(id)?.name),
      bundles: byName(bundleIds, (id) => {
        const name = names.bundle(id)?.name;
        return name && bundleNameLabel(name);
      }),
      computeTypes: computeTypes.sort((a, b) => (computeRank(a) ?? 0) - (computeRank(b) ?? 0)),
      runningModes,
      costCenters,
      // An API integration's own WorkSpaces belong to its service account, which is no person.
      owners: owners.map((o) => ({ id: o.id, name: o.serviceAccount ? `${o.name} (Service account)` : o.name })),
    };
  })();
  facetCache.set(client, { at: Date.now(), value });
  value.catch(() => facetCache.delete(client));
  return value;
}

/**
 * How many WorkSpaces of the filter are in each state, the state itself left out (the state bar's segments pick
 * one). Largest first.
 */
export async function fleetStateCounts(f: FleetFilter, now?: Date): Promise<{ state: string; count: number }[]> {
  const withoutState = { ...f, state: undefined };
  const where = fleetSqlWhere(withoutState, await fleetContext(withoutState, now));
  const rows = await db().$queryRaw<{ state: string; n: number }[]>`
    SELECT w."state", count(*)::int AS n FROM "Workspace" w WHERE ${where} GROUP BY w."state" ORDER BY n DESC, w."state" ASC`;
  return rows.map((r) => ({ state: r.state, count: r.n }));
}

export function resetFleetFacetCache(): void {
  facetCache.delete(db());
}

/** What the admin view of one WorkSpace shows besides the owner's view: its tags, protocols and inventory dates. */
export async function adminWorkspaceExtras(id: string) {
  const row = await db().workspace.findUnique({
    where: { id },
    select: {
      tags: true,
      protocols: true,
      firstSeenAt: true,
      lastSyncedAt: true,
      stateChangedAt: true,
      goneAt: true,
      owner: { select: { id: true, name: true, email: true } },
    },
  });
  if (!row) return null;
  const tags = (Array.isArray(row.tags) ? row.tags : [])
    .map((t) => (t && typeof t === "object" && !Array.isArray(t) ? (t as Record<string, unknown>) : {}))
    .filter((t) => typeof t.key === "string")
    .map((t) => ({ key: String(t.key), value: typeof t.value === "string" ? t.value : "" }))
    .sort((a, b) => a.key.localeCompare(b.key, "en"));
  return { ...row, tags };
}

/**
 * The audit trail of one WorkSpace, newest first: what was done to it directly, and everything recorded about
 * its requests (submitted, approved, carried out).
 */
export async function workspaceAuditTrail(workspaceId: string, requestIds: readonly string[], take = 50) {
  const rows = await db().auditEvent.findMany({
    where: {
      OR: [
        { targetType: "workspace", targetId: workspaceId },
        ...(requestIds.length
          ? [{ requestId: { in: [...requestIds] } }, { targetType: "request", targetId: { in: [...requestIds] } }]
          : []),
      ],
    },
    orderBy: { id: "desc" },
    take,
  });
  return rows.map((e) => ({ ...e, id: e.id.toString(), at: e.at.toISOString() }));
}
