// The usage sync against the in-process sandbox: 10,000 live WorkSpaces with 30 days
// of CloudWatch history, read by the real gateway at the default CloudWatch rate (DEFAULT_METRICS_PER_SECOND)
// and stored in a fresh PGlite database in its own thread, as the portal runs it. Checks two things:
//   - GetMetricData calls (pages included) against the fewest CloudWatch allows, max(⌈queries / 500⌉,
//     ⌈datapoints / 100,800⌉) — target ratio 1.00;
//   - the whole sync's time against the rate-limited minimum, calls / rate — target ≤ 1.1×, i.e. writing
//     300,000 rows must hide behind the reads.
// Service-side modules import "server-only": run under `node --conditions=react-server --import tsx`.
// Run alone: `tsx scripts/bench-usage/sync.ts` (it re-runs itself under that condition).
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const WORKSPACES = 10_000;
// The generated fleet includes terminated WorkSpaces, which the portal no longer reads; a few extra
// leave at least WORKSPACES live ones.
const FLEET_SIZE = 10_400;
const REGION = "us-east-1";
const DAYS = 30;

export interface UsageSyncBench {
  workspaces: number;
  days: number;
  calls: number;
  minimumCalls: number;
  ratio: number;
  ms: number;
  minimumMs: number;
  timeRatio: number;
}

export async function benchUsageSync(): Promise<UsageSyncBench> {
  const { createAwsGateway } = await import("@/lib/aws/gateway");
  const { minimumUsageCalls } = await import("@/lib/aws/cloudwatch-queries");
  const { DEFAULT_METRICS_PER_SECOND } = await import("@/lib/aws/rate-limit");
  const { addUtcDays, utcDayStart } = await import("@/lib/domain");
  const { syncRegion } = await import("@/lib/execution/sync");
  const { syncUsage } = await import("@/lib/execution/handlers/usage");
  const { startSandbox } = await import("@/lib/sandbox");
  const { applyMigrations } = await import("@/lib/db/migrations");
  const { PGliteThread } = await import("@/lib/db/pglite-thread");
  const { PrismaClient } = await import("@/lib/generated/prisma/client");

  const sandbox = await startSandbox({ port: 0, fleetSize: FLEET_SIZE, clockSpeed: 1 });
  // The embedded database as the portal runs it: PGlite in a thread of its own (in memory here).
  const thread = new PGliteThread(undefined);
  await applyMigrations(thread.runner());
  const database = { prisma: new PrismaClient({ adapter: thread.adapterFactory() }) };
  const credentials = { accessKeyId: "sandbox", secretAccessKey: "sandbox" };
  const endpoints = { workspaces: sandbox.url, directoryService: sandbox.url, cloudwatch: sandbox.url };
  // The inventory is set-up, not the subject: read it without client-side limits.
  const setup = createAwsGateway({
    regions: [REGION],
    defaultRegion: REGION,
    endpoints,
    credentials,
    rateLimit: { mutatingPerSecond: Infinity, readPerSecond: Infinity },
  });
  let calls = 0;
  const gateway = createAwsGateway({
    regions: [REGION],
    defaultRegion: REGION,
    endpoints,
    credentials,
    onCall: (info) => {
      if (info.operation === "GetMetricData") calls += 1;
    },
  });
  try {
    const replay = await fetch(`${sandbox.url}/__sandbox/usage/replay`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Sandbox-Token": sandbox.controlToken },
      body: JSON.stringify({ days: DAYS + 1 }),
    });
    if (!replay.ok) throw new Error(`the sandbox refused the usage replay: ${replay.status} ${await replay.text()}`);
    await syncRegion(database.prisma, setup, REGION, { tagBudget: 0 });
    // Exactly WORKSPACES live ones: the rest are marked gone, as if terminated, so the sync skips them.
    const live = await database.prisma.workspace.findMany({ where: { region: REGION, goneAt: null }, orderBy: { id: "asc" } });
    if (live.length < WORKSPACES) throw new Error(`the sandbox has only ${live.length} live WorkSpaces`);
    await database.prisma.workspace.updateMany({
      where: { id: { in: live.slice(WORKSPACES).map((workspace) => workspace.id) } },
      data: { goneAt: new Date() },
    });
    const workspaces = await database.prisma.workspace.count({ where: { region: REGION, goneAt: null } });

    // Whole days: the 30 complete UTC days before today.
    const now = utcDayStart(new Date());
    const from = addUtcDays(now, -DAYS);
    const started = performance.now();
    // The usage read alone: the never-used WorkSpaces' age look-up is a separate, once-per-WorkSpace cost.
    await syncUsage(database.prisma, gateway, [REGION], { now, from, ages: false });
    const ms = performance.now() - started;
    const rows = await database.prisma.workspaceUsageDay.count();
    if (rows < workspaces * DAYS * 0.99) throw new Error(`stored ${rows} usage rows for ${workspaces} WorkSpaces × ${DAYS} days`);

    const minimumCalls = minimumUsageCalls(workspaces, from, now);
    const minimumMs = (calls / DEFAULT_METRICS_PER_SECOND) * 1000;
    return {
      workspaces,
      days: DAYS,
      calls,
      minimumCalls,
      ratio: calls / minimumCalls,
      ms: Math.round(ms),
      minimumMs: Math.round(minimumMs),
      timeRatio: ms / minimumMs,
    };
  } finally {
    setup.destroy();
    gateway.destroy();
    await sandbox.close();
    await database.prisma.$disconnect();
    await thread.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!process.env.BENCH_USAGE_SYNC_CHILD) {
    const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", process.argv[1]], {
      stdio: "inherit",
      env: { ...process.env, BENCH_USAGE_SYNC_CHILD: "1" },
    });
    process.exit(child.status ?? 1);
  }
  process.env.LOG_LEVEL ??= "silent";
  const result = await benchUsageSync();
  console.table([result]);
  const ok = result.ratio <= 1 && result.timeRatio <= 1.1;
  console.log(
    ok ? "PASS" : "FAIL",
    `calls ${result.calls}/${result.minimumCalls}, time ${result.timeRatio.toFixed(2)}× the rate-limited minimum`,
  );
  process.exit(ok ? 0 : 1);
}
