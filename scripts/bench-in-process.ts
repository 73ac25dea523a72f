// What the in-process benchmarks (bench:executor, bench:webhooks) share before they import portal code.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Service modules import "server-only", which throws outside the react-server export condition: the first
 * call runs the script again under that condition and exits with its status (rather than stubbing the
 * guard). In that child it sets the environment a benchmark runs with and a watchdog that ends a run
 * that does not finish in time.
 */
export function runInProcessBenchmark(scriptUrl: string, name: string, limitMinutes: number): void {
  if (!process.env.BENCH_IN_PROCESS_CHILD) {
    const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", fileURLToPath(scriptUrl)], {
      stdio: "inherit",
      env: { ...process.env, BENCH_IN_PROCESS_CHILD: "1" },
    });
    process.exit(child.status ?? 1);
  }
  process.env.PORTAL_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "portal-bench-"));
  process.env.AUTH_SECRET ??= "bench-secret-that-is-long-enough-for-hmac-0123456789";
  process.env.PORTAL_URL ??= "http://portal.bench";
  process.env.LOG_LEVEL ??= "silent";
  if (process.env.TEST_DATABASE_URL) process.env.PORTAL_TEST_TIER = "postgres";
  const watchdog = setTimeout(() => {
    console.error(`${name} did not finish within ${limitMinutes} minutes`);
    process.exit(2);
  }, limitMinutes * 60_000);
  watchdog.unref();
}
