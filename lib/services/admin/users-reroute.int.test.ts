import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { approvalInbox } from "@/lib/queries/approvals";
import { createTestWorld, type TestWorld } from "@/test/world";
import { createDelegation } from "../delegations";
import { issueEmailActionLinks } from "../../core/email-links";
import { decideRequest } from "../requests/decide";
import { decideByEmailLink, readEmailLink } from "../requests/email-decision";
import { submitRequest } from "../requests/submit";
import { changeUserManager, changeUserRole } from "./users";

// Pending approvals follow the organisation: a new manager gets the request and fresh links, the old
// approver's links and rights end, and someone made an employee can no longer approve by any channel.

let world: TestWorld;
let change: Parameters<typeof submitRequest>[1]["change"];
const admin = () => ({ id: world.people.carol.id });
const prisma = () => world.database.prisma;

beforeAll(async () => {
  world = await createTestWorld();
  const region = world.gateway.region("us-east-1");
  const contractors = (await region.directories.describeDirectories()).find((d) => /contractors/.test(d.name))!;
  const value = (await region.bundles.describeBundles({ owner: "AMAZON" })).find(
    (b) => b.name.startsWith("Value with Windows") && b.name.includes("(WSP)"),
  )!;
  change = {
    type: "create",
    ownerUserName: "ignored",
    directoryId: contractors.directoryId,
    bundleId: value.bundleId,
    runningMode: "AUTO_STOP",
    autoStopTimeoutMinutes: 60,
    rootVolumeEncrypted: false,
    userVolumeEncrypted: false,
    tags: [{ key: "CostCenter", value: "CC-1001" }],
  };
});
afterAll(() => world.close());
// Frees Dave's directory for the next case (one WorkSpace per directory, counting open requests).
afterEach(async () => {
  await prisma().request.updateMany({ where: { status: "PENDING_APPROVAL" }, data: { status: "CANCELLED" } });
});

async function davesNewWorkSpace(): Promise<string> {
  const asked = await submitRequest(world.people.dave, { change, justification: "New starter" });
  if (!asked.ok) throw new Error(JSON.stringify(asked.reasons));
  expect(asked.status).toBe("PENDING_APPROVAL");
  return asked.requestId;
}

