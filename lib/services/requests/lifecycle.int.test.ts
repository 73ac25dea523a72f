import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { cancelRequest } from "./cancel";
import { decideRequest } from "./decide";
import { submitRequest } from "./submit";

describe("request life cycle on the sandbox", () => {
  let world: TestWorld;
  let aliceWs: string;
  beforeAll(async () => {
    world = await createTestWorld({ clockSpeed: 600 });
    world.executor().start();
    const ws = await world.database.prisma.workspace.findFirstOrThrow({
      where: { ownerId: world.people.alice.id, region: "us-east-1", directoryId: { not: "" } },
    });
    aliceWs = ws.id;
  });
  afterAll(() => world.close());

  const statusOf = (id: string) => world.database.prisma.request.findUniqueOrThrow({ where: { id } });

  it("a reboot needs no approval and runs to completion", async () => {
    const before = world.sandbox.mutationCount();
    const result = await submitRequest(world.people.alice, { change: { type: "reboot", workspaceId: aliceWs }, justification: "Frozen" });
    expect(result).toMatchObject({ ok: true, status: "APPROVED" });
    if (!result.ok) return;
    const done = await eventually(
      async () => {
        const r = await statusOf(result.requestId);
        return r.status === "SUCCEEDED" || r.status === "FAILED" ? r : null;
      },
      30_000,
      "reboot to finish",
    );
    expect(done.status).toBe("SUCCEEDED");
    expect(done.awsRequestIds).toHaveLength(1);
    expect(world.sandbox.mutationCount() - before).toBe(1);
    const audit = await world.database.prisma.auditEvent.findMany({ where: { requestId: result.requestId }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([
      "request.submitted",
      "request.auto_approved",
      "request.executing",
      "aws.reboot",
      "request.succeeded",
    ]);
  });

  it("a larger compute type waits for the manager, who rejects it with a reason", async () => {
    const result = await submitRequest(world.people.alice, {
      change: { type: "computeType", workspaceId: aliceWs, computeType: "POWER" },
      justification: "Builds are slow",
    });
    expect(result).toMatchObject({ ok: true, status: "PENDING_APPROVAL" });
    if (!result.ok) return;
    await expect(decideRequest(world.people.alice, { requestId: result.requestId, decision: "APPROVED", channel: "WEB" })).rejects.toThrow(
      /own request/,
    );
    await expect(decideRequest(world.people.frank, { requestId: result.requestId, decision: "APPROVED", channel: "WEB" })).rejects.toThrow(
      /waiting for the requester.s manager/,
    );
    await expect(decideRequest(world.people.bob, { requestId: result.requestId, decision: "REJECTED", channel: "WEB" })).rejects.toThrow(
      /Say why/,
    );
    await decideRequest(world.people.bob, {
      requestId: result.requestId,
      decision: "REJECTED",
      comment: "Use the build farm",
      channel: "WEB",
    });
    const r = await statusOf(result.requestId);
    expect(r.status).toBe("REJECTED");
    const note = await world.database.prisma.notification.findFirst({ where: { userId: world.people.alice.id, kind: "request.rejected" } });
    expect(note?.body).toContain("Use the build farm");
  });

  it("a user volume increase is approved and the new size shows in the cache", async () => {
    const before = world.sandbox.mutationCount();
    const result = await submitRequest(world.people.alice, {
      change: { type: "volumes", workspaceId: aliceWs, userVolumeGb: 100 },
      justification: "Datasets",
    });
    expect(result).toMatchObject({ ok: true, status: "PENDING_APPROVAL" });
    if (!result.ok) return;
    await decideRequest(world.people.bob, { requestId: result.requestId, decision: "APPROVED", channel: "WEB" });
    const done = await eventually(
      async () => {
        const r = await statusOf(result.requestId);
        return r.status === "SUCCEEDED" || r.status === "FAILED" ? r : null;
      },
      60_000,
      "volume change",
    );
    expect(done.failureReason).toBeNull();
    expect(done.status).toBe("SUCCEEDED");
    const ws = await world.database.prisma.workspace.findUniqueOrThrow({ where: { id: aliceWs } });
    expect(ws.userVolumeGb).toBe(100);
    expect(ws.lastUserVolumeChangeAt).not.toBeNull();
    expect(world.sandbox.mutationCount() - before).toBe(1);
  });

  it("Dave, a contractor with no WorkSpace, gets one in the contractors' directory after Bob approves", async () => {
    const dirs = await world.gateway.region("us-east-1").directories.describeDirectories();
    const contractors = dirs.find((d) => /contractors/.test(d.name))!;
    const bundles = await world.gateway.region("us-east-1").bundles.describeBundles({ owner: "AMAZON" });
    const value = bundles.find((b) => b.name.startsWith("Value with Windows") && b.name.includes("(WSP)"))!;
    const change = {
      type: "create" as const,
      ownerUserName: "ignored",
      directoryId: contractors.directoryId,
      bundleId: value.bundleId,
      runningMode: "AUTO_STOP" as const,
      autoStopTimeoutMinutes: 60,
      rootVolumeEncrypted: false,
      userVolumeEncrypted: false,
      tags: [{ key: "CostCenter", value: "CC-1001" }],
    };
    const refused = await submitRequest(world.people.dave, {
      change: { ...change, directoryId: dirs.find((d) => !/contractors/.test(d.name))!.directoryId },
      justification: "New starter",
    });
    expect(refused.ok).toBe(false);
    const key = crypto.randomUUID();
    const result = await submitRequest(world.people.dave, { change, justification: "New starter", idempotencyKey: key });
    expect(result).toMatchObject({ ok: true, status: "PENDING_APPROVAL" });
    if (!result.ok) return;
    // A double submit finds the first request instead of making a second one.
    await expect(submitRequest(world.people.dave, { change, justification: "New starter", idempotencyKey: key })).resolves.toMatchObject({
      requestId: result.requestId,
      duplicate: true,
    });
    const before = world.sandbox.mutationCount();
    await decideRequest(world.people.bob, { requestId: result.requestId, decision: "APPROVED", channel: "WEB" });
    world.sandbox.advance(25);
    const done = await eventually(
      async () => {
        const r = await statusOf(result.requestId);
        return r.status === "SUCCEEDED" || r.status === "FAILED" ? r : null;
      },
      60_000,
      "the new WorkSpace",
    );
    expect(done.failureReason).toBeNull();
    expect(done.resultWorkspaceId).toMatch(/^ws-/);
    const ws = await world.database.prisma.workspace.findUniqueOrThrow({ where: { id: done.resultWorkspaceId! } });
    expect(ws).toMatchObject({
      ownerId: world.people.dave.id,
      state: "AVAILABLE",
      directoryId: contractors.directoryId,
      costCenter: "CC-1001",
    });
    expect(world.sandbox.mutationCount() - before).toBe(1);
  });

  it("the requester can cancel while pending, and nobody can decide afterwards", async () => {
    const result = await submitRequest(world.people.alice, {
      // A larger compute type costs more whatever the usage, so it waits for the manager. (AlwaysOn would
      // not: Alice's heavy use makes it a saving, approved at once.)
      change: { type: "computeType", workspaceId: aliceWs, computeType: "POWER" },
      justification: "Builds are slow",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    await expect(cancelRequest(world.people.bob, result.requestId)).rejects.toThrow(/not found/);
    await cancelRequest(world.people.alice, result.requestId);
    expect((await statusOf(result.requestId)).status).toBe("CANCELLED");
    await expect(decideRequest(world.people.bob, { requestId: result.requestId, decision: "APPROVED", channel: "WEB" })).rejects.toThrow(
      /no longer waiting/,
    );
  });
});
