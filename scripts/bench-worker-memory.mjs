#!/usr/bin/env node
// `npm run bench:worker-memory`: the worker's resident memory after its first inventory sync of a 10,000-WorkSpace
// fleet (issue 17's target: at most 250 MiB). For each way of running the worker it creates a fresh PostgreSQL
// database, migrates it, starts the sandbox with SANDBOX_FLEET_SIZE WorkSpaces and the worker on it, waits until the
// sync has written them all, then samples the worker's VmRSS and its heap/external memory from /api/metrics for
// BENCH_WORKER_SAMPLE_SECONDS, and cleans up (processes, database, bundle).
//
//   npm run bench:worker-memory                    (both ways: `npm run worker` and the bundled scripts/worker.mjs)
//   BENCH_WORKER_MODES=bundled BENCH_WORKER_NODE_OPTIONS="--max-old-space-size=96" npm run bench:worker-memory
//
// Settings: BENCH_WORKER_FLEET (10000), BENCH_WORKER_SAMPLE_SECONDS (60), BENCH_WORKER_MODES (tsx,bundled),
// BENCH_WORKER_NODE_OPTIONS (NODE_OPTIONS for the worker, default none), BENCH_WORKER_PORT (first port tried, 3560).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { createDatabase, dropDatabase, ensureCluster, query } from "./bench-load/database.mjs";
import { alive, freePorts, killAll, lastOutput, runSync, serverRss, sleep, start, stop, waitForHttp } from "./bench-load/processes.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const num = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);
const FLEET = num("BENCH_WORKER_FLEET", 10_000);
const SAMPLE_SECONDS = num("BENCH_WORKER_SAMPLE_SECONDS", 60);
const MODES = (process.env.BENCH_WORKER_MODES ?? "tsx,bundled").split(",").map((m) => m.trim());
const NODE_OPTIONS = process.env.BENCH_WORKER_NODE_OPTIONS ?? "";
const REGION = "us-east-1";
const MiB = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const log = (...args) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

for (const mode of MODES) if (!["tsx", "bundled"].includes(mode)) throw new Error(`Unknown mode ${mode}: tsx or bundled.`);

/**
 * The worker bundled as scripts/build-standalone.mjs bundles it for the image (same esbuild options), written
 * inside the project so the packages left outside the bundle resolve from its node_modules.
 */
