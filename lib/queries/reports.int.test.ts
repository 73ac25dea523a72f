import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { costGroups, sessionPercentiles, utcDay } from "@/lib/core/report-figures";
import { takeReportsSnapshot } from "@/lib/services/snapshots";
import { signInAs } from "@/test/entry-points/session";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { REPORTS_SNAPSHOT_KEY } from "@/lib/core/outbox";
import { nextSnapshotAt } from "@/lib/execution/handlers/snapshot";
import { loadReports } from "./reports";
import { reportTableCsv, reportTables } from "./reports-tables";
import { listTeamWorkspaces } from "./workspaces";

vi.mock("next/headers", () => import("@/test/entry-points/next-headers"));
vi.mock("next-auth", () => import("@/test/entry-points/next-auth"));
// Outside a Next.js server forbidden() refuses to run; here it only has to say that it was called.
vi.mock("next/navigation", async (original) => ({
  ...(await original<typeof import("next/navigation")>()),
  forbidden: () => {
    throw new Error("forbidden() was called");
  },
}));

const DAY = 86_400_000;
const filter = { period: "12m" as const };
let world: TestWorld;
let now: Date;

beforeAll(async () => {
  world = await createTestWorld({ fleetSize: 6 });
  now = new Date();
}, 120_000);
afterAll(() => world?.close());

const prisma = () => world.database.prisma;
const live = { goneAt: null, state: { not: "TERMINATED" } };

describe("the daily snapshot", () => {
  it("writes today's cost and state for every dimension, and writing it again changes nothing", async () => {
    const result = await takeReportsSnapshot(now);
    expect(result.day).toEqual(utcDay(now));
    const rows = await prisma().costSnapshot.findMany({ where: { day: utcDay(now) }, orderBy: [{ dimension: "asc" }, { key: "asc" }] });
    const fleet = await prisma().workspace.count({ where: live });
    const total = rows.find((r) => r.dimension === "total")!;
    expect(total).toMatchObject({ key: "all", workspaces: fleet });
    expect(total.monthlyCostCents).toBeGreaterThan(0);
    for (const dimension of ["costCenter", "bundle", "runningMode", "region", "directory", "manager"]) {
      const of = rows.filter((r) => r.dimension === dimension);
      expect(of.length, dimension).toBeGreaterThan(0);
      expect(
        of.reduce((n, r) => n + r.workspaces, 0),
        dimension,
      ).toBe(fleet);
      expect(
        of.reduce((n, r) => n + r.monthlyCostCents, 0),
        dimension,
      ).toBe(total.monthlyCostCents);
    }
    const regions = await prisma().workspace.groupBy({ by: ["region"], where: live, _count: true });
    for (const r of regions) expect(rows.find((x) => x.dimension === "region" && x.key === r.region)?.workspaces).toBe(r._count);
    const available = await prisma().workspace.count({ where: { ...live, state: "AVAILABLE" } });
    expect(total.available).toBe(available);

    await takeReportsSnapshot(new Date(now.getTime() + 1000));
    const again = await prisma().costSnapshot.findMany({ where: { day: utcDay(now) }, orderBy: [{ dimension: "asc" }, { key: "asc" }] });
    expect(again).toEqual(rows);
    expect(await prisma().costSnapshot.count()).toBe(rows.length);
  });

  it("prices a team the same way the WorkSpace pages do", async () => {
    const { bob } = world.people;
    const team = await listTeamWorkspaces(bob.id);
    expect(team.length).toBeGreaterThan(0);
    const [total] = (await costGroups(prisma(), { managerId: bob.id })).filter((g) => g.dimension === "total");
    expect(total!.workspaces).toBe(team.length);
    expect(total!.monthlyCostCents).toBe(team.reduce((n, w) => n + (w.monthlyCost?.cents ?? 0), 0));
  });
});

