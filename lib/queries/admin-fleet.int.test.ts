import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { setCatalogSource } from "../core/catalog";
import { DEFAULT_RECLAIM_SETTINGS, reclaimAssessment, type ReclaimSettings } from "../domain";
import { RECLAIM_SETTING_KEY } from "../core/reclaim-settings";
import { toDomainWorkspace } from "../core/workspace-records";
import type { Prisma } from "../generated/prisma/client";
import { FLEET_COUNT_CAP, fleetIds, fleetPages, listFleet } from "./admin-fleet";
import { fleetCsvResponse } from "./admin-fleet-csv";
import { parseFleetFilter, type FleetFilter } from "../schemas/admin-fleet-filter";

let database: TestDatabase;
const N = FLEET_COUNT_CAP + 40;
const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date(Date.UTC(2026, 10, 30, 12, 0, 0));
const daysAgo = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY + ms);
const wsId = (i: number) => `ws-${String(i).padStart(9, "0")}`;

// Last connections spread over 0–119 days with many ties (so the export's keyset cursor meets equal sort values),
// never-connected WorkSpaces of every age, the idle period's exact boundary on both sides, exemption tags in
// other cases, states the reclaim policy leaves alone, and Keep it / refused-reclaim / plain warning notices.
function lastConnectedAt(i: number): Date | null {
  if (i === 30) return daysAgo(60);
  if (i === 31) return daysAgo(60, 1);
  return i % 6 === 0 ? null : daysAgo((i * 7) % 120);
}
function firstSeenAt(i: number): Date {
  return i === 36 ? daysAgo(60) : i === 42 ? daysAgo(60, 1) : i === 54 ? daysAgo(1) : daysAgo((i * 13) % 200);
}
// CloudWatch's first datapoint: before or after first seen, unknown, or on the boundary while first seen is recent.
function existsSince(i: number): Date | null {
  if (i === 48) return daysAgo(60);
  if (i === 54) return daysAgo(60, 1);
  return i % 4 === 0 ? daysAgo((i * 17) % 300) : null;
}
function tags(i: number): Prisma.InputJsonValue {
  if (i % 11 === 0) return [{ key: "sKIP_reclaim", value: "lab" }];
  if (i % 17 === 0) return [{ key: "Other", value: "x" }];
  return [];
}
function state(i: number): string {
  if (i === 9) return "TERMINATED";
  if (i % 13 === 0) return "PENDING";
  if (i % 29 === 0) return "SUSPENDED";
  return i % 4 === 1 ? "STOPPED" : "AVAILABLE";
}

beforeAll(async () => {
  database = await createTestDatabase();
  // No AWS here: the catalog knows no names, so rows keep their ids as names (admin-fleet-names.int.test.ts has the names).
  setCatalogSource({ bundles: async () => [], directories: async () => [], snapshots: async () => ({ oldest: null, latest: null }) });
  const prisma = database.prisma;
  const ann = await prisma.user.create({ data: { email: "ann@test", name: "Ann" } });
  const zed = await prisma.user.create({ data: { email: "zed@test", name: "Zed" } });
  await prisma.workspace.createMany({
    data: Array.from({ length: N }, (_, i) => ({
      id: wsId(i),
      region: i % 2 ? "eu-west-1" : "us-east-1",
      directoryId: "d-1",
      userName: i === 7 ? "JDoe_X" : `user${i}`,
      computerName: i === 8 ? "WSAMZN-ABC" : null,
      ownerId: i % 3 === 0 ? ann.id : i % 3 === 1 ? zed.id : null,
      state: state(i),
      bundleId: "wsb-1",
      costCenter: i % 5 === 0 ? null : `CC-${i % 4}`,
      raw: {},
      lastSyncedAt: new Date(),
      goneAt: i === 9 ? new Date() : null,
      lastConnectedAt: lastConnectedAt(i),
      firstSeenAt: firstSeenAt(i),
      existsSince: existsSince(i),
      tags: tags(i),
    })),
  });
  const notice = (i: number, status: "WARNED" | "KEPT" | "REQUESTED" | "CANCELLED", at: Date) => ({
    workspaceId: wsId(i),
    idleSince: daysAgo(200),
    reclaimOn: daysAgo(-14),
    warnedAt: daysAgo(100),
    status,
    keptAt: status === "KEPT" ? at : null,
    updatedAt: at,
  });
  await prisma.reclaimNotice.createMany({
    data: [
      ...Array.from({ length: 60 }, (_, k) => notice(k * 5 + 1, "KEPT", daysAgo((k * 11) % 100))),
      ...Array.from({ length: 20 }, (_, k) => notice(k * 19 + 2, "REQUESTED", daysAgo((k * 7) % 90))),
      // A warning or a cancelled warning is not a "Keep it": the clock runs on.
      ...Array.from({ length: 20 }, (_, k) => notice(k * 23 + 3, k % 2 ? "WARNED" : "CANCELLED", daysAgo(1))),
    ],
  });
});
afterAll(() => database.close());