async function bundleWorker() {
  const dir = mkdtempSync(path.join(root, "node_modules", ".bench-worker-"));
  const outfile = path.join(dir, "worker.mjs");
  await build({
    entryPoints: [path.join(root, "scripts", "worker.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    external: ["@electric-sql/pglite", "pglite-prisma-adapter", "pino", "pg"],
    plugins: [
      {
        name: "server-only",
        setup(b) {
          b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
          b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
        },
      },
    ],
    banner: { js: "import { createRequire as __portalRequire } from 'node:module'; const require = __portalRequire(import.meta.url);" },
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
  });
  return { dir, outfile };
}

async function metrics(port, token) {
  const res = await fetch(`http://127.0.0.1:${port}/api/metrics`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(5000),
  });
  const text = await res.text();
  const v = (name) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
  return {
    heapUsed: v("portal_nodejs_heap_size_used_bytes"),
    heapTotal: v("portal_nodejs_heap_size_total_bytes"),
    external: v("portal_nodejs_external_memory_bytes"),
  };
}

async function runMode(mode, bundle) {
  const dbName = `bench_worker_mem_${process.pid}_${mode}`;
  const url = createDatabase(dbName);
  const procs = [];
  const temps = [];
  try {
    const [sandboxPort, workerPort] = await freePorts(num("BENCH_WORKER_PORT", 3560), 2);
    const token = randomBytes(24).toString("hex");
    const dataDir = mkdtempSync(path.join(tmpdir(), "bench-worker-"));
    temps.push(dataDir);
    const base = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      SANDBOX_HOST: "127.0.0.1",
      SANDBOX_PORT: String(sandboxPort),
      PORTAL_DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    };
    delete base.NODE_OPTIONS;
    if (runSync("npm", ["run", "--silent", "db:migrate"], { cwd: root, env: base }) !== 0) throw new Error("migration failed");

    const sandbox = start("sandbox", process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/sandbox.ts"], {
      ...base,
      SANDBOX_FLEET_SIZE: String(FLEET),
      SANDBOX_STATE_FILE: "none",
      SANDBOX_TOKEN_FILE: path.join(dataDir, "sandbox-token"),
    });
    procs.push(sandbox);
    const sandboxUp = Date.now();
    for (;;) {
      if (Date.now() - sandboxUp > 120_000) throw new Error("the sandbox did not listen within 120 s");
      try {
        await fetch(`http://127.0.0.1:${sandboxPort}/`, { signal: AbortSignal.timeout(2000) });
        break;
      } catch {
        await sleep(300);
      }
    }

    const env = {
      ...base,
      PORTAL_ROLE: "worker",
      PORTAL_AWS_MODE: "sandbox",
      WORKSPACES_REGIONS: REGION,
      WORKER_PORT: String(workerPort),
      METRICS_TOKEN: token,
      AUTH_SECRET: randomBytes(33).toString("base64"),
      PORTAL_URL: "http://127.0.0.1:3000",
      ...(NODE_OPTIONS ? { NODE_OPTIONS } : {}),
    };
    const startedAt = Date.now();
    const worker =
      mode === "tsx"
        ? start("worker", "npm", ["run", "--silent", "worker"], env)
        : start("worker", process.execPath, [bundle.outfile], env);
    procs.push(worker);
    await waitForHttp(worker, `http://127.0.0.1:${workerPort}/api/health`);
    const readyAt = Date.now();
    log(
      `${mode}: worker up in ${((readyAt - startedAt) / 1000).toFixed(1)} s, rss ${MiB(serverRss(worker)?.rss ?? 0)}; waiting for the sync`,
    );

    let peak = 0;
    let syncedAt;
    let count = 0;
    while (!syncedAt) {
      if (Date.now() - readyAt > 600_000) throw new Error(`the sync did not finish within 10 minutes (${count} WorkSpaces written)`);
      peak = Math.max(peak, serverRss(worker)?.rss ?? 0);
      const [row] = await query(
        url,
        `SELECT (SELECT count(*) FROM "Workspace")::int AS n, EXISTS (SELECT 1 FROM "Setting" WHERE key = $1) AS done`,
        [`inventory.synced:${REGION}`],
      );
      count = row.n;
      if (row.done) syncedAt = Date.now();
      else await sleep(500);
    }
    // The sandbox spreads its fleet over its Regions; the one synced here holds nearly all of it.
    if (count < FLEET * 0.9) throw new Error(`the sync finished with ${count} WorkSpaces of a ${FLEET} fleet`);
    log(`${mode}: ${count} WorkSpaces synced ${((syncedAt - readyAt) / 1000).toFixed(1)} s after the worker was up; peak rss ${MiB(peak)}`);

    const samples = [];
    const until = Date.now() + SAMPLE_SECONDS * 1000;
    while (Date.now() < until) {
      if (!alive(worker)) throw new Error(`the worker exited after the sync:\n${lastOutput(worker)}`);
      const rss = serverRss(worker);
      const m = await metrics(workerPort, token);
      samples.push({ rss: rss?.rss ?? NaN, ...m });
      peak = Math.max(peak, rss?.rss ?? 0);
      await sleep(5000);
    }
    // The usage sync (CloudWatch, every WorkSpace's last month) starts once the inventory is synced and is the
    // larger of the two; whether it finished within the samples says whether they cover it.
    const [usage] = await query(url, `SELECT value FROM "Setting" WHERE key = 'usage.status'`);
    const last = samples.at(-1);
    const max = (k) => Math.max(...samples.map((s) => s[k]));
    const result = {
      mode,
      syncSeconds: (syncedAt - readyAt) / 1000,
      peakRss: peak,
      rssAfter: last.rss,
      rssMaxAfter: max("rss"),
      usageSynced: Boolean(usage),
      heapUsed: last.heapUsed,
      heapTotal: last.heapTotal,
      external: last.external,
    };
    log(
      `${mode}: after the sync (${samples.length} samples over ${SAMPLE_SECONDS} s): rss ${samples.map((s) => MiB(s.rss)).join(", ")}; ` +
        `heap used ${MiB(last.heapUsed)} of ${MiB(last.heapTotal)}, external ${MiB(last.external)}; ` +
        `usage sync ${usage ? `done: ${JSON.stringify(usage.value)}` : "still running"}`,
    );
    const code = await stop(worker, 30_000);
    log(`${mode}: worker stopped (exit ${code})`);
    return result;
  } finally {
    for (const proc of procs.reverse()) await stop(proc, 10_000);
    dropDatabase(dbName);
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  }
}

process.on("SIGINT", () => {
  killAll();
  process.exit(130);
});

await ensureCluster(log);
const bundle = MODES.includes("bundled") ? await bundleWorker() : undefined;
const results = [];
try {
  for (const mode of MODES) results.push(await runMode(mode, bundle));
} finally {
  killAll();
  if (bundle) rmSync(bundle.dir, { recursive: true, force: true });
}
console.log(`\nWorker memory after the first sync of ${FLEET} WorkSpaces${NODE_OPTIONS ? ` (NODE_OPTIONS=${NODE_OPTIONS})` : ""}:`);
console.log("mode     sync     peak rss   rss after (max)     heap used / total   external  usage sync");
for (const r of results) {
  console.log(
    `${r.mode.padEnd(8)} ${`${r.syncSeconds.toFixed(1)} s`.padEnd(8)} ${MiB(r.peakRss).padEnd(10)} ` +
      `${`${MiB(r.rssAfter)} (${MiB(r.rssMaxAfter)})`.padEnd(19)} ` +
      `${`${MiB(r.heapUsed)} / ${MiB(r.heapTotal)}`.padEnd(19)} ${MiB(r.external).padEnd(9)} ${r.usageSynced ? "done" : "running"}`,
  );
}
const over = results.filter((r) => r.rssMaxAfter > 250 * 1024 * 1024);
if (over.length) console.log(`Over the 250 MiB target: ${over.map((r) => r.mode).join(", ")}`);