describe("session percentiles", () => {
  it("are percentile_cont over the WorkSpaces' daily averages in the window", async () => {
    const ws = await prisma().workspace.findFirstOrThrow({ where: live, orderBy: { id: "asc" } });
    const today = utcDay(now);
    // Latency 10, 20, … 100 ms and launch 1 … 10 s over ten days: p50 55 ms / 5.5 s, p95 95.5 ms / 9.55 s.
    await prisma().workspaceUsageDay.createMany({
      data: Array.from({ length: 10 }, (_, i) => ({
        workspaceId: ws.id,
        day: new Date(today.getTime() - i * DAY),
        connectedHourMask: 1,
        connectedHours: 1,
        connectionAttempts: 2,
        connectionFailures: i === 0 ? 1 : 0,
        inSessionLatencyMs: (i + 1) * 10,
        sessionLaunchSeconds: i + 1,
      })),
    });
    // Outside the 30-day window: ignored.
    await prisma().workspaceUsageDay.create({
      data: {
        workspaceId: ws.id,
        day: new Date(today.getTime() - 40 * DAY),
        connectedHourMask: 1,
        connectedHours: 1,
        inSessionLatencyMs: 9999,
      },
    });
    const [p] = await sessionPercentiles(prisma(), { directoryId: ws.directoryId }, new Date(today.getTime() - 29 * DAY), today);
    expect(p).toMatchObject({ directoryId: ws.directoryId, region: ws.region });
    expect(p!.latencyP50Ms).toBeCloseTo(55, 6);
    expect(p!.latencyP95Ms).toBeCloseTo(95.5, 6);
    expect(p!.launchP50Seconds).toBeCloseTo(5.5, 6);
    expect(p!.launchP95Seconds).toBeCloseTo(9.55, 6);

    await takeReportsSnapshot(now);
    const stored = await prisma().usageDirectoryDay.findUniqueOrThrow({
      where: { day_directoryId: { day: today, directoryId: ws.directoryId } },
    });
    expect(stored).toMatchObject({ workspaces: 1, connectionAttempts: 2, connectionFailures: 1 });
    expect(stored.latencyP95Ms).toBeCloseTo(95.5, 6);
    expect(await prisma().usageDirectoryDay.count({ where: { directoryId: ws.directoryId } })).toBe(10);

    const fleet = await loadReports({ kind: "fleet" }, filter, now);
    const shown = fleet.sessions.find((s) => s.directoryId === ws.directoryId)!;
    expect(shown.latencyP50Ms).toBeCloseTo(55, 6);
    expect(fleet.failuresByDay.reduce((n, d) => n + d.connectionFailures, 0)).toBe(1);
    expect(fleet.failuresByDay.reduce((n, d) => n + d.connectionAttempts, 0)).toBe(20);
  });
});

describe("who sees what", () => {
  it("shows a manager only their team, and an admin the whole fleet", async () => {
    const { bob, frank } = world.people;
    const fleet = await loadReports({ kind: "fleet" }, filter, now);
    const mine = await loadReports({ kind: "team", managerId: bob.id }, filter, now);
    const other = await loadReports({ kind: "team", managerId: frank.id }, filter, now);
    const teamIds = (await listTeamWorkspaces(bob.id)).map((w) => w.id);
    expect(fleet.costSource.kind).toBe("snapshot");
    expect(fleet.totals.workspaces).toBe(await prisma().workspace.count({ where: live }));
    expect(mine.costSource.kind).toBe("live");
    expect(mine.totals.workspaces).toBe(teamIds.length);
    expect(mine.totals.workspaces + other.totals.workspaces).toBeLessThanOrEqual(fleet.totals.workspaces);
    expect(mine.totals.workspaces).toBeLessThan(fleet.totals.workspaces);
    // The manager's trend is their own dimension of the snapshot.
    const mgrRow = await prisma().costSnapshot.findFirstOrThrow({ where: { dimension: "manager", key: bob.id } });
    expect(mine.trend.at(-1)).toMatchObject({ workspaces: mgrRow.workspaces, monthlyCostCents: mgrRow.monthlyCostCents });
    // Usage of a WorkSpace outside the team does not show up in the team's figures.
    const outsider = await prisma().workspaceUsageDay.findFirstOrThrow({ select: { workspaceId: true } });
    const usageIsTeams = teamIds.includes(outsider.workspaceId);
    expect(mine.failuresByDay.reduce((n, d) => n + d.connectionFailures, 0)).toBe(usageIsTeams ? 1 : 0);
  });

  it("filters by Region live, and the tables give the same figures as CSV", async () => {
    const region = "eu-west-1";
    const data = await loadReports({ kind: "fleet" }, { period: "3m", region }, now);
    expect(data.costSource.kind).toBe("live");
    expect(data.totals.workspaces).toBe(await prisma().workspace.count({ where: { ...live, region } }));
    expect(data.costBy.region.map((r) => r.key)).toEqual(data.totals.workspaces ? [region] : []);
    const csv = reportTableCsv(reportTables(data)["cost-by-region"]);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("Region,WorkSpaces,Estimated monthly cost (USD)");
    if (data.totals.workspaces)
      expect(lines[1]).toBe(`${region},${data.totals.workspaces},${(data.totals.monthlyCostCents / 100).toFixed(2)}`);
  });
});