/** The reclaim run's own judgement (lib/services/reclaim.ts feeds reclaimAssessment the same way), row by row. */
async function idleByTheDomain(settings: ReclaimSettings): Promise<string[]> {
  const prisma = database.prisma;
  const [rows, notices] = await Promise.all([
    prisma.workspace.findMany({ where: { goneAt: null }, omit: { raw: true } }),
    prisma.reclaimNotice.findMany(),
  ]);
  const lastKept = new Map<string, Date>();
  for (const n of notices) {
    const at = n.status === "KEPT" ? n.keptAt : n.status === "REQUESTED" ? n.updatedAt : null;
    const known = lastKept.get(n.workspaceId);
    if (at && (!known || known < at)) lastKept.set(n.workspaceId, at);
  }
  return rows
    .filter((row) => {
      const verdict = reclaimAssessment({
        workspace: toDomainWorkspace(row),
        lastConnectedAt: row.lastConnectedAt,
        existsSince: row.existsSince,
        lastKept: lastKept.get(row.id) ?? null,
        // Who owns it and whether a request is open decide whether the daily run warns, not whether it is idle.
        hasOwner: true,
        openRequest: false,
        warning: null,
        settings,
        now: NOW,
      });
      return verdict.kind === "warn";
    })
    .map((r) => r.id)
    .sort();
}

/** Every row the page shows for a filter, page after page, in the page's order. */
async function everyPage(filter: FleetFilter): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const { rows, total } = await listFleet({ ...filter, page, size: 200, count: "exact" }, NOW);
    ids.push(...rows.map((r) => r.id));
    if (ids.length >= total || rows.length === 0) return ids;
  }
}

async function exported(filter: FleetFilter, pageSize: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of fleetPages(filter, pageSize, NOW)) ids.push(...page.map((r) => r.id));
  return ids;
}

/** The same order as Prisma would give it, as an independent check of the SQL's ORDER BY (and its NULLS LAST). */
function prismaOrder(f: FleetFilter): Prisma.WorkspaceOrderByWithRelationInput[] {
  if (f.sort === "id") return [{ id: f.dir }];
  if (f.sort === "owner") return [{ owner: { name: f.dir } }, { id: "asc" }];
  const nullable = ["computeType", "runningMode", "costCenter", "lastConnectedAt"].includes(f.sort);
  return [{ [f.sort]: nullable ? { sort: f.dir, nulls: "last" } : f.dir }, { id: "asc" }];
}

