import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { BREAK_EVEN_HOURS, maskFromHours, monthRange } from "../domain";
import { evaluateOptimizer } from "../core/optimizer";
import { USAGE_SYNC_KEY } from "../core/outbox";
import { createOptimizerRequests, refreshUsageNow, runNightlyOptimizer, updateOptimizerSettings } from "./optimizer";

// Usage rows written for two WorkSpaces on the month's last day: a heavy AutoStop user (past the
// threshold) and a light AlwaysOn user. The optimizer advises both switches; "Create requests" sends
// them through the approval policy: the saving (to AutoStop) is executed, the extra cost waits.

const ALL_DAY = maskFromHours([...Array(24).keys()]);

describe("the running-mode optimizer", () => {
  let world: TestWorld;
  let heavy: { id: string; ownerId: string };
  let light: { id: string; ownerId: string };
  let now: Date;

  beforeAll(async () => {
    world = await createTestWorld({ clockSpeed: 600, fleetSize: 30 });
    const prisma = world.database.prisma;
    const { end } = monthRange(new Date());
    now = new Date(end.getTime() - 23 * 3600_000); // 01:00 UTC on the month's last day
    const managed = await prisma.user.findMany({ where: { managerId: { not: null } }, select: { id: true } });
    const live = { goneAt: null, state: "AVAILABLE", ownerId: { in: managed.map((u) => u.id) } };
    const autoStop = await prisma.workspace.findFirstOrThrow({ where: { ...live, runningMode: "AUTO_STOP", computeType: "STANDARD" } });
    const other = await prisma.workspace.findFirstOrThrow({
      where: {
        goneAt: null,
        state: { in: ["AVAILABLE", "STOPPED"] },
        ownerId: { not: null },
        id: { not: autoStop.id },
        computeType: { in: ["VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO"] },
      },
    });
    // The second one is made AlwaysOn in AWS (the sandbox) and synced, as an admin might have done earlier.
    await world.gateway.region(other.region).workspaces.modifyProperties(other.id, { runningMode: "ALWAYS_ON" });
    world.sandbox.advance(120);
    await world.sync();
    const alwaysOn = await prisma.workspace.findUniqueOrThrow({ where: { id: other.id } });
    expect(alwaysOn.runningMode).toBe("ALWAYS_ON");
    heavy = { id: autoStop.id, ownerId: autoStop.ownerId! };
    light = { id: alwaysOn.id, ownerId: alwaysOn.ownerId! };
    // An admin has set the Standard threshold below the prices' break-even, to favour AlwaysOn: 49 hours then
    // passes it, yet AutoStop is still cheaper at 49 hours, so that switch costs more and needs the manager.
    await updateOptimizerSettings(world.people.carol, {
      thresholds: { ...BREAK_EVEN_HOURS, STANDARD: 40 },
      alwaysOnToAutoStopLastDays: 1,
      nightly: false,
    });
    // The test writes its own usage: the usage sync would replace it with the sandbox's profiles.
    await prisma.outboxJob.updateMany({ where: { dedupeKey: USAGE_SYNC_KEY }, data: { runAt: new Date(Date.now() + 365 * 86_400_000) } });
    const { start } = monthRange(now);
    const day = (n: number) => new Date(start.getTime() + n * 86_400_000);
    await prisma.workspaceUsageDay.createMany({
      data: [
        ...[0, 1].map((n) => ({ workspaceId: heavy.id, day: day(n), connectedHourMask: ALL_DAY, connectedHours: 24 })),
        { workspaceId: light.id, day: day(2), connectedHourMask: maskFromHours([9, 10]), connectedHours: 2 },
      ],
    });
  }, 120_000);
  afterAll(() => world.close());

  it("gives the expected dry run", async () => {
    const run = await evaluateOptimizer(world.database.prisma, now);
    const byId = new Map(run.rows.map((r) => [r.workspaceId, r]));
    expect(byId.get(heavy.id)).toMatchObject({
      billableHours: 49, // 2 × 24 connected hours and the 1-hour AutoStop timeout after the session
      runningMode: "AUTO_STOP",
      target: "ALWAYS_ON",
      advice: { action: "SWITCH_TO_ALWAYS_ON", thresholdHours: 40 },
    });
    expect(byId.get(heavy.id)!.monthlyDeltaCents).toBeGreaterThan(0);
    expect(byId.get(light.id)).toMatchObject({ billableHours: 3, target: "AUTO_STOP", advice: { action: "SWITCH_TO_AUTO_STOP" } });
    expect(byId.get(light.id)!.monthlyDeltaCents).toBeLessThan(0);
    // The day before the month's last, AlwaysOn stays.
    const earlier = await evaluateOptimizer(world.database.prisma, new Date(now.getTime() - 86_400_000), [light.id]);
    expect(earlier.rows[0]!.advice.action).toBe("KEEP");
  });

  it("refuses bad thresholds with a plain sentence, and audits a good edit", async () => {
    const admin = world.people.carol;
    await expect(
      updateOptimizerSettings(admin, { thresholds: { STANDARD: 0 }, alwaysOnToAutoStopLastDays: 1, nightly: false }),
    ).rejects.toThrow("The optimizer settings were not saved: A threshold is at least 1 hour a month.");
    await expect(
      updateOptimizerSettings(world.people.alice, { thresholds: {}, alwaysOnToAutoStopLastDays: 1, nightly: false }),
    ).rejects.toThrow("Only admins can do this.");
    const unchanged = await world.database.prisma.setting.findUniqueOrThrow({ where: { key: "optimizer" } });
    expect(unchanged.value).toMatchObject({ thresholds: { STANDARD: 40 } });
    await updateOptimizerSettings(admin, { thresholds: { STANDARD: 85, VALUE: 81 }, alwaysOnToAutoStopLastDays: 1, nightly: false });
    const audit = await world.database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "optimizer.settings_updated" },
      orderBy: { at: "desc" },
    });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.after).toMatchObject({ thresholds: { STANDARD: 85 } });
  });

  it("creates requests: the saving is executed, the extra cost waits for the manager; running it again duplicates nothing", async () => {
    world.executor().start();
    const admin = world.people.carol;
    await updateOptimizerSettings(admin, {
      thresholds: { ...BREAK_EVEN_HOURS, STANDARD: 40 },
      alwaysOnToAutoStopLastDays: 1,
      nightly: false,
    });
    const shown = new Map((await evaluateOptimizer(world.database.prisma, now)).rows.map((r) => [r.workspaceId, r.monthlyDeltaCents]));
    const out = await createOptimizerRequests(admin, { workspaceIds: [heavy.id, light.id, "ws-gone00000"] }, now);
    expect(out).toMatchObject({ created: 2, autoApproved: 1, waiting: 1 });
    expect(out.message).toMatch(/^Created 2 requests \(1 approved automatically, 1 waiting for approval\); skipped 1 because/);
    const requests = await world.database.prisma.request.findMany({ where: { id: { in: out.requestIds } } });
    const up = requests.find((r) => r.workspaceId === heavy.id)!;
    const down = requests.find((r) => r.workspaceId === light.id)!;
    expect(up).toMatchObject({ status: "PENDING_APPROVAL", origin: "optimizer", requesterId: admin.id, beneficiaryId: heavy.ownerId });
    const owner = await world.database.prisma.user.findUniqueOrThrow({ where: { id: heavy.ownerId } });
    expect(up.approvalSteps).toEqual([{ role: "MANAGER", approverId: owner.managerId }]);
    expect(up.justification).toMatch(/running-mode optimizer.*more than the 40 hours/);
    // The request records the same monthly delta the optimizer showed: both price AutoStop at the hours billed.
    expect(up.costDeltaCents).toBe(shown.get(heavy.id));
    expect(down.costDeltaCents).toBe(shown.get(light.id));
    expect(down).toMatchObject({ origin: "optimizer", beneficiaryId: light.ownerId });
    const done = await eventually(
      async () => {
        const r = await world.database.prisma.request.findUniqueOrThrow({ where: { id: down.id } });
        return r.status === "SUCCEEDED" || r.status === "FAILED" ? r : null;
      },
      60_000,
      "the switch to AutoStop to finish",
    );
    expect(done.status).toBe("SUCCEEDED");

    const again = await createOptimizerRequests(admin, { workspaceIds: [heavy.id] }, now);
    expect(again.created).toBe(0);
    expect(again.skipped).toEqual([{ reason: "it already has an open request", workspaceIds: [heavy.id] }]);
    const audit = await world.database.prisma.auditEvent.count({ where: { action: "optimizer.requests_created", actorId: admin.id } });
    expect(audit).toBe(2);
  }, 90_000);

  it("refuses anyone but an admin before anything happens", async () => {
    const before = await world.database.prisma.request.count();
    await expect(createOptimizerRequests(world.people.bob, { all: true }, now)).rejects.toThrow("Only admins can do this.");
    expect(await world.database.prisma.request.count()).toBe(before);
  });

  it("runs at night only when the setting is on, as the owner's request submitted by the system", async () => {
    const prisma = world.database.prisma;
    await prisma.request.updateMany({ where: { status: "PENDING_APPROVAL" }, data: { status: "CANCELLED", completedAt: new Date() } });
    const before = await prisma.request.count();
    expect(await runNightlyOptimizer(now)).toEqual({ ran: false });
    expect(await prisma.request.count()).toBe(before);

    await updateOptimizerSettings(world.people.carol, {
      thresholds: { ...BREAK_EVEN_HOURS, STANDARD: 40 },
      alwaysOnToAutoStopLastDays: 1,
      nightly: true,
    });
    const switches = (await evaluateOptimizer(prisma, now)).rows.filter((r) => r.target && r.owner);
    const result = await runNightlyOptimizer(now);
    expect(result.ran).toBe(true);
    expect(result.outcome!.created).toBeGreaterThanOrEqual(1);
    expect(result.outcome!.created).toBeLessThanOrEqual(switches.length);
    const made = await prisma.request.findMany({ where: { id: { in: result.outcome!.requestIds } } });
    expect(made.every((r) => r.origin === "optimizer" && r.requesterId === r.beneficiaryId)).toBe(true);
    expect(made.some((r) => r.workspaceId === heavy.id)).toBe(true);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "optimizer.nightly_run" } });
    expect(audit).toMatchObject({ actorId: null, actorLabel: "system" });
    const told = await prisma.notification.findMany({ where: { kind: "optimizer.nightly", userId: world.people.carol.id } });
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toMatch(/^Created \d+ requests?/);
  }, 60_000);

  it("refreshes usage on an admin's request: the sync becomes due now, and nobody else may ask", async () => {
    const prisma = world.database.prisma;
    await expect(refreshUsageNow(world.people.alice)).rejects.toThrow("Only admins can do this.");
    expect((await prisma.outboxJob.findUniqueOrThrow({ where: { dedupeKey: USAGE_SYNC_KEY } })).runAt.getTime()).toBeGreaterThan(
      Date.now(),
    );
    await refreshUsageNow(world.people.carol);
    expect((await prisma.outboxJob.findUniqueOrThrow({ where: { dedupeKey: USAGE_SYNC_KEY } })).runAt.getTime()).toBeLessThanOrEqual(
      Date.now(),
    );
    expect(await prisma.auditEvent.count({ where: { action: "usage.refresh_requested", actorId: world.people.carol.id } })).toBe(1);
  });
});