/** The approve and reject links of the newest approval mail `person` received for the request. */
async function linksMailedTo(person: { id: string }, requestId: string) {
  const { email } = await prisma().user.findUniqueOrThrow({ where: { id: person.id } });
  const mail = await prisma().mailMessage.findFirstOrThrow({
    where: { to: email, subject: { startsWith: "A request needs your approval" }, text: { contains: requestId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const token = (label: string) => new RegExp(`^${label}: \\S+/approvals/email/(\\S+)$`, "m").exec(mail.text)![1]!;
  return { approve: token("Approve"), reject: token("Reject") };
}

const stepsOf = async (id: string) => (await prisma().request.findUniqueOrThrow({ where: { id } })).approvalSteps;
const inboxOf = async (person: { id: string; name: string; role: "EMPLOYEE" | "MANAGER" | "ADMIN" }) => {
  const { role } = await prisma().user.findUniqueOrThrow({ where: { id: person.id } });
  return (await approvalInbox({ ...person, role, email: "" })).map((r) => r.id);
};

describe("pending approvals follow the organisation", () => {
  it("refuses to make an employee someone's manager", async () => {
    await expect(changeUserManager(admin(), { userId: world.people.dave.id, managerId: world.people.erin.id })).rejects.toThrow(
      "Erin Wong is an employee; give them the manager role first.",
    );
    expect((await prisma().user.findUniqueOrThrow({ where: { id: world.people.dave.id } })).managerId).toBe(world.people.bob.id);
  });

  it("after Dave moves from Bob to Frank, Frank decides and Bob is refused, old links included", async () => {
    const requestId = await davesNewWorkSpace();
    const bobs = await linksMailedTo(world.people.bob, requestId);

    await changeUserManager(admin(), { userId: world.people.dave.id, managerId: world.people.frank.id });

    expect(await stepsOf(requestId)).toEqual([{ role: "MANAGER", approverId: world.people.frank.id }]);
    expect(await prisma().auditEvent.findFirst({ where: { requestId, action: "request.rerouted" } })).toMatchObject({
      actorId: world.people.carol.id,
    });
    expect(await readEmailLink(world.people.bob, bobs.approve)).toEqual({ ok: false, reason: expect.stringMatching(/already been used/) });
    await expect(decideByEmailLink(world.people.bob, bobs.approve, undefined)).rejects.toThrow(/already been used/);
    await expect(decideRequest(world.people.bob, { requestId, decision: "APPROVED", channel: "WEB" })).rejects.toThrow(
      "This request is waiting for the requester's manager.",
    );
    expect(await inboxOf(world.people.bob)).not.toContain(requestId);
    expect(await inboxOf(world.people.frank)).toContain(requestId);
    expect(await prisma().notification.count({ where: { userId: world.people.frank.id, requestId, kind: "approval.needed" } })).toBe(1);

    const franks = await linksMailedTo(world.people.frank, requestId);
    await expect(decideByEmailLink(world.people.frank, franks.reject, "Use the shared pool")).resolves.toEqual({
      ok: true,
      status: "REJECTED",
    });
    expect(await prisma().decision.findFirstOrThrow({ where: { requestId } })).toMatchObject({
      approverId: world.people.frank.id,
      channel: "EMAIL",
    });
  });

  it("after Frank is made an employee, his pending steps go to the admins and his link approves nothing", async () => {
    const requestId = await davesNewWorkSpace();
    const franks = await linksMailedTo(world.people.frank, requestId);
    // Frank also stands in for Bob, so he holds a delegate's link for Alice's request.
    await createDelegation(world.people.bob, {
      delegateId: world.people.frank.id,
      startsAt: new Date(Date.now() - 3600_000),
      endsAt: new Date(Date.now() + 86_400_000),
    });
    const aliceWs = (await prisma().workspace.findFirstOrThrow({ where: { ownerId: world.people.alice.id, region: "us-east-1" } })).id;
    const asked = await submitRequest(world.people.alice, {
      change: { type: "runningMode", workspaceId: aliceWs, runningMode: "ALWAYS_ON" },
      justification: "All-day use",
    });
    if (!asked.ok) throw new Error(JSON.stringify(asked.reasons));
    const asDelegate = await linksMailedTo(world.people.frank, asked.requestId);
    const mutations = world.sandbox.mutationCount();

    await changeUserRole(admin(), { userId: world.people.frank.id, role: "EMPLOYEE" });

    // Dave still reports to Frank, who no longer approves: admins take the manager's place.
    expect(await stepsOf(requestId)).toEqual([{ role: "ADMIN" }]);
    expect(await readEmailLink(world.people.frank, franks.approve)).toMatchObject({ ok: false });
    await expect(decideByEmailLink(world.people.frank, franks.approve, undefined)).rejects.toThrow();
    await expect(decideRequest(world.people.frank, { requestId, decision: "APPROVED", channel: "WEB" })).rejects.toThrow(
      "This request is waiting for an admin.",
    );
    expect(await prisma().decision.count({ where: { requestId } })).toBe(0);
    expect(await prisma().outboxJob.count({ where: { dedupeKey: `execute:${requestId}` } })).toBe(0);
    expect(await inboxOf(world.people.carol)).toContain(requestId);
    const carols = await linksMailedTo(world.people.carol, requestId);
    expect(await readEmailLink(world.people.carol, carols.approve)).toMatchObject({ ok: true });
    expect(world.sandbox.mutationCount()).toBe(mutations);

    // His delegate's link dies too; Bob's own request stays with Bob.
    expect(await readEmailLink(world.people.frank, asDelegate.approve)).toEqual({
      ok: false,
      reason: expect.stringMatching(/already been used/),
    });
    expect(await stepsOf(asked.requestId)).toEqual([{ role: "MANAGER", approverId: world.people.bob.id }]);
    expect(await readEmailLink(world.people.bob, (await linksMailedTo(world.people.bob, asked.requestId)).approve)).toMatchObject({
      ok: true,
    });
  });

  it("the decision itself refuses a demoted manager, even with a link and a step that still name him", async () => {
    await changeUserRole(admin(), { userId: world.people.frank.id, role: "EMPLOYEE" });
    const requestId = await davesNewWorkSpace();
    // A new request is routed by the same rule: Dave's recorded manager no longer approves, so admins do.
    expect(await stepsOf(requestId)).toEqual([{ role: "ADMIN" }]);
    // The state the finding was made in: the step and an unused link still name Frank, an employee now.
    await prisma().request.update({
      where: { id: requestId },
      data: { approvalSteps: [{ role: "MANAGER", approverId: world.people.frank.id }] },
    });
    const links = await issueEmailActionLinks(prisma(), { requestId, approverId: world.people.frank.id, step: 0 });
    const franks = { approve: links.approveUrl.slice(links.approveUrl.lastIndexOf("/") + 1) };

    expect(await readEmailLink(world.people.frank, franks.approve)).toEqual({ ok: false, reason: "This request is not waiting for you." });
    await expect(decideByEmailLink(world.people.frank, franks.approve, undefined)).rejects.toThrow("This request is not waiting for you.");
    expect(await prisma().decision.count({ where: { requestId } })).toBe(0);
    expect(await prisma().outboxJob.count({ where: { dedupeKey: `execute:${requestId}` } })).toBe(0);
  });
});
