import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { decideRequest } from "./requests/decide";
import { runReclaim } from "./reclaim";
import { keepWorkspace, updateReclaimSettings } from "./reclaim-keep";

const DAY = 24 * 60 * 60 * 1000;
const later = (from: Date, days: number) => new Date(from.getTime() + days * DAY);

describe("reclaiming an unused WorkSpace, from the warning to the terminate", () => {
  let world: TestWorld;
  let aliceWs: string;
  let carolWs: string;
  let erinWs: string;
  // The rules read `now` from the caller, so the test moves through months without waiting.
  const start = later(new Date(), 61);
  const prisma = () => world.database.prisma;
  const notices = (workspaceId: string) => prisma().reclaimNotice.findMany({ where: { workspaceId }, orderBy: { warnedAt: "asc" } });

  beforeAll(async () => {
    world = await createTestWorld({ clockSpeed: 600 });
    const owned = (ownerId: string) =>
      prisma().workspace.findFirstOrThrow({
        where: { ownerId, goneAt: null, state: { in: ["AVAILABLE", "STOPPED"] } },
        orderBy: { id: "asc" },
      });
    aliceWs = (await owned(world.people.alice.id)).id;
    carolWs = (await owned(world.people.carol.id)).id;
    erinWs = (await owned(world.people.erin.id)).id;
    // Alice's and Carol's WorkSpaces were last used today; Erin's carries the exemption tag in another case.
    await prisma().workspace.updateMany({ where: { id: { in: [aliceWs, carolWs] } }, data: { lastConnectedAt: new Date() } });
    await prisma().workspace.update({ where: { id: erinWs }, data: { tags: [{ key: "skip_RECLAIM", value: "lab" }] } });
  });
  afterAll(() => world.close());

  it("warns the owner and their manager in the portal and by mail, once", async () => {
    const first = await runReclaim(start);
    expect(first.warned).toBeGreaterThanOrEqual(2);

    const [notice] = await notices(aliceWs);
    expect(notice).toMatchObject({ status: "WARNED", ownerId: world.people.alice.id, neverUsed: false, reclaimOn: later(start, 14) });
    expect(await notices(erinWs)).toEqual([]);

    const when = later(start, 14).toISOString().slice(0, 10);
    for (const person of [world.people.alice, world.people.bob]) {
      const note = await prisma().notification.findFirst({
        where: { userId: person.id, kind: "reclaim.warned", link: `/workspaces/${aliceWs}` },
      });
      expect(note?.title).toContain(when);
      expect(note?.title).not.toContain(aliceWs);
    }
    // The subject names the WorkSpace as its owner knows it; the link in the text leads to it.
    const mails = await prisma().mailMessage.findMany({
      where: { subject: { contains: "will be reclaimed" }, text: { contains: `/workspaces/${aliceWs}` } },
    });
    expect(mails.map((m) => m.to).sort()).toEqual(["alice@example.com", "bob@example.com"]);
    expect(mails[0]!.text).toContain(`/workspaces/${aliceWs}`);
    expect(mails[0]!.text).toContain(when);

    const counts = async () => ({
      notices: await prisma().reclaimNotice.count(),
      notifications: await prisma().notification.count(),
      mails: await prisma().mailMessage.count(),
      audit: await prisma().auditEvent.count(),
    });
    const before = await counts();
    expect(await runReclaim(later(start, 0.5))).toMatchObject({ warned: 0, cancelled: 0, requested: 0 });
    expect(await counts()).toEqual(before);
  });

  it("drops the warning when the WorkSpace is used again", async () => {
    await prisma().workspace.update({ where: { id: carolWs }, data: { lastConnectedAt: later(start, 1) } });
    expect((await runReclaim(later(start, 2))).cancelled).toBeGreaterThanOrEqual(1);
    expect((await notices(carolWs)).map((n) => n.status)).toEqual(["CANCELLED"]);
    expect(await prisma().auditEvent.count({ where: { action: "reclaim.cancelled", targetId: carolWs } })).toBe(1);
  });

  it("lets only the owner keep it, with a justification, and restarts the idle clock", async () => {
    const why = { workspaceId: aliceWs, justification: "Quarter-end reporting needs it." };
    await expect(keepWorkspace(world.people.dave, why)).rejects.toThrow(/not found, or you do not have access/);
    await expect(keepWorkspace(world.people.bob, why)).rejects.toThrow(/not found, or you do not have access/);
    await expect(keepWorkspace(world.people.alice, { workspaceId: aliceWs, justification: "  need  " })).rejects.toThrow(
      /at least 10 characters/,
    );
    expect((await notices(aliceWs))[0]!.status).toBe("WARNED");

    const keptAt = later(start, 3);
    await keepWorkspace(world.people.alice, why, keptAt);
    expect((await notices(aliceWs))[0]).toMatchObject({ status: "KEPT", keptAt, keptById: world.people.alice.id });
    await expect(keepWorkspace(world.people.alice, why)).rejects.toThrow(/nothing to keep/);
    const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: "reclaim.kept", targetId: aliceWs } });
    expect(audit).toMatchObject({ actorId: world.people.alice.id, detail: { justification: why.justification } });

    await runReclaim(later(keptAt, 59));
    expect(await notices(aliceWs)).toHaveLength(1);
  });

  it("warns again after another idle period and asks an admin to terminate it after the grace period", async () => {
    const carol = world.people.carol;
    await updateReclaimSettings(carol, { idleDays: 60, graceDays: 7, exemptTagKey: "Skip_Reclaim" });
    const warnedAt = later(start, 63);
    await runReclaim(warnedAt);
    const second = (await notices(aliceWs))[1]!;
    expect(second).toMatchObject({ status: "WARNED", reclaimOn: later(warnedAt, 7) });

    await runReclaim(later(warnedAt, 6.9));
    expect((await notices(aliceWs))[1]!.status).toBe("WARNED");

    const due = later(warnedAt, 7);
    expect((await runReclaim(due)).requested).toBeGreaterThanOrEqual(1);
    const noticed = (await notices(aliceWs))[1]!;
    expect(noticed).toMatchObject({ status: "REQUESTED" });
    const request = await prisma().request.findUniqueOrThrow({ where: { id: noticed.requestId! } });
    expect(request).toMatchObject({
      type: "terminate",
      origin: "reclaim",
      status: "PENDING_APPROVAL",
      beneficiaryId: world.people.alice.id,
      approvalSteps: [{ role: "ADMIN" }],
    });
    const submitted = await prisma().auditEvent.findFirstOrThrow({ where: { action: "request.submitted", requestId: request.id } });
    expect(submitted).toMatchObject({ actorId: null, actorLabel: "Reclaim policy" });
    expect(await prisma().auditEvent.count({ where: { action: "reclaim.requested", requestId: request.id } })).toBe(1);

    const before = await prisma().request.count();
    expect(await runReclaim(later(due, 0.2))).toMatchObject({ warned: 0, requested: 0, cancelled: 0 });
    expect(await prisma().request.count()).toBe(before);

    await expect(decideRequest(world.people.bob, { requestId: request.id, decision: "APPROVED", channel: "WEB" })).rejects.toThrow();
    await decideRequest(carol, { requestId: request.id, decision: "APPROVED", channel: "WEB" });
    world.executor().start();
    const done = await eventually(
      async () => {
        const r = await prisma().request.findUniqueOrThrow({ where: { id: request.id } });
        return r.status === "SUCCEEDED" || r.status === "FAILED" ? r : null;
      },
      30_000,
      "the reclaim to finish",
    );
    expect(done.status).toBe("SUCCEEDED");
    expect(await prisma().auditEvent.count({ where: { action: "aws.terminate", requestId: request.id } })).toBe(1);
  });
});
