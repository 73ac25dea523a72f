import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitRequest } from "@/lib/services/requests/submit";
import { createTestWorld, type TestWorld } from "@/test/world";
import type { CurrentUser } from "../auth/session";
import { pendingRequestsFor } from "./workspace-pending";

// The WorkSpace page's banner: each open request with who it waits for, and a cancel only for its requester.
describe("pendingRequestsFor", () => {
  let world: TestWorld;
  let aliceWs: { id: string; region: string };
  const viewer = (person: { id: string; role: string }) => ({ id: person.id, role: person.role }) as CurrentUser;
  const open = () =>
    world.database.prisma.request
      .findMany({ where: { workspaceId: aliceWs.id, status: { in: ["PENDING_APPROVAL", "APPROVED", "EXECUTING"] } } })
      .then((rows) => ({ region: aliceWs.region, openRequests: rows.map((r) => ({ id: r.id })) }));

  beforeAll(async () => {
    world = await createTestWorld();
    aliceWs = await world.database.prisma.workspace.findFirstOrThrow({
      where: { ownerId: world.people.alice.id, region: "us-east-1", directoryId: { not: "" } },
      select: { id: true, region: true },
    });
  });
  afterAll(() => world.close());

  it("names the manager a change waits for, and lets only its requester cancel it", async () => {
    expect(await pendingRequestsFor(viewer(world.people.alice), await open())).toEqual([]);
    const submitted = await submitRequest(world.people.alice, {
      change: { type: "computeType", workspaceId: aliceWs.id, computeType: "POWER" },
      justification: "Builds are slow",
    });
    expect(submitted).toMatchObject({ ok: true, status: "PENDING_APPROVAL" });

    const [mine] = await pendingRequestsFor(viewer(world.people.alice), await open());
    expect(mine).toMatchObject({
      status: "PENDING_APPROVAL",
      change: { type: "computeType", computeType: "POWER" },
      waitingFor: world.people.bob.name.split(" ")[0],
      mayCancel: true,
    });
    const [asAdmin] = await pendingRequestsFor(viewer(world.people.carol), await open());
    expect(asAdmin!.mayCancel).toBe(false);
  });

  it("names admins as a group once the request is escalated", async () => {
    await world.database.prisma.request.updateMany({
      where: { workspaceId: aliceWs.id, status: "PENDING_APPROVAL" },
      data: { escalatedAt: new Date() },
    });
    const [escalated] = await pendingRequestsFor(viewer(world.people.alice), await open());
    expect(escalated!.waitingFor).toBe(`${world.people.bob.name.split(" ")[0]} or an IT administrator`);
  });
});