describe("listFleet", () => {
  it("stops counting past the cap, and counts exactly when asked", async () => {
    const capped = await listFleet(parseFleetFilter({}));
    expect(capped).toMatchObject({ total: FLEET_COUNT_CAP, exact: false });
    expect(capped.rows).toHaveLength(50);
    const exact = await listFleet(parseFleetFilter({ count: "exact" }));
    expect(exact).toMatchObject({ total: N - 1, exact: true }); // the gone one shows only when asked for by state
    expect(await listFleet(parseFleetFilter({ state: "TERMINATED" }))).toMatchObject({ total: 1, exact: true });
  });

  it("searches the start of ID, user name and computer name, ignoring case, with LIKE wildcards taken literally", async () => {
    expect((await listFleet(parseFleetFilter({ q: "jdoe" }))).rows.map((r) => r.userName)).toEqual(["JDoe_X"]);
    expect((await listFleet(parseFleetFilter({ q: "wsamzn-a" }))).rows.map((r) => r.id)).toEqual(["ws-000000008"]);
    expect((await listFleet(parseFleetFilter({ q: "WS-00000001" }))).total).toBe(10);
    expect((await listFleet(parseFleetFilter({ q: "jdoe%" }))).total).toBe(0);
    expect((await listFleet(parseFleetFilter({ q: "ser1" }))).total).toBe(0);
  });

  it("shows the last connection, and filters by never or older than N days (never-connected ones included)", async () => {
    const rows = await database.prisma.workspace.findMany({
      where: { goneAt: null },
      orderBy: { id: "asc" },
      select: { id: true, lastConnectedAt: true },
    });
    const never = await fleetIds(parseFleetFilter({ last: "never" }), 10_000, NOW);
    expect(never).toEqual(rows.filter((r) => r.lastConnectedAt === null).map((r) => r.id));
    expect(never.length).toBeGreaterThan(50);
    const older = await fleetIds(parseFleetFilter({ last: "older", lastDays: "60" }), 10_000, NOW);
    expect(older).toEqual(rows.filter((r) => r.lastConnectedAt === null || r.lastConnectedAt < daysAgo(60)).map((r) => r.id));
    expect(older).not.toContain(wsId(30)); // exactly 60 days ago is not older than 60 days
    expect(older).toContain(wsId(36));
    // A bad number of days leaves the filter out instead of guessing one.
    expect(await fleetIds(parseFleetFilter({ last: "older", lastDays: "0" }), 10_000, NOW)).toHaveLength(N - 1);

    const { rows: page } = await listFleet(parseFleetFilter({ q: wsId(30) }), NOW);
    expect(page[0]!.lastConnectedAt).toBe(daysAgo(60).toISOString());
    expect((await listFleet(parseFleetFilter({ q: wsId(36) }), NOW)).rows[0]!.lastConnectedAt).toBeNull();
  });

  it("finds exactly the WorkSpaces the reclaim policy calls idle, with the saved policy's idle period and tag", async () => {
    const idle = await fleetIds(parseFleetFilter({ idle: "1" }), 10_000, NOW);
    expect(idle).toEqual(await idleByTheDomain(DEFAULT_RECLAIM_SETTINGS));
    expect(idle.length).toBeGreaterThan(20);
    expect(idle).toEqual(expect.arrayContaining([wsId(30), wsId(36)])); // idle from the exact boundary on
    expect(idle).not.toContain(wsId(31));
    expect(idle).not.toContain(wsId(42));
    // Never used, first seen 24 days and a day ago: idle only by CloudWatch's first datapoint, from the exact boundary on.
    expect(idle).toContain(wsId(48));
    expect(idle).not.toContain(wsId(54));

    const saved: ReclaimSettings = { idleDays: 30, graceDays: 7, exemptTagKey: "OTHER" };
    await database.prisma.setting.create({ data: { key: RECLAIM_SETTING_KEY, value: saved } });
    try {
      const withSaved = await fleetIds(parseFleetFilter({ idle: "1" }), 10_000, NOW);
      expect(withSaved).toEqual(await idleByTheDomain(saved));
      expect(withSaved).not.toEqual(idle);
    } finally {
      await database.prisma.setting.delete({ where: { key: RECLAIM_SETTING_KEY } });
    }
  });

  it("selects the same WorkSpaces, in the same order, on the page, in the CSV export and for a bulk operation", async () => {
    for (const params of [
      {},
      { sort: "owner", dir: "desc" },
      { sort: "owner" },
      { sort: "costCenter", dir: "desc" },
      { q: "user1", sort: "owner" },
      { cc: "none", sort: "region", dir: "desc" },
      { owner: "none", sort: "id", dir: "desc" },
      { last: "never", sort: "lastSyncedAt" },
      { last: "older", lastDays: "30", sort: "lastConnectedAt" },
      { last: "older", lastDays: "90", sort: "lastConnectedAt", dir: "desc" },
      { idle: "1" },
      { idle: "1", sort: "lastConnectedAt", dir: "desc" },
      { idle: "1", last: "never", sort: "owner", dir: "desc" },
      { idle: "1", region: "eu-west-1", owner: "none", sort: "costCenter" },
      { idle: "1", state: "STOPPED", last: "older", lastDays: "100", sort: "userName", dir: "desc" },
    ]) {
      const filter = parseFleetFilter(params);
      const onPages = await everyPage(filter);
      expect(onPages.length, JSON.stringify(params)).toBeGreaterThan(0);
      // A small export page, so the keyset cursor crosses ties and empty values many times.
      expect(await exported(filter, 7), JSON.stringify(params)).toEqual(onPages);
      expect(await fleetIds(filter, 10_000, NOW), JSON.stringify(params)).toEqual([...onPages].sort());
      const viaPrisma = await database.prisma.workspace.findMany({
        where: { id: { in: onPages } },
        orderBy: prismaOrder(filter),
        select: { id: true },
      });
      expect(
        viaPrisma.map((w) => w.id),
        JSON.stringify(params),
      ).toEqual(onPages);
    }
  });

  it("exports the last connection in the CSV, and never for a WorkSpace nobody connected to", async () => {
    const csv = await fleetCsvResponse(parseFleetFilter({ q: "ws-00000003", sort: "id" })).text();
    const [header, ...lines] = csv.trim().split("\r\n");
    expect(header!.split(",").at(-1)).toBe("Last connected");
    const lastField = new Map(lines.map((l) => [l.split(",")[0], l.split(",").at(-1)]));
    expect(lastField.get(wsId(30))).toBe(daysAgo(60).toISOString());
    expect(lastField.get(wsId(36))).toBe("never");
  });
});
