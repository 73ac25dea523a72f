import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { cancelRequest } from "./cancel";
import { submitRequest } from "./submit";

// One open request holds back only what conflicts with it (lib/domain/request-status.ts): while a change waits
// for its approver the owner may still restart the WorkSpace, but not ask for a second change.
describe("a restart beside a change waiting for approval", () => {
  let world: TestWorld;
  let aliceWs: string;
  beforeAll(async () => {
    world = await createTestWorld();
    const ws = await world.database.prisma.workspace.findFirstOrThrow({
      where: { ownerId: world.people.alice.id, region: "us-east-1", directoryId: { not: "" } },
    });
    aliceWs = ws.id;
  });
  afterAll(() => world.close());

  it("is accepted, while a second change and a second power action are refused", async () => {
    const change = await submitRequest(world.people.alice, {
      change: { type: "computeType", workspaceId: aliceWs, computeType: "POWER" },
      justification: "Builds are slow",
    });
    expect(change).toMatchObject({ ok: true, status: "PENDING_APPROVAL" });

    const restart = await submitRequest(world.people.alice, { change: { type: "reboot", workspaceId: aliceWs }, justification: "Frozen" });
    expect(restart).toMatchObject({ ok: true });

    const second = await submitRequest(world.people.alice, {
      change: { type: "volumes", workspaceId: aliceWs, userVolumeGb: 100 },
      justification: "Datasets",
    });
    expect(second.ok ? [] : second.reasons.map((r) => r.code)).toContain("OPEN_REQUEST");

    const secondRestart = await submitRequest(world.people.alice, {
      change: { type: "stop", workspaceId: aliceWs },
      justification: "Done",
    });
    expect(secondRestart.ok ? [] : secondRestart.reasons.map((r) => r.code)).toContain("OPEN_REQUEST");

    if (change.ok) await cancelRequest(world.people.alice, change.requestId);
  });

  it("the database keeps one open change and one open power action per WorkSpace, even under a race", async () => {
    const base = await world.database.prisma.request.findFirstOrThrow({ where: { workspaceId: aliceWs } });
    const { id: _id, idempotencyKey: _key, createdAt: _c, updatedAt: _u, awsRequestIds: _a, ...row } = base;
    const insert = (type: string) =>
      world.database.prisma.request.create({
        data: {
          ...row,
          change: row.change ?? {},
          approvalSteps: row.approvalSteps ?? [],
          executionMemo: undefined,
          type,
          status: "PENDING_APPROVAL",
        },
      });
    await world.database.prisma.request.updateMany({ where: { workspaceId: aliceWs }, data: { status: "CANCELLED" } });
    await insert("computeType");
    await expect(insert("volumes")).rejects.toThrow();
    await insert("reboot");
    await expect(insert("start")).rejects.toThrow();
  });
});
