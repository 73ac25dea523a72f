import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/test/entry-points/session";
import { createTestWorld, type TestWorld } from "@/test/world";
import { RECLAIM_SETTLED_STATES } from "../domain";
import { startBulkForFilterAction } from "../actions/admin-fleet";

// The fleet's "Idle" filter feeding a bulk terminate, through the same server action the bulk panel calls.

vi.mock("next/headers", () => import("@/test/entry-points/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next-auth", () => import("@/test/entry-points/next-auth"));

let world: TestWorld;
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

beforeAll(async () => {
  // Frozen sandbox time: nothing changes state on its own while the test runs.
  world = await createTestWorld({ fleetSize: 12, clockSpeed: 0 });
});
afterAll(() => world.close());

describe("bulk terminate from the fleet's Idle filter", () => {
  it("terminates exactly the WorkSpaces the reclaim policy calls idle, and nothing else", async () => {
    const prisma = world.database.prisma;
    const fleet = await prisma.workspace.findMany({ where: { goneAt: null }, orderBy: { id: "asc" } });
    await prisma.workspace.updateMany({ data: { lastConnectedAt: daysAgo(1) } });
    const settled = fleet.filter((w) => (RECLAIM_SETTLED_STATES as readonly string[]).includes(w.state));
    expect(settled.length).toBeGreaterThanOrEqual(5);
    const [oldConnection, neverUsed, exempt, kept, notSettledButOld] = [
      settled[0]!,
      settled[1]!,
      settled[2]!,
      settled[3]!,
      fleet.find((w) => !(RECLAIM_SETTLED_STATES as readonly string[]).includes(w.state)),
    ];
    await prisma.workspace.update({ where: { id: oldConnection.id }, data: { lastConnectedAt: daysAgo(90) } });
    await prisma.workspace.update({ where: { id: neverUsed.id }, data: { lastConnectedAt: null, firstSeenAt: daysAgo(100) } });
    await prisma.workspace.update({
      where: { id: exempt.id },
      data: { lastConnectedAt: daysAgo(90), tags: [{ key: "skip_reclaim", value: "kiosk" }] },
    });
    await prisma.workspace.update({ where: { id: kept.id }, data: { lastConnectedAt: daysAgo(90) } });
    await prisma.reclaimNotice.create({
      data: { workspaceId: kept.id, idleSince: daysAgo(90), reclaimOn: daysAgo(-9), status: "KEPT", keptAt: daysAgo(5) },
    });
    if (notSettledButOld) await prisma.workspace.update({ where: { id: notSettledButOld.id }, data: { lastConnectedAt: daysAgo(90) } });

    const bulk = { filter: { idle: "1" }, params: { action: "terminate" }, confirmed: true } as const;
    await signInAs(world.people.bob.id);
    expect(await startBulkForFilterAction(bulk)).toMatchObject({ ok: false });
    await signInAs(world.people.carol.id);
    const started = await startBulkForFilterAction(bulk);
    if (!started.ok) throw new Error(started.error);

    const items = await prisma.bulkItem.findMany({ where: { operationId: started.data.operationId }, orderBy: { workspaceId: "asc" } });
    expect(items.map((i) => i.workspaceId)).toEqual([oldConnection.id, neverUsed.id].sort());
    await world.executor().drain();
    const done = await prisma.bulkItem.findMany({ where: { operationId: started.data.operationId } });
    expect(done.map((i) => i.status)).toEqual(["DONE", "DONE"]);

    await world.sync();
    const after = new Map((await prisma.workspace.findMany()).map((w) => [w.id, w]));
    for (const w of fleet) {
      const gone = ["TERMINATING", "TERMINATED"].includes(after.get(w.id)!.state) || after.get(w.id)!.goneAt !== null;
      expect(gone, w.id).toBe(w.id === oldConnection.id || w.id === neverUsed.id);
    }
  });
});
