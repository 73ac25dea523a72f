import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayCatalogSource, setCatalogSource, type CatalogSource } from "@/lib/core/catalog";
import type { SnapshotEvidence } from "@/lib/core/workspace-records";
import { createTestWorld, type TestWorld } from "@/test/world";
import { actionAvailability } from "./workspace-actions";
import { getWorkspaceForViewer } from "./workspaces";

// The page's wiring: the cached row, the directory's switches and the snapshots from AWS, and the open
// requests reach the domain's rule (lib/domain/workspace-actions.test.ts covers the rule itself).
describe("actionAvailability", () => {
  let world: TestWorld;
  let workspaceId: string;
  let snapshots: SnapshotEvidence | "outage" = { oldest: null, latest: null };
  let source: CatalogSource;
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

  beforeAll(async () => {
    world = await createTestWorld();
    const catalog = gatewayCatalogSource(0);
    source = {
      ...catalog,
      snapshots: async () => {
        if (snapshots === "outage") throw new Error("DescribeWorkspaceSnapshots failed");
        return snapshots;
      },
    };
    setCatalogSource(source);
    const row = await world.database.prisma.workspace.findFirstOrThrow({ where: { ownerId: world.people.alice.id, region: "us-east-1" } });
    workspaceId = row.id;
  });
  afterAll(() => world.close());

  const alice = () => ({ ...world.people.alice, email: "alice@example.com" });
  async function availability(user = alice()) {
    const view = await getWorkspaceForViewer({ ...world.people.carol, email: "carol@example.com" }, workspaceId);
    const list = await actionAvailability(user, view!);
    return Object.fromEntries(list.map((a) => [a.kind, a.available ? "yes" : a.reasons.join(" ")]));
  }
  async function setWorkspace(data: Parameters<TestWorld["database"]["prisma"]["workspace"]["update"]>[0]["data"]) {
    await world.database.prisma.workspace.update({ where: { id: workspaceId }, data });
  }

  it("offers what a healthy running AutoStop WorkSpace allows", async () => {
    await setWorkspace({
      state: "AVAILABLE",
      runningMode: "AUTO_STOP",
      computeType: "STANDARD",
      modificationStates: [],
      firstSeenAt: hoursAgo(24 * 30),
    });
    snapshots = { oldest: hoursAgo(24 * 30), latest: hoursAgo(3) };
    expect(await availability()).toEqual({
      reboot: "yes",
      start: "The WorkSpace is running; it can be started only when it is stopped.",
      stop: "yes",
      computeType: "yes",
      volumes: "yes",
      runningMode: "yes",
      rebuild: "yes",
      restore: "yes",
      migrate: "yes",
      terminate: "yes",
    });
  });

  it("dates the WorkSpace by its oldest snapshot and needs one for restore and migrate", async () => {
    await setWorkspace({ firstSeenAt: hoursAgo(2) });
    snapshots = { oldest: null, latest: null };
    const young = await availability();
    expect(young.volumes).toBe("A new WorkSpace must be 6 hours old before its volumes can change. Try again in about 4 hours.");
    expect(young.restore).toBe("The WorkSpace has no snapshot yet (one is taken every 12 hours), so it cannot be restored.");
    expect(young.migrate).toMatch(
      /^A WorkSpace must be at least 12 hours old before it can be migrated\. .* The WorkSpace has no snapshot yet/,
    );

    snapshots = { oldest: hoursAgo(24), latest: hoursAgo(1) };
    expect(await availability()).toMatchObject({ volumes: "yes", restore: "yes", migrate: "yes" });
  });

  it("follows the directory's self-service switches for employees, not for admins", async () => {
    const row = await world.database.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    await world.gateway.region(row.region).directories.modifySelfservicePermissions(row.directoryId, { RestartWorkspace: "DISABLED" });
    expect((await availability()).reboot).toMatch(
      /^Users of the directory ".+" may not restart their WorkSpace themselves; ask an admin\.$/,
    );
    expect((await availability({ ...world.people.carol, email: "carol@example.com" })).reboot).toBe("yes");
    await world.gateway.region(row.region).directories.modifySelfservicePermissions(row.directoryId, { RestartWorkspace: "ENABLED" });
  });

  it("holds every action while a restart waits for approval, and all but restart, start and stop while a change does", async () => {
    const row = await world.database.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    const open = async (type: "reboot" | "computeType") => {
      await world.database.prisma.request.create({
        data: {
          id: "req-open",
          type,
          change: type === "reboot" ? { type, workspaceId } : { type, workspaceId, computeType: "PERFORMANCE" },
          region: row.region,
          workspaceId,
          directoryId: row.directoryId,
          requesterId: world.people.alice.id,
          beneficiaryId: world.people.alice.id,
          justification: "Frozen",
          status: "PENDING_APPROVAL",
          approvalReason: "test",
          approvalSteps: [],
        },
      });
      const view = await getWorkspaceForViewer({ ...world.people.carol, email: "carol@example.com" }, workspaceId);
      const list = await actionAvailability(alice(), view!);
      await world.database.prisma.request.delete({ where: { id: "req-open" } });
      // The page's banner says a request is open; the actions it holds back are marked, without repeating it.
      return Object.fromEntries(list.map((a) => [a.kind, a.available ? "yes" : a.heldByOpenRequest ? "held" : a.reasons.join(" ")]));
    };
    expect(await open("reboot")).toEqual({
      reboot: "held",
      start: "held",
      stop: "held",
      computeType: "held",
      volumes: "held",
      runningMode: "held",
      rebuild: "held",
      restore: "held",
      migrate: "held",
      terminate: "held",
    });
    expect(await open("computeType")).toMatchObject({
      reboot: "yes",
      stop: "yes",
      computeType: "held",
      volumes: "held",
      runningMode: "held",
      migrate: "held",
      terminate: "held",
    });
  });

  it("says the actions cannot be checked when AWS does not answer and no earlier answer is known", async () => {
    snapshots = "outage";
    // A page serves the last good snapshots through an outage; a newly installed source knows none.
    setCatalogSource(source);
    expect(new Set(Object.values(await availability()))).toEqual(
      new Set(["This action cannot be checked right now; try again in a moment."]),
    );
    snapshots = { oldest: hoursAgo(24), latest: hoursAgo(1) };
  });

  it("judges only the viewer's own WorkSpaces", async () => {
    const dave = { ...world.people.dave, email: "dave@example.com" };
    expect(new Set(Object.values(await availability(dave)))).toEqual(
      new Set(["That WorkSpace was not found, or you do not have access to it."]),
    );
  });
});
