import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient, type OutboxJob } from "@/lib/generated/prisma/client";
import { decideRequest } from "@/lib/services/requests/decide";
import { submitRequest } from "@/lib/services/requests/submit";
import { postgresTier } from "@/test/db";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { claimJobs } from "./queue";

// Races. On PostgreSQL (the tier that proves locking) the two sides use two connections, or two
// PrismaClients, and really overlap. PGlite has one connection, so there the same code only shows
// the logic: the racers are serialised, and the assertions must hold all the same.

const FLEET_JOBS = 16;

describe("concurrent approvals and executors", () => {
  let world: TestWorld;
  let second: PrismaClient;
  let fleet: string[];
  beforeAll(async () => {
    world = await createTestWorld({ fleetSize: 60 });
    const prisma = world.database.prisma;
    second = postgresTier() ? new PrismaClient({ adapter: new PrismaPg({ connectionString: world.database.url! }) }) : prisma;
    const rows = await prisma.workspace.findMany({
      where: { region: "us-east-1", ownerId: null, goneAt: null, state: "AVAILABLE" },
      orderBy: { id: "asc" },
      take: FLEET_JOBS,
    });
    expect(rows).toHaveLength(FLEET_JOBS);
    // Portal owners for fleet WorkSpaces, so an admin's reboot of them is an admin action.
    for (const ws of rows) {
      await prisma.user.create({
        data: {
          email: `${ws.userName}.${ws.id}@fleet.test`,
          name: `Fleet ${ws.userName}`,
          directoryUserName: ws.userName,
          managerId: world.people.bob.id,
        },
      });
    }
    await world.sync();
    fleet = rows.map((r) => r.id);
    // Frank stands in for Bob, so two people may decide Bob's reports' requests.
    await prisma.delegation.create({
      data: {
        approverId: world.people.bob.id,
        delegateId: world.people.frank.id,
        startsAt: new Date(Date.now() - 3600_000),
        endsAt: new Date(Date.now() + 7 * 86_400_000),
      },
    });
  });
  afterAll(async () => {
    if (second !== world.database.prisma) await second.$disconnect();
    await world.close();
  });

  const prisma = () => world.database.prisma;

  it(`two eligible approvers deciding at once: exactly one wins (${postgresTier() ? "PostgreSQL" : "PGlite"})`, async () => {
    const aliceWs = await prisma().workspace.findFirstOrThrow({ where: { ownerId: world.people.alice.id, region: "us-east-1" } });
    const rounds = postgresTier() ? 8 : 3;
    for (let round = 0; round < rounds; round += 1) {
      const last = round === rounds - 1;
      const asked = await submitRequest(world.people.alice, {
        change: { type: "runningMode", workspaceId: aliceWs.id, runningMode: "ALWAYS_ON" },
        justification: `round ${round}`,
      });
      if (!asked.ok) throw new Error(JSON.stringify(asked.reasons));
      expect(asked.status).toBe("PENDING_APPROVAL");
      // Rejections free Alice's WorkSpace for the next round; the last round races two approvals.
      const decision = last ? ("APPROVED" as const) : ("REJECTED" as const);
      const results = await Promise.allSettled(
        [world.people.bob, world.people.frank].map((who) =>
          decideRequest(who, { requestId: asked.requestId, decision, comment: `by ${who.name}`, channel: "WEB" }),
        ),
      );
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won, `round ${round}`).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(String(lost[0]!.reason)).toMatch(/decided this request a moment ago|no longer waiting/);
      expect(await prisma().decision.count({ where: { requestId: asked.requestId } })).toBe(1);
      const audit = await prisma().auditEvent.count({
        where: { requestId: asked.requestId, action: { in: ["request.approved", "request.rejected"] } },
      });
      expect(audit).toBe(1);
      const request = await prisma().request.findUniqueOrThrow({ where: { id: asked.requestId } });
      expect(request.status).toBe(decision);
      expect(await prisma().outboxJob.count({ where: { dedupeKey: `execute:${asked.requestId}` } })).toBe(last ? 1 : 0);
      // The requester hears once, from whoever won.
      expect(
        await prisma().notification.count({ where: { requestId: asked.requestId, kind: last ? "request.approved" : "request.rejected" } }),
      ).toBe(1);
    }
  });

  it("two executors, each with its own database client, run each of N jobs once", async () => {
    // Reboots only: the approval race above left one approved running-mode change for these executors too.
    const reboots = () => (world.sandbox.state() as { mutatingCalls: Record<string, number> }).mutatingCalls.RebootWorkspaces ?? 0;
    const before = reboots();
    const ids: string[] = [];
    // Committed while no executor runs, so both start with the whole batch waiting.
    for (const workspaceId of fleet) {
      const result = await submitRequest(world.people.carol, { change: { type: "reboot", workspaceId }, justification: "patch night" });
      if (!result.ok) throw new Error(JSON.stringify(result.reasons));
      expect(result.status).toBe("APPROVED");
      ids.push(result.requestId);
    }
    const runs = new Map<string, string[]>();
    const witness = (point: string, job: OutboxJob, owner: string) => {
      if (point === "execute:before-aws") runs.set(job.id, [...(runs.get(job.id) ?? []), owner]);
    };
    const a = world.executor({ owner: "executor-a", db: prisma(), leaseMs: 5_000, checkpoint: (p, j) => witness(p, j, "executor-a") });
    const b = world.executor({ owner: "executor-b", db: second, leaseMs: 5_000, checkpoint: (p, j) => witness(p, j, "executor-b") });
    a.start();
    b.start();

    const done = await eventually(
      async () => {
        const rows = await prisma().request.findMany({ where: { id: { in: ids } } });
        return rows.every((r) => ["SUCCEEDED", "FAILED"].includes(r.status)) ? rows : null;
      },
      40_000,
      "the batch",
    );
    await Promise.all([a.stop(), b.stop()]);
    for (const r of done) expect(r.status, r.id).toBe("SUCCEEDED");
    expect(reboots() - before).toBe(FLEET_JOBS);

    const jobs = await prisma().outboxJob.findMany({ where: { dedupeKey: { in: ids.map((id) => `execute:${id}`) } } });
    expect(jobs).toHaveLength(FLEET_JOBS);
    for (const job of jobs) {
      expect(job.status).toBe("DONE");
      expect(job.attempts, job.id).toBe(1);
      expect(runs.get(job.id), job.id).toHaveLength(1);
    }
    if (postgresTier()) {
      // Both took a share: the batch really was split between two connections, not run by one.
      const owners = new Set([...runs.values()].flat());
      expect(owners).toEqual(new Set(["executor-a", "executor-b"]));
    }
  });

  it("claiming with two clients at once never hands one job to both", async () => {
    const total = 150;
    const runAt = new Date(Date.now() - 1000);
    await prisma().outboxJob.createMany({ data: Array.from({ length: total }, (_, i) => ({ kind: "test.claim", payload: { i }, runAt })) });
    const claimAll = async (client: PrismaClient, owner: string) => {
      const got: string[] = [];
      for (;;) {
        const jobs = await claimJobs(client, owner, 60_000, 7);
        if (jobs.length === 0) return got;
        got.push(...jobs.filter((j) => j.kind === "test.claim").map((j) => j.id));
      }
    };
    const [byA, byB] = await Promise.all([claimAll(prisma(), "claimer-a"), claimAll(second, "claimer-b")]);
    const overlap = byA.filter((id) => byB.includes(id));
    expect(overlap).toEqual([]);
    expect(new Set([...byA, ...byB]).size).toBe(total);
    expect(byA.length + byB.length).toBe(total);
    const rows = await prisma().outboxJob.findMany({ where: { kind: "test.claim" } });
    for (const row of rows) expect(row.attempts).toBe(1);
    if (postgresTier()) {
      expect(byA.length).toBeGreaterThan(0);
      expect(byB.length).toBeGreaterThan(0);
    }
  });
});
