import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { FLEET_COUNT_CAP, fleetOrderBy, fleetWhere, listFleet } from "./admin-fleet";
import { parseFleetFilter } from "../schemas/admin-fleet-filter";

let database: TestDatabase;
const N = FLEET_COUNT_CAP + 40;

beforeAll(async () => {
  database = await createTestDatabase();
  const prisma = database.prisma;
  const ann = await prisma.user.create({ data: { email: "ann@test", name: "Ann" } });
  const zed = await prisma.user.create({ data: { email: "zed@test", name: "Zed" } });
  await prisma.workspace.createMany({
    data: Array.from({ length: N }, (_, i) => ({
      id: `ws-${String(i).padStart(9, "0")}`,
      region: i % 2 ? "eu-west-1" : "us-east-1",
      directoryId: "d-1",
      userName: i === 7 ? "JDoe_X" : `user${i}`,
      computerName: i === 8 ? "WSAMZN-ABC" : null,
      ownerId: i % 3 === 0 ? ann.id : i % 3 === 1 ? zed.id : null,
      state: i === 9 ? "TERMINATED" : "AVAILABLE",
      bundleId: "wsb-1",
      costCenter: i % 5 === 0 ? null : `CC-${i % 4}`,
      raw: {},
      lastSyncedAt: new Date(),
      goneAt: i === 9 ? new Date() : null,
    })),
  });
});
afterAll(() => database.close());

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

  it("returns the same page, in the same order, as the Prisma filter the CSV export and bulk operations use", async () => {
    for (const params of [
      { sort: "owner", dir: "desc" },
      { sort: "costCenter", page: "2" },
      { q: "user1", sort: "owner" },
      { cc: "none", sort: "region", dir: "desc" },
      { owner: "none", sort: "id", dir: "desc" },
    ]) {
      const filter = parseFleetFilter(params);
      const page = await listFleet(filter);
      const viaPrisma = await database.prisma.workspace.findMany({
        where: fleetWhere(filter),
        orderBy: fleetOrderBy(filter),
        skip: (filter.page - 1) * filter.size,
        take: filter.size,
        include: { owner: true },
      });
      expect(page.rows.map((r) => [r.id, r.ownerName])).toEqual(viaPrisma.map((w) => [w.id, w.owner?.name ?? null]));
    }
  });
});
