import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { createTestWorld, type TestWorld } from "@/test/world";
import { issueEmailActionLinks } from "./email-links";
import { decideRequest } from "../services/requests/decide";
import { decideByEmailLink, readEmailLink } from "../services/requests/email-decision";
import { submitRequest } from "../services/requests/submit";

// The approve/reject links of an approval mail: only the untouched, unexpired, unused link, opened by
// the approver it was sent to, may decide; opening one (the GET) never changes anything.

const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

describe("email approval links", () => {
  let world: TestWorld;
  let aliceWs: string;
  beforeAll(async () => {
    world = await createTestWorld();
    aliceWs = (await world.database.prisma.workspace.findFirstOrThrow({ where: { ownerId: world.people.alice.id, region: "us-east-1" } }))
      .id;
  });
  afterAll(() => world.close());

  const prisma = () => world.database.prisma;

  /** A request waiting for Bob, with a fresh pair of links for him. */
  async function pendingWithLinks(now?: Date) {
    const asked = await submitRequest(world.people.alice, {
      change: { type: "runningMode", workspaceId: aliceWs, runningMode: "ALWAYS_ON" },
      justification: "All-day use",
    });
    if (!asked.ok) throw new Error(JSON.stringify(asked.reasons));
    expect(asked.status).toBe("PENDING_APPROVAL");
    const links = await issueEmailActionLinks(db(), { requestId: asked.requestId, approverId: world.people.bob.id, step: 0, now });
    return { requestId: asked.requestId, approve: tokenOf(links.approveUrl), reject: tokenOf(links.rejectUrl) };
  }

  /** Everything a decision would change, to prove a refusal or a read changed none of it. */
  async function snapshot(requestId: string) {
    const [request, decisions, tokens, audit, jobs] = await Promise.all([
      prisma().request.findUniqueOrThrow({ where: { id: requestId }, select: { status: true, currentStep: true, decidedAt: true } }),
      prisma().decision.count({ where: { requestId } }),
      prisma().emailActionToken.findMany({ where: { requestId }, select: { id: true, usedAt: true }, orderBy: { id: "asc" } }),
      prisma().auditEvent.count({ where: { requestId } }),
      prisma().outboxJob.count({ where: { dedupeKey: `execute:${requestId}` } }),
    ]);
    return { request, decisions, tokens, audit, jobs };
  }

  /** Frees Alice's WorkSpace for the next case (one open request per WorkSpace). */
  async function withdraw(requestId: string) {
    await prisma().request.update({ where: { id: requestId }, data: { status: "CANCELLED" } });
  }

  it("the untouched link, opened by its approver, reads without effect and then decides once", async () => {
    const { requestId, approve, reject } = await pendingWithLinks();
    const before = await snapshot(requestId);
    for (let i = 0; i < 3; i += 1) {
      const read = await readEmailLink(world.people.bob, approve);
      expect(read).toMatchObject({ ok: true, action: "APPROVED", request: { id: requestId } });
    }
    expect(await readEmailLink(world.people.bob, reject)).toMatchObject({ ok: true, action: "REJECTED" });
    expect(await snapshot(requestId)).toEqual(before);

    await expect(decideByEmailLink(world.people.bob, approve, "Fine")).resolves.toEqual({ ok: true, status: "APPROVED" });
    const decision = await prisma().decision.findFirstOrThrow({ where: { requestId } });
    expect(decision).toMatchObject({ approverId: world.people.bob.id, decision: "APPROVED", channel: "EMAIL" });
    await withdraw(requestId);
  });

  it("a reused link is refused, and its sibling died with it", async () => {
    const { requestId, approve, reject } = await pendingWithLinks();
    // A two-step request would still be pending after the first use; here the request is simply
    // reopened so only the token, not the request's status, can refuse the second use.
    await decideByEmailLink(world.people.bob, approve, undefined);
    await prisma().request.update({ where: { id: requestId }, data: { status: "PENDING_APPROVAL", decidedAt: null } });
    await prisma().outboxJob.deleteMany({ where: { dedupeKey: `execute:${requestId}` } });
    await prisma().decision.deleteMany({ where: { requestId } });
    const before = await snapshot(requestId);

    expect(await readEmailLink(world.people.bob, approve)).toEqual({ ok: false, reason: expect.stringMatching(/already been used/) });
    await expect(decideByEmailLink(world.people.bob, approve, undefined)).rejects.toThrow(/already been used/);
    expect(await readEmailLink(world.people.bob, reject)).toEqual({ ok: false, reason: expect.stringMatching(/already been used/) });
    await expect(decideByEmailLink(world.people.bob, reject, "Too late")).rejects.toThrow(/already been used/);
    expect(await snapshot(requestId)).toEqual(before);
    await withdraw(requestId);
  });

  it("tampering with the signature, the id or the expiry makes a link invalid", async () => {
    const { requestId, approve, reject } = await pendingWithLinks();
    const [id, exp, sig] = approve.split(".") as [string, string, string];
    const [otherId] = reject.split(".") as [string];
    const flip = (s: string) => (s.endsWith("A") ? `${s.slice(0, -1)}B` : `${s.slice(0, -1)}A`);
    const tampered = {
      signature: `${id}.${exp}.${flip(sig)}`,
      id: `${flip(id)}.${exp}.${sig}`,
      swappedId: `${otherId}.${exp}.${sig}`,
      laterExpiry: `${id}.${Number(exp) + 3600}.${sig}`,
      truncated: `${id}.${exp}`,
    };
    const before = await snapshot(requestId);
    for (const [how, token] of Object.entries(tampered)) {
      const read = await readEmailLink(world.people.bob, token);
      expect(read, how).toEqual({ ok: false, reason: expect.stringMatching(/not valid/) });
      await expect(decideByEmailLink(world.people.bob, token, undefined), how).rejects.toThrow(/not valid/);
    }
    expect(await snapshot(requestId)).toEqual(before);
    // The untampered link still works: the refusals above were about the tampering alone.
    await expect(readEmailLink(world.people.bob, approve)).resolves.toMatchObject({ ok: true });
    await withdraw(requestId);
  });

  it("an expired link is refused", async () => {
    const ttlMs = getConfig().mail.linkTtlHours * 3600_000;
    const issuedLongAgo = new Date(Date.now() - ttlMs - 60_000);
    const { requestId, approve } = await pendingWithLinks(issuedLongAgo);
    const before = await snapshot(requestId);
    expect(await readEmailLink(world.people.bob, approve)).toEqual({ ok: false, reason: expect.stringMatching(/expired/) });
    await expect(decideByEmailLink(world.people.bob, approve, undefined)).rejects.toThrow(/expired/);
    expect(await snapshot(requestId)).toEqual(before);

    // A fresh link dies the same way once its own expiry passes.
    const fresh = await issueEmailActionLinks(db(), { requestId, approverId: world.people.bob.id, step: 0 });
    await expect(
      decideRequest(
        world.people.bob,
        { requestId, decision: "APPROVED", channel: "EMAIL", emailToken: tokenOf(fresh.approveUrl) },
        new Date(Date.now() + ttlMs + 60_000),
      ),
    ).rejects.toThrow(/expired/);
    expect((await snapshot(requestId)).request.status).toBe("PENDING_APPROVAL");
    await withdraw(requestId);
  });

  it("a link opened by someone else (another manager, the requester, an admin) is refused", async () => {
    const { requestId, approve } = await pendingWithLinks();
    const before = await snapshot(requestId);
    for (const who of [world.people.frank, world.people.alice, world.people.carol]) {
      expect(await readEmailLink(who, approve), who.name).toEqual({ ok: false, reason: expect.stringMatching(/sent to someone else/) });
      await expect(decideByEmailLink(who, approve, undefined), who.name).rejects.toThrow(/sent to someone else/);
    }
    expect(await snapshot(requestId)).toEqual(before);
    // Bob can still use it: nobody else's attempt used it up.
    await expect(decideByEmailLink(world.people.bob, approve, undefined)).resolves.toMatchObject({ status: "APPROVED" });
    await withdraw(requestId);
  });
});
