import "server-only";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { FleetFilter } from "./admin-fleet-filter";

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
  id: true, region: true, directoryId: true, userName: true, ownerId: true, state: true, bundleId: true,
  computeType: true, runningMode: true, costCenter: true, lastSyncedAt: true, owner: { select: { name: true } },
} satisfies Prisma.WorkspaceSelect;

type Selected = Prisma.WorkspaceGetPayload<{ select: typeof select }>;
const toRow = (w: Selected): FleetRow => ({ ...w, ownerName: w.owner?.name ?? null, lastSyncedAt: w.lastSyncedAt.toISOString(), owner: undefined } as FleetRow);

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
  if (f.q) {
    where.OR = [
      { id: { contains: f.q, mode: "insensitive" } },
      { userName: { contains: f.q, mode: "insensitive" } },
      { computerName: { contains: f.q, mode: "insensitive" } },
    ];
  }
  return where;
}

const NULLABLE_SORTS = new Set(["computeType", "runningMode", "costCenter"]);

export function fleetOrderBy(f: Pick<FleetFilter, "sort" | "dir">): Prisma.WorkspaceOrderByWithRelationInput[] {
  if (f.sort === "id") return [{ id: f.dir }];
  const primary: Prisma.WorkspaceOrderByWithRelationInput =
    f.sort === "owner"
      ? { owner: { name: f.dir } }
      : ((NULLABLE_SORTS.has(f.sort) ? { [f.sort]: { sort: f.dir, nulls: "last" } } : { [f.sort]: f.dir }) as Prisma.WorkspaceOrderByWithRelationInput);
  return [primary, { id: "asc" }];
}

/** One page of the fleet plus the number of matches: two indexed queries whatever the fleet's size. */
export async function listFleet(f: FleetFilter): Promise<{ rows: FleetRow[]; total: number }> {
  const where = fleetWhere(f);
  const [total, rows] = await Promise.all([
    db().workspace.count({ where }),
    db().workspace.findMany({ where, orderBy: fleetOrderBy(f), skip: (f.page - 1) * f.size, take: f.size, select }),
  ]);
  return { rows: rows.map(toRow), total };
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
    const rows = await db().workspace.findMany({ where, orderBy, take: pageSize, select, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) });
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

// The filter menus change slowly and cost a scan of each column; a short cache keeps the page's cost flat.
let facetCache: { at: number; value: Promise<FleetFacets> } | undefined;
const FACET_TTL_MS = 30_000;

export function fleetFacets(): Promise<FleetFacets> {
  if (facetCache && Date.now() - facetCache.at < FACET_TTL_MS) return facetCache.value;
  const distinct = async (field: "state" | "region" | "directoryId" | "bundleId" | "computeType" | "runningMode" | "costCenter") => {
    const rows = (await db().workspace.findMany({ where: { goneAt: null }, distinct: [field], select: { [field]: true } })) as Record<string, string | null>[];
    return rows.map((r) => r[field]).filter((v): v is string => Boolean(v)).sort();
  };
  const value = (async () => {
    const [states, regions, directories, bundles, computeTypes, runningModes, costCenters, owners] = await Promise.all([
      distinct("state"), distinct("region"), distinct("directoryId"), distinct("bundleId"), distinct("computeType"), distinct("runningMode"), distinct("costCenter"),
      db().user.findMany({ where: { workspaces: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    ]);
    return { states, regions, directories, bundles, computeTypes, runningModes, costCenters, owners };
  })();
  facetCache = { at: Date.now(), value };
  value.catch(() => (facetCache = undefined));
  return value;
}

export function resetFleetFacetCache(): void {
  facetCache = undefined;
}
