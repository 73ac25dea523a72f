import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleNameLabel, workspaceDisplayName } from "@/lib/presentation/labels";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { cancelRequest } from "./cancel";
import { decideRequest } from "./decide";
import { submitRequest } from "./submit";

// What people read about a request (notifications, mail) names the WorkSpace and the bundle, says why an
// approver is asked, and an approval nobody needs to give any more is no longer shown as unread.

const RAW_ID = /\b(ws|wsb|d)-[a-z0-9]{8,}/;

describe("the words of notifications and mail", () => {
  let world: TestWorld;
  let aliceWs: { id: string; name: string };
  const prisma = () => world.database.prisma;
  const approvalNotes = (requestId: string) => prisma().notification.findMany({ where: { requestId, kind: "approval.needed" } });

  beforeAll(async () => {
    world = await createTestWorld({ clockSpeed: 600 });
    world.executor().start();
    const ws = await prisma().workspace.findFirstOrThrow({
      where: { ownerId: world.people.alice.id, region: "us-east-1", directoryId: { not: "" } },
    });
    expect(ws.computerName).toBeTruthy();
    aliceWs = { id: ws.id, name: workspaceDisplayName(ws) };
    // Bob is away: Frank decides for him meanwhile.
    await prisma().delegation.create({
      data: {
        approverId: world.people.bob.id,
        delegateId: world.people.frank.id,
        startsAt: new Date(Date.now() - 3600_000),
        endsAt: new Date(Date.now() + 7 * 24 * 3600_000),
      },
    });
  });
  afterAll(() => world.close());

  it("names the WorkSpace in the approvers' notifications and mail, and tells each approver why they are asked", async () => {
    const result = await submitRequest(world.people.alice, {
      change: { type: "computeType", workspaceId: aliceWs.id, computeType: "POWER" },
      justification: "Builds are slow",
    });
    expect(result).toMatchObject({ ok: true, status: "PENDING_APPROVAL" });
    if (!result.ok) return;
    const what = `Change ${aliceWs.name} to Power`;
    const notes = await approvalNotes(result.requestId);
    const bob = notes.find((n) => n.userId === world.people.bob.id)!;
    const frank = notes.find((n) => n.userId === world.people.frank.id)!;
    expect(bob.title).toBe(`A request needs your approval: ${what}, asked by ${world.people.alice.name}`);
    expect(bob.body).toContain(`You are asked because you are ${world.people.alice.name}'s manager.`);
    expect(frank.body).toContain(`You are asked because ${world.people.bob.name} delegated their approvals to you.`);
    for (const n of notes) expect(`${n.title}\n${n.body}`).not.toMatch(RAW_ID);

    const mail = await prisma().mailMessage.findFirstOrThrow({ where: { to: "bob@example.com", subject: bob.title } });
    expect(mail.text).toContain(what);
    expect(mail.text).not.toMatch(RAW_ID);

    const mine = await prisma().notification.findFirstOrThrow({ where: { userId: world.people.alice.id, requestId: result.requestId } });
    expect(mine.body).toContain(what);

    // Bob decides: nobody is asked any more, so his and Frank's approval notifications are read.
    expect(notes.every((n) => n.readAt === null)).toBe(true);
    await decideRequest(world.people.bob, {
      requestId: result.requestId,
      decision: "REJECTED",
      comment: "Use the build farm",
      channel: "WEB",
    });
    const after = await approvalNotes(result.requestId);
    expect(after).toHaveLength(2);
    expect(after.every((n) => n.readAt !== null)).toBe(true);
    const rejected = await prisma().notification.findFirstOrThrow({
      where: { userId: world.people.alice.id, requestId: result.requestId, kind: "request.rejected" },
    });
    expect(rejected.body).toBe(`${what} was rejected by ${world.people.bob.name}: Use the build farm`);
    // Other people's unread notifications are left alone.
    expect(await prisma().notification.count({ where: { userId: world.people.alice.id, requestId: result.requestId, readAt: null } })).toBe(
      2,
    );
  });

  it("marks the approvers' notifications read when the requester cancels, and when the delegate decides", async () => {
    const ask = () =>
      submitRequest(world.people.alice, {
        change: { type: "computeType", workspaceId: aliceWs.id, computeType: "POWER" },
        justification: "Builds are slow",
      });
    const first = await ask();
    if (!first.ok) throw new Error("refused");
    await cancelRequest(world.people.alice, first.requestId);
    expect((await approvalNotes(first.requestId)).map((n) => n.readAt !== null)).toEqual([true, true]);

    const second = await ask();
    if (!second.ok) throw new Error("refused");
    await decideRequest(world.people.frank, { requestId: second.requestId, decision: "REJECTED", comment: "Not now", channel: "WEB" });
    const notes = await approvalNotes(second.requestId);
    expect(notes.find((n) => n.userId === world.people.bob.id)?.readAt).not.toBeNull();
    expect(notes.find((n) => n.userId === world.people.frank.id)?.readAt).not.toBeNull();
  });

  it("names the bundle of a new WorkSpace when it is asked for and when it is ready", async () => {
    const dirs = await world.gateway.region("us-east-1").directories.describeDirectories();
    const contractors = dirs.find((d) => /contractors/.test(d.name))!;
    const bundles = await world.gateway.region("us-east-1").bundles.describeBundles({ owner: "AMAZON" });
    const value = bundles.find((b) => b.name.startsWith("Value with Windows") && b.name.includes("(WSP)"))!;
    const result = await submitRequest(world.people.dave, {
      change: {
        type: "create",
        ownerUserName: "ignored",
        directoryId: contractors.directoryId,
        bundleId: value.bundleId,
        runningMode: "AUTO_STOP",
        autoStopTimeoutMinutes: 60,
        rootVolumeEncrypted: false,
        userVolumeEncrypted: false,
        tags: [],
      },
      justification: "New starter",
    });
    if (!result.ok) throw new Error(JSON.stringify(result.reasons));
    // As people read it: AWS's "(WSP)" in the name reads "(DCV)".
    const what = `New WorkSpace (${bundleNameLabel(value.name)}, AutoStop)`;
    expect(what).toContain("(DCV)");
    const [asked] = await approvalNotes(result.requestId);
    expect(asked?.title).toBe(`A request needs your approval: ${what}, asked by ${world.people.dave.name}`);

    await decideRequest(world.people.bob, { requestId: result.requestId, decision: "APPROVED", channel: "WEB" });
    world.sandbox.advance(25);
    const done = await eventually(
      () => prisma().notification.findFirst({ where: { requestId: result.requestId, kind: "request.succeeded" } }),
      60_000,
      "the new WorkSpace",
    );
    expect(done.body).toContain(`${what} is done. Your new WorkSpace is `);
    expect(done.body).not.toMatch(RAW_ID);
  });
});
