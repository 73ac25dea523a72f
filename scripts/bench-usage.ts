// npm run bench:usage — the three speed targets of usage and cost intelligence, one after another:
//   1. the usage sync of 10,000 WorkSpaces × 30 days: GetMetricData calls at the minimum (ratio 1.00) and
//      time ≤ 1.1× the rate-limited minimum (scripts/bench-usage/sync.ts);
//   2. the optimizer's dry run over 10,000 WorkSpaces ≤ 5 s (scripts/bench-usage/optimizer.ts);
//   3. /reports' server-side data with 10,000 WorkSpaces and 365 days of snapshots ≤ 1.5× that with 100
//      (scripts/bench-usage/reports.ts).
// Prints PASS/FAIL per target and exits 1 if any fails.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// Service modules import "server-only", which throws outside the react-server export condition; the
// script runs itself again under that condition rather than stubbing the guard.
if (!process.env.BENCH_USAGE_CHILD) {
  const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", fileURLToPath(import.meta.url)], {
    stdio: "inherit",
    env: { ...process.env, BENCH_USAGE_CHILD: "1", NODE_ENV: "production" },
  });
  process.exit(child.status ?? 1);
}

const { benchUsageSync } = await import("./bench-usage/sync");
const { benchOptimizer } = await import("./bench-usage/optimizer");
const { benchReports } = await import("./bench-usage/reports");

const results: { target: string; measured: string; pass: boolean }[] = [];

const sync = await benchUsageSync();
results.push({
  target: "usage sync: GetMetricData calls / minimum = 1.00",
  measured: `${sync.calls} / ${sync.minimumCalls} = ${sync.ratio.toFixed(2)} (${sync.workspaces} WorkSpaces × ${sync.days} days)`,
  pass: sync.calls === sync.minimumCalls,
});
results.push({
  target: "usage sync: time ≤ 1.1× the rate-limited minimum",
  measured: `${(sync.ms / 1000).toFixed(1)} s / ${(sync.minimumMs / 1000).toFixed(1)} s = ${sync.timeRatio.toFixed(2)}×`,
  pass: sync.timeRatio <= 1.1,
});

const optimizer = await benchOptimizer();
results.push({
  target: "optimizer dry run over 10,000 WorkSpaces ≤ 5 s",
  measured: `${(optimizer.ms / 1000).toFixed(2)} s (${optimizer.workspaces} WorkSpaces)`,
  pass: optimizer.ms <= 5_000,
});

const reports = await benchReports();
results.push({
  target: "/reports server time, 10,000 vs 100 WorkSpaces ≤ 1.5×",
  measured:
    `${reports.large.ms.toFixed(1)} ms (${reports.large.workspaces}, ${reports.large.snapshotDays} days) / ` +
    `${reports.small.ms.toFixed(1)} ms (${reports.small.workspaces}, ${reports.small.snapshotDays} days) = ${reports.ratio.toFixed(2)}×`,
  pass: reports.ratio <= 1.5,
});

console.log("\nbench:usage");
for (const r of results) console.log(`${r.pass ? "PASS" : "FAIL"}  ${r.target}\n      ${r.measured}`);
process.exit(results.every((r) => r.pass) ? 0 : 1);
