// The /reports page's server-side data loading with 10,000 WorkSpaces against 100, each fleet with 365 days of
// daily snapshots and 30 days of per-WorkSpace usage, on in-memory PGlite. Part of `npm run bench:usage`;
// alone: `NODE_ENV=production npx tsx scripts/bench-usage/reports.ts`. Target: large ≤ 1.5 × small.
// It times what the page calls for an admin (loadReports over the whole fleet), and reports how long the
// daily snapshot took for each fleet.
import { register } from "node:module";
import { benchCatalogSource, benchOwners, benchWorkspaces } from "../bench-fleet-data";

// The query modules start with `import "server-only"`; outside Next.js that import must resolve to nothing.
register(
  "data:text/javascript," +
    encodeURIComponent(
      `export async function resolve(s, c, next) { ` +
        `return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(s, c); }`,
    ),
);

const SMALL = 100;
const LARGE = 10_000;
const SNAPSHOT_DAYS = 365;
const USAGE_DAYS = 30;
const ROUNDS = 31;

export interface ReportsBenchSide {
  workspaces: number;
  snapshotDays: number;
  /** Median time of one page's data loading. */
  ms: number;
  /** The snapshot job's time on this fleet: its first run (30 days of usage to count) and a daily run after it. */
  snapshotMs: number;
  dailySnapshotMs: number;
}

export async function benchReports(): Promise<{ small: ReportsBenchSide; large: ReportsBenchSide; ratio: number }> {
  const { createTestDatabase } = await import("../../test/db");
  const { installDatabase } = await import("../../lib/db");
  const { setCatalogSource } = await import("../../lib/core/catalog");
  const { takeReportsSnapshot } = await import("../../lib/services/snapshots");
  const { loadReports } = await import("../../lib/queries/reports");

  setCatalogSource(benchCatalogSource);

  const now = new Date();
  async function fleetOf(n: number) {
    const database = await createTestDatabase();
    const prisma = database.prisma;
    // Five managers, each with ten of the fifty owners.
    const managers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => prisma.user.create({ data: { email: `m${i}@bench`, name: `Manager ${i}`, role: "MANAGER" } })),
    );
    const owners = await Promise.all(
      benchOwners().map((data, i) => prisma.user.create({ data: { ...data, managerId: managers[i % managers.length]!.id } })),
    );
    const rows = benchWorkspaces(
      n,
      owners.map((o) => o.id),
    ).map((w) => ({ ...w, operatingSystem: "WINDOWS", rootVolumeGb: 80, userVolumeGb: 50, raw: {}, lastSyncedAt: now }));
    for (let i = 0; i < rows.length; i += 1000) await prisma.workspace.createMany({ data: rows.slice(i, i + 1000) });
    // 30 days of usage per WorkSpace, with latency and launch times spread so percentiles have work to do.
    await prisma.$executeRawUnsafe(`
      INSERT INTO "WorkspaceUsageDay" ("workspaceId", "day", "connectedHourMask", "connectedHours", "connectionAttempts",
        "connectionFailures", "unhealthyHours", "stoppedHours", "sessionLaunchSeconds", "inSessionLatencyMs")
      SELECT w."id", (now() AT TIME ZONE 'UTC')::date - d, 255, 8, 3, (hashtext(w."id" || d) & 7 = 0)::int, 0, 16,
             5 + (hashtext(w."id" || d) & 31), 40 + (hashtext(d || w."id") & 127)
      FROM "Workspace" w CROSS JOIN generate_series(0, ${USAGE_DAYS - 1}) AS d`);
    installDatabase(prisma);
    const t = performance.now();
    await takeReportsSnapshot(now);
    const snapshotMs = performance.now() - t;
    const t2 = performance.now();
    await takeReportsSnapshot(now);
    const dailySnapshotMs = performance.now() - t2;
    // A year of earlier days: today's snapshot rows copied back, with the cost drifting so the trend moves.
    await prisma.$executeRawUnsafe(`
      INSERT INTO "CostSnapshot" ("day", "dimension", "key", "workspaces", "monthlyCostCents", "available", "unhealthy", "stopped")
      SELECT s."day" - d, s."dimension", s."key", s."workspaces", (s."monthlyCostCents" * (1 - d / 1000.0))::int, s."available",
             s."unhealthy", s."stopped"
      FROM "CostSnapshot" s CROSS JOIN generate_series(1, ${SNAPSHOT_DAYS - 1}) AS d`);
    await prisma.$executeRawUnsafe(`ANALYZE`);
    return { database, snapshotMs, dailySnapshotMs };
  }

  const small = await fleetOf(SMALL);
  const large = await fleetOf(LARGE);
  const check = async (side: typeof small, n: number) => {
    installDatabase(side.database.prisma);
    const data = await loadReports({ kind: "fleet" }, { period: "12m" }, now);
    if (data.totals.workspaces !== n) throw new Error(`expected ${n} WorkSpaces in the report, got ${data.totals.workspaces}`);
    if (data.trend.length < 12) throw new Error(`expected 12 months of trend, got ${data.trend.length}`);
    if (data.sessions.length !== 3) throw new Error(`expected 3 directories' percentiles, got ${data.sessions.length}`);
  };
  await check(small, SMALL);
  await check(large, LARGE);

  // Measured alternately, so load from elsewhere on the machine falls on both sides alike.
  const times: Record<"small" | "large", number[]> = { small: [], large: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, side] of [
      ["small", small],
      ["large", large],
    ] as const) {
      installDatabase(side.database.prisma);
      const t = performance.now();
      await loadReports({ kind: "fleet" }, { period: "12m" }, now);
      times[name].push(performance.now() - t);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const result = {
    small: {
      workspaces: SMALL,
      snapshotDays: SNAPSHOT_DAYS,
      ms: median(times.small),
      snapshotMs: small.snapshotMs,
      dailySnapshotMs: small.dailySnapshotMs,
    },
    large: {
      workspaces: LARGE,
      snapshotDays: SNAPSHOT_DAYS,
      ms: median(times.large),
      snapshotMs: large.snapshotMs,
      dailySnapshotMs: large.dailySnapshotMs,
    },
    ratio: 0,
  };
  result.ratio = result.large.ms / result.small.ms;
  await small.database.close();
  await large.database.close();
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchReports().then(
    (r) => {
      console.log(
        `/reports data: ${r.small.workspaces} WorkSpaces ${r.small.ms.toFixed(1)} ms, ${r.large.workspaces} WorkSpaces ` +
          `${r.large.ms.toFixed(1)} ms (${r.small.snapshotDays} days of snapshots): ratio ${r.ratio.toFixed(2)} (target ≤ 1.5)`,
      );
      for (const side of [r.small, r.large])
        console.log(
          `snapshot job at ${side.workspaces} WorkSpaces: first run ${side.snapshotMs.toFixed(0)} ms, ` +
            `daily run ${side.dailySnapshotMs.toFixed(0)} ms`,
        );
      process.exit(r.ratio <= 1.5 ? 0 : 1);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
