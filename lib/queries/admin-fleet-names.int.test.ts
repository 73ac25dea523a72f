import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { setCatalogSource, type CatalogSource } from "../core/catalog";
import type { Bundle } from "../domain";
import {
  adminWorkspaceExtras,
  fleetFacets,
  fleetPages,
  fleetStateCounts,
  listFleet,
  resetFleetFacetCache,
  workspaceAuditTrail,
} from "./admin-fleet";
import { parseFleetFilter } from "../schemas/admin-fleet-filter";

// The fleet reads as the employee's card does: directory and bundle names from the catalog, compute types sorted by
// size, and the state bar's counts from the same filter as the table.

let database: TestDatabase;
const id = (i: number) => `ws-names${String(i).padStart(4, "0")}`;
// Text order (GRAPHICS < GRAPHICSPRO < PERFORMANCE < POWER < STANDARD < VALUE) is not size order.
const COMPUTE = ["VALUE", "GRAPHICSPRO", "STANDARD", "POWER", null, "PERFORMANCE", "GRAPHICS_G4DN", "POWERPRO", "SOMETHING_NEW"];
const SIZE = ["VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO", "GRAPHICS_G4DN", "GRAPHICSPRO", "SOMETHING_NEW", null];

const source: CatalogSource = {
  freshForMs: 0,
  directories: async (region) =>
    region === "us-east-1"
      ? ([{ id: "d-1111111111", name: "corp.example.com", type: "SIMPLE_AD", region, registrationCode: null }] as never)
      : [],
  bundles: async (region) =>
    region === "us-east-1"
      ? ([{ id: "wsb-standardwin", name: "Standard with Windows 10 (PCOIP)", region }] as Partial<Bundle>[] as Bundle[])
      : [],
  snapshots: async () => ({ oldest: null, latest: null }),
};

beforeAll(async () => {
  database = await createTestDatabase();
  setCatalogSource(source);
  const ann = await database.prisma.user.create({ data: { email: "ann@test", name: "Ann" } });
  await database.prisma.workspace.createMany({
    data: Array.from({ length: 27 }, (_, i) => ({
      id: id(i),
      region: i % 3 === 2 ? "eu-west-1" : "us-east-1",
      directoryId: i % 3 === 2 ? "d-2222222222" : "d-1111111111",
      bundleId: i % 3 === 2 ? "wsb-unknownone" : "wsb-standardwin",
      userName: `user${i}`,
      computerName: i === 4 ? "WSAMZN-NAMED" : null,
      ownerId: i === 4 ? ann.id : null,
      state: i % 5 === 0 ? "STOPPED" : i === 7 ? "ERROR" : "AVAILABLE",
      computeType: COMPUTE[i % COMPUTE.length],
      runningMode: "AUTO_STOP",
      raw: {},
      lastSyncedAt: new Date(),
      tags:
        i === 4
          ? [
              { key: "Project", value: "Apollo" },
              { key: "CostCenter", value: "CC-1" },
            ]
          : [],
    })),
  });
  resetFleetFacetCache();
});
afterAll(() => database.close());

describe("the fleet in names", () => {
  it("names each WorkSpace's directory and bundle from the catalog, the id only where the catalog does not know it", async () => {
    const { rows } = await listFleet(parseFleetFilter({ sort: "id", size: "50" }));
    const named = rows.find((r) => r.id === id(4))!;
    expect(named).toMatchObject({
      computerName: "WSAMZN-NAMED",
      directoryName: "corp.example.com",
      bundleName: "Standard with Windows 10 (PCoIP)",
    });
    expect(named.ownerName).toBe("Ann");
    // Labelled on the server, as the employee's card says them.
    expect(named).toMatchObject({ stateLabel: "Ready", computeTypeLabel: "—", runningModeLabel: "AutoStop" });
    expect(rows.find((r) => r.id === id(6))).toMatchObject({ computeType: "GRAPHICS_G4DN", computeTypeLabel: "Graphics.g4dn" });
    const unknown = rows.find((r) => r.id === id(2))!;
    expect(unknown).toMatchObject({ directoryName: "d-2222222222", bundleName: "wsb-unknownone" });
  });

  it("sorts compute types by size, not by their text, both ways, with empty ones last", async () => {
    const order = async (dir: "asc" | "desc") =>
      (await listFleet(parseFleetFilter({ sort: "computeType", dir, size: "50" }))).rows.map((r) => r.computeType);
    const distinct = (xs: (string | null)[]) => xs.filter((x, i) => i === 0 || x !== xs[i - 1]);
    expect(distinct(await order("asc"))).toEqual(SIZE);
    expect(distinct(await order("desc"))).toEqual([...SIZE.slice(0, -1).reverse(), null]);
  });

  it("exports in the same size order, page after page (the cursor crosses equal sizes)", async () => {
    for (const dir of ["asc", "desc"]) {
      const filter = parseFleetFilter({ sort: "computeType", dir, size: "50" });
      const page = (await listFleet(filter)).rows.map((r) => r.id);
      const exported: string[] = [];
      for await (const rows of fleetPages(filter, 4)) exported.push(...rows.map((r) => r.id));
      expect(exported).toEqual(page);
      expect(exported).toHaveLength(27);
    }
  });

  it("lists directories and bundles by name in the filter menus, and compute types smallest first", async () => {
    const facets = await fleetFacets();
    expect(facets.directories).toEqual([
      { id: "d-1111111111", name: "corp.example.com" },
      { id: "d-2222222222", name: "d-2222222222" },
    ]);
    expect(facets.bundles[0]).toEqual({ id: "wsb-standardwin", name: "Standard with Windows 10 (PCoIP)" });
    expect(facets.computeTypes).toEqual(SIZE.slice(0, -1));
  });

  it("counts the filter's WorkSpaces by state, whatever state the table is filtered to", async () => {
    const all = await fleetStateCounts(parseFleetFilter({}));
    expect(all).toEqual([
      { state: "AVAILABLE", count: 20 },
      { state: "STOPPED", count: 6 },
      { state: "ERROR", count: 1 },
    ]);
    expect(await fleetStateCounts(parseFleetFilter({ state: "STOPPED" }))).toEqual(all);
    const inEurope = await fleetStateCounts(parseFleetFilter({ region: "eu-west-1" }));
    expect(inEurope.reduce((s, c) => s + c.count, 0)).toBe(9);
  });

  it("gives the admin view a WorkSpace's tags sorted by key, and its audit trail including its requests", async () => {
    const extras = await adminWorkspaceExtras(id(4));
    expect(extras!.tags).toEqual([
      { key: "CostCenter", value: "CC-1" },
      { key: "Project", value: "Apollo" },
    ]);
    expect(extras!.owner?.name).toBe("Ann");
    expect(await adminWorkspaceExtras("ws-nosuchone")).toBeNull();
    await database.prisma.auditEvent.createMany({
      data: [
        { actorLabel: "Carol", action: "reclaim.kept", targetType: "workspace", targetId: id(4) },
        { actorLabel: "Ann", action: "request.submitted", targetType: "request", targetId: "req-1", requestId: "req-1" },
        { actorLabel: "Carol", action: "reclaim.kept", targetType: "workspace", targetId: id(5) },
      ],
    });
    const trail = await workspaceAuditTrail(id(4), ["req-1"]);
    expect(trail.map((e) => e.action)).toEqual(["request.submitted", "reclaim.kept"]);
    expect(typeof trail[0]!.at).toBe("string");
    expect((await workspaceAuditTrail(id(4), [])).map((e) => e.targetId)).toEqual([id(4)]);
  });
});
