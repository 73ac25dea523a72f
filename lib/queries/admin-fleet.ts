import "server-only";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { FleetFilter } from "../schemas/admin-fleet-filter";

export interface FleetRow {
  id: string;
  region: string;
  directoryId: string;
  userName: string;
  ownerId: string | null;
  ownerName: string | null;
  state: string;
  bundleId: string;
  computeType: string | null;
  runningMode: string | null;
  costCenter: string | null;
  lastSyncedAt: string;
}

const select = {
  id: true,
  region: true,
  directoryId: true,
  userName: true,
  ownerId: true,
  state: true,
  bundleId: true,
  computeType: true,
  runningMode: true,
  costCenter: true,
  lastSyncedAt: true,
  owner: { select: { name: true } },
} satisfies Prisma.WorkspaceSelect;

type Selected = Prisma.WorkspaceGetPayload<{ select: typeof select }>;
const toRow = (w: Selected): FleetRow =>
  ({ ...w, ownerName: w.owner?.name ?? null, lastSyncedAt: w.lastSyncedAt.toISOString(), owner: undefined }) as FleetRow;

/** The search box matches the start of the WorkSpace ID, user name or computer name, ignoring case; an index serves each. */
const SEARCHED = ["id", "userName", "computerName"] as const;

/** The WHERE clause for a filter; every filter column is indexed. Gone WorkSpaces show only when asked for by state. */
export function fleetWhere(f: FleetFilter): Prisma.WorkspaceWhereInput {
  const where: Prisma.WorkspaceWhereInput = {};
  if (f.state) where.state = f.state;
  else where.goneAt = null;
  if (f.region) where.region = f.region;
  if (f.directory) where.directoryId = f.directory;
  if (f.bundle) where.bundleId = f.bundle;
  if (f.compute) where.computeType = f.compute;
  if (f.mode) where.runningMode = f.mode;
  if (f.owner) where.ownerId = f.owner === "none" ? null : f.owner;
  if (f.cc) where.costCenter = f.cc === "none" ? null : f.cc;
  if (f.q) where.OR = SEARCHED.map((field) => ({ [field]: { startsWith: f.q, mode: "insensitive" } }));
  return where;
}

const NULLABLE_SORTS = new Set(["computeType", "runningMode", "costCenter"]);

export function fleetOrderBy(f: Pick<FleetFilter, "sort" | "dir">): Prisma.WorkspaceOrderByWithRelationInput[] {
  if (f.sort === "id") return [{ id: f.dir }];
  const primary: Prisma.WorkspaceOrderByWithRelationInput =
    f.sort === "owner"
      ? { owner: { name: f.dir } }
      : ((NULLABLE_SORTS.has(f.sort)
          ? { [f.sort]: { sort: f.dir, nulls: "last" } }
          : { [f.sort]: f.dir }) as Prisma.WorkspaceOrderByWithRelationInput);
  return [primary, { id: "asc" }];
}

// The page itself is one SQL statement so that the search can use the lower(...) prefix indexes (Prisma's
// insensitive filters become ILIKE, which no btree index serves) and the owner's name comes in the same round trip.
const EQUALS: [keyof FleetFilter, string][] = [
  ["region", "region"],
  ["directory", "directoryId"],
  ["bundle", "bundleId"],
  ["compute", "computeType"],
  ["mode", "runningMode"],
];

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function fleetSqlWhere(f: FleetFilter): Prisma.Sql {
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
  return Prisma.join(parts, " AND ");
}

function fleetSqlOrder(f: Pick<FleetFilter, "sort" | "dir">): Prisma.Sql {
  const dir = f.dir === "desc" ? "DESC" : "ASC";
  if (f.sort === "id") return Prisma.raw(`w."id" ${dir}`);
  // Prisma's order for the same sort, so the page, the CSV export and the bulk ids agree.
  const column =
    f.sort === "owner" ? `u."name" ${dir}` : NULLABLE_SORTS.has(f.sort) ? `w."${f.sort}" ${dir} NULLS LAST` : `w."${f.sort}" ${dir}`;
  return Prisma.raw(`${column}, w."id" ASC`);
}

/** Above this many matches the page says "more than" instead of counting them all, unless asked to count exactly. */
export const FLEET_COUNT_CAP = 500;

interface PageRow extends Omit<FleetRow, "lastSyncedAt"> {
  lastSyncedAt: Date;
}

/**
 * One page of the fleet plus the number of matches. The count stops at FLEET_COUNT_CAP + 1 unless the filter
 * asks for an exact count, so neither query reads more than a bounded number of rows at any fleet size.
 */
export async function listFleet(f: FleetFilter): Promise<{ rows: FleetRow[]; total: number; exact: boolean }> {
  const where = fleetSqlWhere(f);
  const limit = f.count === "exact" ? Prisma.empty : Prisma.sql`LIMIT ${FLEET_COUNT_CAP + 1}`;
  const [[counted], rows] = await Promise.all([
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Workspace" w WHERE ${where} ${limit}) matches`,
    db().$queryRaw<PageRow[]>`
      SELECT w."id", w."region", w."directoryId", w."userName", w."ownerId", u."name" AS "ownerName", w."state", w."bundleId",
             w."computeType", w."runningMode", w."costCenter", w."lastSyncedAt"
      FROM "Workspace" w LEFT JOIN "User" u ON u."id" = w."ownerId"
      WHERE ${where}
      ORDER BY ${fleetSqlOrder(f)}
      LIMIT ${f.size} OFFSET ${(f.page - 1) * f.size}`,
  ]);
  const n = counted?.n ?? 0;
  const exact = f.count === "exact" || n <= FLEET_COUNT_CAP;
  return {
    rows: rows.map((r) => ({ ...r, lastSyncedAt: new Date(r.lastSyncedAt).toISOString() })),
    total: exact ? n : FLEET_COUNT_CAP,
    exact,
  };
}

/** Every id matching a filter (bulk operations on "all matching"), capped at the fleet page's maximum. */
export async function fleetIds(f: FleetFilter, max = 10_000): Promise<string[]> {
  const rows = await db().workspace.findMany({ where: fleetWhere(f), orderBy: { id: "asc" }, take: max, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Pages through the filter with a keyset cursor, so an export never holds more than one page in memory. */
export async function* fleetPages(f: FleetFilter, pageSize = 500): AsyncGenerator<FleetRow[]> {
  const where = fleetWhere(f);
  const orderBy = fleetOrderBy(f);
  let cursor: string | undefined;
  for (;;) {
    const rows = await db().workspace.findMany({
      where,
      orderBy,
      take: pageSize,
      select,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length) yield rows.map(toRow);
    if (rows.length < pageSize) return;
    cursor = rows.at(-1)!.id;
  }
}

export interface FleetFacets {
  states: string[];
  regions: string[];
  directories: string[];
  bundles: string[];
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
  const distinct = async (field: "state" | "region" | "directoryId" | "bundleId" | "computeType" | "runningMode" | "costCenter") => {
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
    const [states, regions, directories, bundles, computeTypes, runningModes, costCenters, owners] = await Promise.all([
      distinct("state"),
      distinct("region"),
      distinct("directoryId"),
      distinct("bundleId"),
      distinct("computeType"),
      distinct("runningMode"),
      distinct("costCenter"),
      client.user.findMany({ where: { workspaces: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    ]);
    return { states, regions, directories, bundles, computeTypes, runningModes, costCenters, owners };
  })();
  facetCache.set(client, { at: Date.now(), value });
  value.catch(() => facetCache.delete(client));
  return value;
}

export function resetFleetFacetCache(): void {
  facetCache.delete(db());
}
