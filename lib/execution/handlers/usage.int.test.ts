import { CloudWatchClient, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsGatewayError, createAwsGateway } from "@/lib/aws";
import { planUsageBatches } from "@/lib/aws/cloudwatch-queries";
import { getUsageStatus, usageThisMonth } from "@/lib/core/usage";
import { addUtcDays, billableHours, consecutiveUsageDays, maskFromHours, monthRange, utcDayStart, type RunningMode } from "@/lib/domain";
import { runReclaim } from "@/lib/services/reclaim";
import { createTestWorld, REGIONS, type TestWorld } from "@/test/world";
import { REPORTS_SNAPSHOT_KEY } from "../../core/outbox";
import { syncUsage, usageSyncHandler, usageSyncStart, USAGE_RETRY_MS } from "./usage";

let world: TestWorld;
let now: Date;

const storedRows = async () =>
  (
    await world.database.prisma.workspaceUsageDay.findMany({
      orderBy: [{ workspaceId: "asc" }, { day: "asc" }],
      omit: { syncedAt: true },
    })
  ).map((row) => ({ ...row, day: row.day.toISOString() }));

async function setFaults(body: unknown) {
  const res = await fetch(`${world.sandbox.url}/__sandbox/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Sandbox-Token": world.sandbox.controlToken },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  world = await createTestWorld({ clockSpeed: 1 });
  now = new Date();
}, 120_000);
afterAll(async () => world?.close());

describe("the usage sync", () => {
  it("reads from the previous month's start on the first run, then from yesterday or the last stored day", () => {
    const at = new Date("2026-03-15T10:00:00Z");
    expect(usageSyncStart(null, at).toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(usageSyncStart(new Date("2026-03-15T00:00:00Z"), at).toISOString()).toBe("2026-03-14T00:00:00.000Z");
    expect(usageSyncStart(new Date("2026-03-10T00:00:00Z"), at).toISOString()).toBe("2026-03-10T00:00:00.000Z");
    expect(usageSyncStart(new Date("2025-12-10T00:00:00Z"), at).toISOString()).toBe("2026-02-01T00:00:00.000Z");
  });

  it("stores each known WorkSpace's days as CloudWatch reports them, in the fewest calls", async () => {
    const before = world.calls.length;
    // The usage read alone; the next test learns the WorkSpaces' ages.
    const result = await syncUsage(world.database.prisma, world.gateway, REGIONS, { now, ages: false });
    expect(result.status).toEqual({ asOf: now, lastAttemptAt: now, lastError: null });
    expect(await getUsageStatus(world.database.prisma)).toEqual(result.status);

    // One call per planned batch, per Region: nothing repeated, no extra pages.
    const made = world.calls.slice(before).filter((call) => call.operation === "GetMetricData");
    for (const region of result.regions) {
      const ids = (await world.database.prisma.workspace.findMany({ where: { region: region.region, goneAt: null } })).map((w) => w.id);
      expect(region.workspaces).toBe(ids.length);
      expect(made.filter((call) => call.region === region.region)).toHaveLength(planUsageBatches(ids, region.from, now).length);
    }
    expect(made.every((call) => !call.error)).toBe(true);

    const rows = await world.database.prisma.workspaceUsageDay.findMany();
    expect(rows.length).toBeGreaterThan(0);
    expect(result.regions.reduce((sum, region) => sum + region.rows, 0)).toBe(rows.length);
    expect(rows.every((row) => row.day >= monthRange(addUtcDays(monthRange(now).start, -1)).start)).toBe(true);
  });

  it("matches what CloudWatch says hour by hour for a WorkSpace that was used", async () => {
    const used = await world.database.prisma.workspaceUsageDay.findFirst({
      where: { connectedHours: { gt: 0 }, day: { lt: utcDayStart(now) } },
      orderBy: [{ connectedHours: "desc" }, { workspaceId: "asc" }],
    });
    expect(used, "some WorkSpace was connected on a past day").toBeTruthy();
    const workspace = await world.database.prisma.workspace.findUniqueOrThrow({ where: { id: used!.workspaceId } });
    const cloudwatch = new CloudWatchClient({
      region: workspace.region,
      endpoint: world.sandbox.url,
      credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
    });
    try {
      const statistics = async (metricName: string, period: number, stat: "Maximum" | "Sum") =>
        (
          await cloudwatch.send(
            new GetMetricStatisticsCommand({
              Namespace: "AWS/WorkSpaces",
              MetricName: metricName,
              Dimensions: [{ Name: "WorkspaceId", Value: workspace.id }],
              StartTime: used!.day,
              EndTime: addUtcDays(used!.day, 1),
              Period: period,
              Statistics: [stat],
            }),
          )
        ).Datapoints ?? [];
      const connected = (await statistics("UserConnected", 3600, "Maximum"))
        .filter((point) => (point.Maximum ?? 0) > 0)
        .map((point) => point.Timestamp!.getUTCHours());
      expect(used!.connectedHourMask).toBe(maskFromHours(connected));
      expect(used!.connectedHours).toBe(new Set(connected).size);
      const attempts = (await statistics("ConnectionAttempt", 86400, "Sum")).reduce((sum, point) => sum + (point.Sum ?? 0), 0);
      expect(used!.connectionAttempts).toBe(Math.round(attempts));
      const stopped = (await statistics("Stopped", 3600, "Maximum")).filter((point) => (point.Maximum ?? 0) > 0).length;
      expect(used!.stoppedHours).toBe(stopped);
    } finally {
      cloudwatch.destroy();
    }
  });

  it("shows the seeded people's usage profiles: Alice heavy, Bob rare, Erin never", async () => {
    const lastMonth = monthRange(addUtcDays(monthRange(now).start, -1));
    const monthOf = async (userName: string) => {
      const workspace = await world.database.prisma.workspace.findFirstOrThrow({ where: { userName, goneAt: null } });
      const rows = await world.database.prisma.workspaceUsageDay.findMany({
        where: { workspaceId: workspace.id, day: { gte: lastMonth.start, lt: lastMonth.end } },
      });
      return {
        days: rows.length,
        connected: rows.reduce((sum, row) => sum + row.connectedHours, 0),
        stopped: rows.reduce((sum, row) => sum + row.stoppedHours, 0),
        attempts: rows.reduce((sum, row) => sum + row.connectionAttempts, 0),
      };
    };
    const alice = await monthOf("alice");
    const bob = await monthOf("bob");
    const erin = await monthOf("erin");
    // Every day of last month has data: these WorkSpaces are older than two months.
    expect([alice.days, bob.days]).toEqual([lastMonth.daysInMonth, lastMonth.daysInMonth]);
    // Heavy: above the highest break-even line of a non-graphics bundle (POWER, 92 hours).
    expect(alice.connected).toBeGreaterThan(92);
    expect(alice.attempts).toBeGreaterThan(0);
    // Rare: below PERFORMANCE's break-even (80 hours).
    expect(bob.connected).toBeLessThan(80);
    expect(erin.connected).toBe(0);
    expect(erin.attempts).toBe(0);
    expect(erin.stopped).toBeGreaterThan(0);
  });

  it("learns never-used WorkSpaces' age from CloudWatch, so the first reclaim run warns about Erin's 75-day-old one", async () => {
    const prisma = world.database.prisma;
    const DAY = 86_400_000;
    const erin = await prisma.workspace.findFirstOrThrow({ where: { userName: "erin", goneAt: null } });
    // First seen by this portal today, never used, age unknown: by first seen alone it is far from idle.
    expect(erin).toMatchObject({ lastConnectedAt: null, existsSince: null });
    expect(erin.firstSeenAt.getTime()).toBeGreaterThan(now.getTime() - DAY);
    const neverUsed = await prisma.workspace.count({ where: { goneAt: null, lastConnectedAt: null } });

    const before = world.calls.length;
    const result = await syncUsage(prisma, world.gateway, REGIONS, { now });
    const asked = result.regions.reduce((sum, region) => sum + region.ages.asked, 0);
    const found = result.regions.reduce((sum, region) => sum + region.ages.found, 0);
    expect(asked).toBe(neverUsed);
    expect(found).toBe(await prisma.workspace.count({ where: { existsSince: { not: null } } }));
    expect(found).toBeGreaterThan(0);
    expect(await prisma.workspace.count({ where: { existsSince: { not: null }, lastConnectedAt: { not: null } } })).toBe(0);
    for (const w of await prisma.workspace.findMany({ where: { existsSince: { not: null } } })) {
      expect(w.existsSince!.getTime()).toBeLessThanOrEqual(w.firstSeenAt.getTime());
    }
    const { existsSince } = await prisma.workspace.findUniqueOrThrow({ where: { id: erin.id } });
    // The seed created it 75 days ago; CloudWatch has its Stopped datapoints from that hour on.
    expect(Math.abs(existsSince!.getTime() - (now.getTime() - 75 * DAY))).toBeLessThan(DAY);
    expect(world.calls.slice(before).every((call) => !call.error)).toBe(true);

    // Known ages are not asked for again.
    const again = await syncUsage(prisma, world.gateway, REGIONS, { now });
    expect(again.regions.reduce((sum, region) => sum + region.ages.asked, 0)).toBe(neverUsed - found);

    // The first reclaim run judges it by that age: idle for 75 days, so Erin and her manager are warned.
    const summary = await runReclaim(now);
    expect(summary.warned).toBeGreaterThanOrEqual(1);
    const notice = await prisma.reclaimNotice.findFirstOrThrow({ where: { workspaceId: erin.id } });
    expect(notice).toMatchObject({ status: "WARNED", neverUsed: true, idleSince: existsSince, ownerId: world.people.erin.id });
    const { managerId } = await prisma.user.findUniqueOrThrow({ where: { id: world.people.erin.id } });
    expect(managerId).toBeTruthy();
    const warned = await prisma.notification.findMany({ where: { kind: "reclaim.warned", link: `/workspaces/${erin.id}` } });
    expect(warned.map((n) => n.userId).sort()).toEqual([world.people.erin.id, managerId].sort());
  });

  it("stores the same rows when run again", async () => {
    const first = await storedRows();
    await syncUsage(world.database.prisma, world.gateway, REGIONS, { now });
    expect(await storedRows()).toEqual(first);
  });

  it("makes the reports' snapshot due as soon as a sync succeeds, so the reports count the fresh usage", async () => {
    const prisma = world.database.prisma;
    await prisma.outboxJob.updateMany({ where: { dedupeKey: REPORTS_SNAPSHOT_KEY }, data: { runAt: new Date(Date.now() + 86_400_000) } });
    const handler = usageSyncHandler(() => world.gateway, REGIONS, 6 * 3_600_000);
    const before = Date.now();
    await handler.run({} as never, { db: prisma } as never);
    const snapshot = await prisma.outboxJob.findUniqueOrThrow({ where: { dedupeKey: REPORTS_SNAPSHOT_KEY } });
    expect(snapshot.runAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(snapshot.runAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
  });

  it("keeps the last good data and records the error when CloudWatch throttles, and tries again sooner", async () => {
    const first = await storedRows();
    const asOf = (await getUsageStatus(world.database.prisma)).asOf;
    // One attempt per call, so the injected throttling is not retried away by the SDK.
    const impatient = createAwsGateway({
      regions: REGIONS,
      defaultRegion: REGIONS[0]!,
      endpoints: { cloudwatch: world.sandbox.url },
      credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
      maxAttempts: 1,
    });
    const later = new Date(now.getTime() + 60_000);
    try {
      await setFaults({ failNext: { operation: "GetMetricData", code: "Throttling", message: "Rate exceeded" } });
      const failure = await syncUsage(world.database.prisma, impatient, REGIONS, { now: later }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AwsGatewayError);
      expect((failure as AwsGatewayError).reason).toBe("throttled");
      expect(await storedRows()).toEqual(first);
      const status = await getUsageStatus(world.database.prisma);
      expect(status.asOf).toEqual(asOf);
      expect(status.lastAttemptAt).toEqual(later);
      expect(status.lastError).toMatch(/^CloudWatch: .*too many requests/);

      await setFaults({ failNext: { operation: "GetMetricData", code: "Throttling", message: "Rate exceeded" } });
      const handler = usageSyncHandler(() => impatient, REGIONS, 6 * 3_600_000);
      const started = Date.now();
      const outcome = await handler.run({} as never, { db: world.database.prisma } as never);
      expect(outcome).toMatchObject({ done: false, countsAsAttempt: false });
      const runAt = (outcome as { runAt: Date }).runAt.getTime();
      expect(runAt - started).toBeGreaterThanOrEqual(USAGE_RETRY_MS - 1_000);
      expect(runAt - started).toBeLessThanOrEqual(USAGE_RETRY_MS + 5_000);

      // The next good run clears the error.
      const recovered = await syncUsage(world.database.prisma, impatient, REGIONS, { now: later });
      expect(recovered.status).toEqual({ asOf: later, lastAttemptAt: later, lastError: null });
    } finally {
      await setFaults({ failNext: null });
      impatient.destroy();
    }
  });

  it("gives this month's billable hours per WorkSpace by the domain's rule", async () => {
    const ids = (await world.database.prisma.workspace.findMany({ select: { id: true } })).map((w) => w.id);
    const usage = await usageThisMonth(world.database.prisma, ids, now);
    const { start } = monthRange(now);
    const monthRows = await world.database.prisma.workspaceUsageDay.findMany({ where: { day: { gte: start } } });
    expect(usage.size).toBe(new Set(monthRows.map((row) => row.workspaceId)).size);
    for (const [workspaceId, figures] of usage) {
      const workspace = await world.database.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
      const rows = monthRows.filter((row) => row.workspaceId === workspaceId).sort((a, b) => a.day.getTime() - b.day.getTime());
      const days = consecutiveUsageDays(rows, start, now);
      expect(figures.billableHours).toBe(
        billableHours(days, (workspace.runningMode ?? "ALWAYS_ON") as RunningMode, (workspace.autoStopTimeoutMinutes ?? 60) / 60),
      );
      expect(figures.connectedHours).toBe(rows.reduce((sum, row) => sum + row.connectedHours, 0));
      expect(figures.lastDay).toEqual(rows.at(-1)!.day);
      expect(figures.billableHours).toBeGreaterThanOrEqual(figures.connectedHours);
    }
  });
});