describe("GET /api/reports/[table]", () => {
  async function get(userId: string | null, path: string) {
    const { GET } = await import("@/app/api/reports/[table]/route");
    await signInAs(userId);
    const url = new URL(`http://portal.test${path}`);
    const table = url.pathname.split("/").at(-1)!;
    const response = await GET(new Request(url), { params: Promise.resolve({ table }) });
    return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
  }

  it("answers managers and admins with CSV, and refuses anyone else", async () => {
    const { alice, bob, carol } = world.people;
    expect(await get(null, "/api/reports/cost-by-region")).toMatchObject({ status: 401, body: "Sign in first." });
    expect(await get(alice.id, "/api/reports/cost-by-region")).toMatchObject({ status: 403, body: "You are not allowed to do this." });
    const admin = await get(carol.id, "/api/reports/cost-by-region");
    expect(admin.status).toBe(200);
    expect(admin.type).toContain("text/csv");
    const fleet = await loadReports({ kind: "fleet" }, filter);
    expect(admin.body.trim().split("\r\n")).toHaveLength(1 + fleet.costBy.region.length);
    const manager = await get(bob.id, "/api/reports/cost-by-cost-centre?period=6m");
    expect(manager.status).toBe(200);
    const team = await loadReports({ kind: "team", managerId: bob.id }, filter);
    const count = manager.body
      .trim()
      .split("\r\n")
      .slice(1)
      .reduce((n, line) => n + Number(line.split(",").at(-2)), 0);
    expect(count).toBe(team.totals.workspaces);
  });

  it("says plainly what is wrong with a bad table or filter", async () => {
    const { carol } = world.people;
    expect(await get(carol.id, "/api/reports/passwords")).toMatchObject({ status: 404 });
    const bad = await get(carol.id, "/api/reports/savings?period=99y&region=mars");
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("The period must be 3m, 6m or 12m");
    expect(bad.body).toContain("The Region must look like us-east-1.");
  });
});

describe("the snapshot job", () => {
  it("recounts the recent days, and from the first day with usage but no figures yet", async () => {
    const ws = await prisma().workspace.findFirstOrThrow({ where: live, orderBy: { id: "asc" } });
    const today = utcDay(now);
    const old = new Date(today.getTime() - 8 * DAY);
    const gap = new Date(today.getTime() - 20 * DAY);
    await prisma().workspaceUsageDay.update({
      where: { workspaceId_day: { workspaceId: ws.id, day: old } },
      data: { connectionAttempts: 50 },
    });
    await prisma().workspaceUsageDay.update({
      where: { workspaceId_day: { workspaceId: ws.id, day: today } },
      data: { connectionAttempts: 7 },
    });
    await takeReportsSnapshot(now);
    const figures = async (day: Date) =>
      (await prisma().usageDirectoryDay.findUnique({ where: { day_directoryId: { day, directoryId: ws.directoryId } } }))
        ?.connectionAttempts;
    expect(await figures(today)).toBe(7);
    expect(await figures(old)).toBe(2);
    // A day that a usage sync filled in late is counted, and every day after it with it.
    await prisma().workspaceUsageDay.create({
      data: { workspaceId: ws.id, day: gap, connectedHourMask: 1, connectedHours: 1, connectionAttempts: 4 },
    });
    await takeReportsSnapshot(now);
    expect(await figures(gap)).toBe(4);
    expect(await figures(old)).toBe(50);
  });

  it("is due at start-up, takes today's snapshot and comes back after the next midnight", async () => {
    await prisma().costSnapshot.deleteMany({});
    await prisma().outboxJob.updateMany({ where: { dedupeKey: REPORTS_SNAPSHOT_KEY }, data: { runAt: new Date(Date.now() - 1000) } });
    const worker = world.executor();
    worker.start();
    const job = await eventually(
      async () => {
        const row = await prisma().outboxJob.findFirst({ where: { dedupeKey: REPORTS_SNAPSHOT_KEY } });
        // Until the first usage sync has been tried, the job only looks again a few seconds later.
        return row && row.runAt.getTime() > Date.now() + 60_000 ? row : null;
      },
      40_000,
      "the snapshot job to run",
    );
    await worker.stop();
    expect(job.runAt.getTime()).toBe(nextSnapshotAt(new Date()).getTime());
    expect(job.runAt.toISOString()).toMatch(/T00:30:00.000Z$/);
    expect(await prisma().costSnapshot.count({ where: { day: utcDay(new Date()), dimension: "total" } })).toBe(1);
  });
});

