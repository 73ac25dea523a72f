import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { getRequestForViewer } from "../../queries/requests";
import { decideRequest } from "../requests/decide";
import { submitRequest } from "../requests/submit";
import { startBulkOperation } from "./bulk";

// Admin maintenance end to end on the sandbox: an admin puts WorkSpaces in maintenance as a bulk operation
// (ModifyWorkspaceState through the change-type registry and the executor), the owner's restart is refused with the
// reason, a configuration change is accepted and held without any AWS call, and it runs once the maintenance ends.

let world: TestWorld;
const admin = () => ({ id: world.people.carol.id });
const prisma = () => world.database.prisma;

const awsState = async (id: string) => (await world.gateway.region("us-east-1").workspaces.getWorkspace(id))?.state;
const callsOf = (operation: string, since: number) => world.calls.slice(since).filter((c) => c.operation === operation).length;

beforeAll(async () => {
  // Frozen sandbox time: AutoStop WorkSpaces would otherwise stop on their own mid-test.
  world = await createTestWorld({ fleetSize: 20, clockSpeed: 0 });
});
afterAll(() => world.close());

describe("admin maintenance", () => {
  let aliceWs: string;
  let heldRequestId: string;

  it("puts ready WorkSpaces in maintenance in bulk, refuses a stopped one without calling AWS, and audits the calls", async () => {
    aliceWs = (
      await prisma().workspace.findFirstOrThrow({ where: { ownerId: world.people.alice.id, region: "us-east-1", state: "AVAILABLE" } })
    ).id;
    const others = await prisma().workspace.findMany({
      where: { state: "AVAILABLE", region: "us-east-1", goneAt: null, id: { not: aliceWs } },
      orderBy: { id: "asc" },
      take: 2,
    });
    const stopped = await prisma().workspace.findFirstOrThrow({ where: { state: "STOPPED", region: "us-east-1", goneAt: null } });
    const ids = [aliceWs, ...others.map((w) => w.id), stopped.id];

    await expect(
      startBulkOperation(
        { id: world.people.alice.id },
        { workspaceIds: ids, params: { action: "maintenance", state: "ADMIN_MAINTENANCE" } },
      ),
    ).rejects.toThrow("Only admins");

    const since = world.calls.length;
    const { operationId } = await startBulkOperation(admin(), {
      workspaceIds: ids,
      params: { action: "maintenance", state: "ADMIN_MAINTENANCE" },
    });
    await world.executor().drain();

    const items = await prisma().bulkItem.findMany({ where: { operationId } });
    const byId = new Map(items.map((i) => [i.workspaceId, i]));
    for (const id of [aliceWs, ...others.map((w) => w.id)]) {
      expect(byId.get(id)).toMatchObject({ status: "DONE" });
      expect(await awsState(id)).toBe("ADMIN_MAINTENANCE");
    }
    expect(byId.get(stopped.id)).toMatchObject({ status: "FAILED", code: "MAINTENANCE_NEEDS_AVAILABLE" });
    expect(byId.get(stopped.id)!.reason).toMatch(/ready/);
    // One call per WorkSpace that could enter; none for the stopped one.
    expect(callsOf("ModifyWorkspaceState", since)).toBe(3);
    const audit = await prisma().auditEvent.findMany({ where: { targetId: operationId, action: "aws.ModifyWorkspaceState" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.awsRequestIds).toHaveLength(3);
  });

  it("refuses the owner's restart with the reason, and holds a configuration change without calling AWS", async () => {
    // The cache knows at once, without waiting for an inventory sync.
    expect((await prisma().workspace.findUniqueOrThrow({ where: { id: aliceWs } })).state).toBe("ADMIN_MAINTENANCE");

    const restart = await submitRequest(world.people.alice, { change: { type: "reboot", workspaceId: aliceWs }, justification: "Frozen" });
    expect(restart.ok).toBe(false);
    if (!restart.ok) expect(restart.reasons.map((r) => r.code)).toContain("ADMIN_MAINTENANCE");

    const change = await submitRequest(world.people.alice, {
      change: { type: "volumes", workspaceId: aliceWs, userVolumeGb: 100 },
      justification: "Datasets",
    });
    expect(change.ok).toBe(true);
    if (!change.ok) return;
    heldRequestId = change.requestId;
    if (change.status === "PENDING_APPROVAL") {
      await decideRequest(world.people.bob, { requestId: change.requestId, decision: "APPROVED", channel: "WEB" });
    }
    const since = world.calls.length;
    await world.executor().drain();

    const request = await prisma().request.findUniqueOrThrow({ where: { id: heldRequestId } });
    expect(request.status).toBe("APPROVED");
    expect(request.awsCalledAt).toBeNull();
    expect(callsOf("ModifyWorkspaceProperties", since)).toBe(0);
    const note = await prisma().notification.findFirst({ where: { requestId: heldRequestId, kind: "request.held" } });
    expect(note?.userId).toBe(world.people.alice.id);
    expect(note?.body).toMatch(/maintenance/);
    expect(await prisma().auditEvent.count({ where: { requestId: heldRequestId, action: "request.held" } })).toBe(1);

    const view = await getRequestForViewer({ ...world.people.alice, email: "alice@example.com" } as never, heldRequestId);
    expect(view?.waitsForMaintenance).toBe(true);

    // Looking again while still in maintenance neither calls AWS nor tells the owner twice.
    await prisma().outboxJob.updateMany({ where: { kind: "request.execute", status: "PENDING" }, data: { runAt: new Date() } });
    await world.executor().drain();
    expect(callsOf("ModifyWorkspaceProperties", since)).toBe(0);
    expect(await prisma().notification.count({ where: { requestId: heldRequestId, kind: "request.held" } })).toBe(1);
  });

  it("ends maintenance, and the held change then runs", async () => {
    const since = world.calls.length;
    const { operationId } = await startBulkOperation(admin(), {
      workspaceIds: [aliceWs],
      params: { action: "maintenance", state: "AVAILABLE" },
    });
    await world.executor().drain();
    expect(await prisma().bulkItem.findFirst({ where: { operationId } })).toMatchObject({ status: "DONE" });
    expect(await awsState(aliceWs)).toBe("AVAILABLE");
    expect((await prisma().workspace.findUniqueOrThrow({ where: { id: aliceWs } })).state).toBe("AVAILABLE");

    // The held job's next look (MAINTENANCE_RECHECK_MS later) finds the WorkSpace out of maintenance.
    await prisma().outboxJob.updateMany({ where: { kind: "request.execute", status: "PENDING" }, data: { runAt: new Date() } });
    await world.executor().drain();
    const request = await prisma().request.findUniqueOrThrow({ where: { id: heldRequestId } });
    expect(request.awsCalledAt).not.toBeNull();
    expect(["EXECUTING", "SUCCEEDED"]).toContain(request.status);
    expect(callsOf("ModifyWorkspaceProperties", since)).toBe(1);
  });
});
