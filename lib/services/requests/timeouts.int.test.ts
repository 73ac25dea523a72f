import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY_SETTINGS } from "@/lib/domain";
import { createTestWorld, type TestWorld } from "@/test/world";
import { decideRequest } from "./decide";
import { submitRequest } from "./submit";
import { processApprovalTimeouts } from "./timeouts";

// Undecided requests: after escalationDays admins may decide them too, after expiryDays they are
// EXPIRED and nobody can decide them; the requester is told each time. Time is passed in, not waited for.

const DAY = 24 * 3600_000;
const { escalationDays, expiryDays } = DEFAULT_POLICY_SETTINGS;

describe("approval time limits", () => {
  let world: TestWorld;
  const t0 = new Date("2026-11-02T09:00:00Z");
  const at = (days: number, ms = 0) => new Date(t0.getTime() + days * DAY + ms);
  beforeAll(async () => {
    world = await createTestWorld();
  });
  afterAll(() => world.close());

  const prisma = () => world.database.prisma;
  const notes = (userId: string, requestId: string) =>
    prisma().notification.findMany({ where: { userId, requestId }, orderBy: { createdAt: "asc" } });

  async function pendingFor(owner: "alice" | "erin") {
    const person = world.people[owner];
    const ws = await prisma().workspace.findFirstOrThrow({ where: { ownerId: person.id, region: "us-east-1" } });
    const asked = await submitRequest(
      person,
      { change: { type: "runningMode", workspaceId: ws.id, runningMode: "ALWAYS_ON" }, justification: "Needed all day" },
      t0,
    );
    if (!asked.ok) throw new Error(JSON.stringify(asked.reasons));
    expect(asked.status).toBe("PENDING_APPROVAL");
    return asked.requestId;
  }

  it("escalates after escalationDays, once, and lets admins decide; the requester is told", async () => {
    const requestId = await pendingFor("alice");
    await expect(decideRequest(world.people.carol, { requestId, decision: "APPROVED", channel: "WEB" }, at(1))).rejects.toThrow(
      /waiting for the requester's manager/,
    );

    expect(await processApprovalTimeouts(at(escalationDays, -1))).toEqual({ escalated: 0, expired: 0 });
    expect((await prisma().request.findUniqueOrThrow({ where: { id: requestId } })).escalatedAt).toBeNull();

    expect(await processApprovalTimeouts(at(escalationDays))).toEqual({ escalated: 1, expired: 0 });
    expect(await processApprovalTimeouts(at(escalationDays, 3600_000))).toEqual({ escalated: 0, expired: 0 });
    const escalated = await prisma().request.findUniqueOrThrow({ where: { id: requestId } });
    expect(escalated).toMatchObject({ status: "PENDING_APPROVAL", escalatedAt: at(escalationDays) });
    expect((await notes(world.people.alice.id, requestId)).map((n) => n.kind)).toContain("request.escalated");
    // The admins are asked now, with links of their own.
    expect(await prisma().notification.count({ where: { userId: world.people.carol.id, requestId, kind: "approval.needed" } })).toBe(1);
    expect(await prisma().emailActionToken.count({ where: { requestId, approverId: world.people.carol.id } })).toBe(2);

    await expect(
      decideRequest(world.people.carol, { requestId, decision: "APPROVED", channel: "WEB" }, at(escalationDays + 1)),
    ).resolves.toEqual({ ok: true, status: "APPROVED" });
    expect(await prisma().outboxJob.count({ where: { dedupeKey: `execute:${requestId}` } })).toBe(1);
  });

  it("expires after expiryDays; the requester is told and approvers can no longer decide", async () => {
    const requestId = await pendingFor("erin");
    const frank = world.people.frank;
    await processApprovalTimeouts(at(escalationDays));
    expect(await processApprovalTimeouts(at(expiryDays, -1))).toEqual({ escalated: 0, expired: 0 });
    expect((await prisma().request.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("PENDING_APPROVAL");

    expect(await processApprovalTimeouts(at(expiryDays))).toEqual({ escalated: 0, expired: 1 });
    expect(await processApprovalTimeouts(at(expiryDays + 1))).toEqual({ escalated: 0, expired: 0 });
    const expired = await prisma().request.findUniqueOrThrow({ where: { id: requestId } });
    expect(expired).toMatchObject({ status: "EXPIRED", completedAt: at(expiryDays) });
    const erinNotes = await notes(world.people.erin.id, requestId);
    expect(erinNotes.map((n) => n.kind)).toEqual(expect.arrayContaining(["request.escalated", "request.expired"]));
    expect(erinNotes.find((n) => n.kind === "request.expired")?.body).toContain(`${expiryDays} days`);

    for (const approver of [frank, world.people.carol]) {
      await expect(
        decideRequest(approver, { requestId, decision: "APPROVED", channel: "WEB" }, at(expiryDays + 1)),
        approver.name,
      ).rejects.toThrow(/no longer waiting/);
    }
    // Every link mailed for it is dead too.
    expect(await prisma().emailActionToken.count({ where: { requestId, usedAt: null } })).toBe(0);
    expect(await prisma().decision.count({ where: { requestId } })).toBe(0);
    expect(await prisma().outboxJob.count({ where: { dedupeKey: `execute:${requestId}` } })).toBe(0);
    expect((await prisma().auditEvent.findMany({ where: { requestId }, orderBy: { id: "asc" } })).map((a) => a.action)).toEqual([
      "request.submitted",
      "request.escalated",
      "request.expired",
    ]);
  });

  it("is not starved by many escalated requests that have not expired yet", async () => {
    // 600 requests escalated long ago (but not expired) sit before the newer one in creation order; a
    // sweep that read the oldest 500 pending requests never reached it.
    const alice = world.people.alice;
    const old = at(escalationDays - expiryDays + 1);
    await prisma().request.createMany({
      data: Array.from({ length: 600 }, (_, i) => ({
        type: "reboot",
        change: { type: "reboot", workspaceId: `ws-old${String(i).padStart(5, "0")}` },
        region: "us-east-1",
        requesterId: alice.id,
        beneficiaryId: alice.id,
        justification: "old",
        status: "PENDING_APPROVAL" as const,
        approvalReason: "test",
        approvalSteps: [{ role: "ADMIN" }],
        escalatedAt: old,
        createdAt: old,
      })),
    });
    const requestId = await pendingFor("erin");
    expect(await processApprovalTimeouts(at(escalationDays))).toEqual({ escalated: 1, expired: 0 });
    expect((await prisma().request.findUniqueOrThrow({ where: { id: requestId } })).escalatedAt).toEqual(at(escalationDays));
    await prisma().request.deleteMany({ where: { justification: "old" } });
  }, 60_000);
});