describe("the /reports page", () => {
  async function render(userId: string, searchParams: Record<string, string> = {}) {
    const { default: ReportsPage } = await import("@/app/(portal)/reports/page");
    const { renderToStaticMarkup } = await import("react-dom/server");
    await signInAs(userId);
    return renderToStaticMarkup(await ReportsPage({ searchParams: Promise.resolve(searchParams) }));
  }

  it("draws every chart as a named image with its table and CSV link", async () => {
    const html = await render(world.people.bob.id);
    const images = [...html.matchAll(/<svg role="img" aria-labelledby="([^"]+)-title \1-desc"/g)].map((m) => m[1]);
    const empties = [...html.matchAll(/<div role="note" aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(images.length + empties.length).toBe(9);
    expect(images).toContain("cost-by-region");
    expect(html.match(/<caption/g)).toHaveLength(9);
    expect(html).toContain('href="/api/reports/session-performance?period=12m"');
    expect(html).toContain("your team&#x27;s WorkSpaces");
    expect(html).not.toContain("<script");
  });

  it("refuses an employee and explains a bad filter", async () => {
    await expect(render(world.people.alice.id)).rejects.toThrow("forbidden() was called");
    const html = await render(world.people.carol.id, { period: "2y" });
    expect(html).toContain("These filters cannot be used");
    expect(html).toContain("The period must be 3m, 6m or 12m");
  });
});

describe("savings", () => {
  it("adds the monthly savings of completed optimizer and reclaim requests, this month and in total, per scope", async () => {
    const { alice, bob, erin } = world.people;
    expect((await prisma().user.findUniqueOrThrow({ where: { id: alice.id } })).managerId).toBe(bob.id);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: erin.id } })).managerId).not.toBe(bob.id);
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const longAgo = new Date(monthStart.getTime() - 40 * DAY);
    const request = (beneficiaryId: string, origin: string | null, status: "SUCCEEDED" | "FAILED", cents: number, completedAt: Date) => ({
      type: origin === "reclaim" ? "terminate" : "runningMode",
      change: {},
      region: "us-east-1",
      requesterId: beneficiaryId,
      beneficiaryId,
      justification: "test",
      status,
      costDeltaCents: cents,
      approvalReason: "test",
      approvalSteps: [],
      origin,
      completedAt,
    });
    await prisma().request.createMany({
      data: [
        request(alice.id, "optimizer", "SUCCEEDED", -1500, new Date()),
        request(alice.id, "optimizer", "SUCCEEDED", -700, longAgo),
        request(alice.id, "reclaim", "SUCCEEDED", -3500, new Date()),
        request(alice.id, "optimizer", "FAILED", -999, new Date()),
        request(alice.id, null, "SUCCEEDED", -999, new Date()),
        request(alice.id, "optimizer", "SUCCEEDED", 800, new Date()),
        request(erin.id, "reclaim", "SUCCEEDED", -2000, longAgo),
      ],
    });
    const fleet = await loadReports({ kind: "fleet" }, filter, now);
    expect(fleet.savings).toEqual([
      { origin: "optimizer", requests: 2, thisMonthCents: 1500, totalCents: 2200 },
      { origin: "reclaim", requests: 2, thisMonthCents: 3500, totalCents: 5500 },
    ]);
    const team = await loadReports({ kind: "team", managerId: bob.id }, filter, now);
    expect(team.savings).toEqual([
      { origin: "optimizer", requests: 2, thisMonthCents: 1500, totalCents: 2200 },
      { origin: "reclaim", requests: 1, thisMonthCents: 3500, totalCents: 3500 },
    ]);
    expect(reportTableCsv(reportTables(team).savings).split("\r\n")[2]).toBe("Reclaimed WorkSpaces,1,35.00,35.00");
  });
});
