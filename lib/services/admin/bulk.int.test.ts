import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { retryBulkFailures, startBulkOperation } from "./bulk";

let world: TestWorld;
const admin = () => ({ id: world.people.carol.id });

async function injectFailure(operation: string, code: string) {
  const res = await fetch(`${world.sandbox.url}/__sandbox/faults`, {
    method: "POST",
    headers: { "X-Sandbox-Token": world.sandbox.controlToken },
    body: JSON.stringify({ failNext: { operation, code } }),
  });
  expect(res.ok).toBe(true);
}

const itemCounts = async (operationId: string) => {
  const items = await world.database.prisma.bulkItem.findMany({ where: { operationId } });
  return {
    done: items.filter((i) => i.status === "DONE").length,
    failed: items.filter((i) => i.status === "FAILED").length,
    pending: items.filter((i) => i.status === "PENDING").length,
    items,
  };
};

beforeAll(async () => {
  // Frozen sandbox time: unconnected AutoStop WorkSpaces would otherwise stop on their own mid-test.
  world = await createTestWorld({ fleetSize: 60, clockSpeed: 0 });
});
afterAll(() => world.close());

describe("bulk operations", () => {
  it("reboots 30 WorkSpaces in two batches, records a failed batch with its reason, and retries the failures", async () => {
    const available = await world.database.prisma.workspace.findMany({
      where: { state: "AVAILABLE", region: "us-east-1", goneAt: null },
      orderBy: { id: "asc" },
      take: 30,
    });
    expect(available).toHaveLength(30);
    await injectFailure("RebootWorkspaces", "InvalidParameterValuesException");
    const calls = world.calls.length;
    const { operationId } = await startBulkOperation(admin(), { workspaceIds: available.map((w) => w.id), params: { action: "reboot" } });
    const worker = world.executor();
    await worker.drain();

    const first = await itemCounts(operationId);
    expect(world.calls.slice(calls).filter((c) => c.operation === "RebootWorkspaces")).toHaveLength(2);
    expect(first.pending).toBe(0);
    expect(first.failed).toBe(25);
    expect(first.done).toBe(5);
    expect(first.items.find((i) => i.status === "FAILED")?.reason).toBeTruthy();
    const batchAudit = await world.database.prisma.auditEvent.findMany({
      where: { targetId: operationId, action: "aws.RebootWorkspaces" },
    });
    expect(batchAudit).toHaveLength(2);

    await expect(retryBulkFailures({ id: world.people.alice.id }, operationId)).rejects.toThrow("Only admins");
    expect(await retryBulkFailures(admin(), operationId)).toEqual({ retried: 25 });
    await worker.drain();
    const second = await itemCounts(operationId);
    expect(second).toMatchObject({ done: 30, failed: 0, pending: 0 });
    for (const item of second.items) expect(item.awsRequestId).toBeTruthy();
  });

  it("reports AWS's per-item refusals (a stopped WorkSpace cannot reboot) and unknown WorkSpaces", async () => {
    const stopped = await world.database.prisma.workspace.findFirstOrThrow({
      where: { state: "STOPPED", region: "us-east-1", goneAt: null },
    });
    const { operationId } = await startBulkOperation(admin(), {
      workspaceIds: [stopped.id, "ws-doesnotexist"],
      params: { action: "reboot" },
    });
    await world.executor().drain();
    const { items } = await itemCounts(operationId);
    const byId = new Map(items.map((i) => [i.workspaceId, i]));
    expect(byId.get(stopped.id)).toMatchObject({ status: "FAILED", code: "InvalidResourceState" });
    expect(byId.get("ws-doesnotexist")).toMatchObject({ status: "FAILED", code: "not_found" });
  });

  it("tags and changes running mode one WorkSpace at a time", async () => {
    const targets = await world.database.prisma.workspace.findMany({
      where: { state: "STOPPED", region: "us-east-1", goneAt: null },
      take: 2,
    });
    const { operationId } = await startBulkOperation(admin(), {
      workspaceIds: targets.map((t) => t.id),
      params: { action: "tags", tags: [{ key: "CostCenter", value: "CC-7777" }] },
    });
    await world.executor().drain();
    expect((await itemCounts(operationId)).done).toBe(2);
    expect(await world.gateway.region("us-east-1").tags.describeTags(targets[0]!.id)).toContainEqual({
      key: "CostCenter",
      value: "CC-7777",
    });
  });

  it("asks for confirmation before destructive actions, and refuses non-admins", async () => {
    const one = await world.database.prisma.workspace.findFirstOrThrow({ where: { goneAt: null } });
    await expect(startBulkOperation(admin(), { workspaceIds: [one.id], params: { action: "terminate" } })).rejects.toThrow(/confirm/);
    await expect(
      startBulkOperation(admin(), {
        workspaceIds: [one.id],
        params: { action: "runningMode", runningMode: "AUTO_STOP", autoStopTimeoutMinutes: 90 },
      }),
    ).rejects.toThrow(/multiple of 60/);
    await expect(startBulkOperation({ id: world.people.bob.id }, { workspaceIds: [one.id], params: { action: "reboot" } })).rejects.toThrow(
      "Only admins",
    );
    expect(await world.database.prisma.bulkOperation.count({ where: { action: "terminate" } })).toBe(0);
  });
});
