#!/usr/bin/env node
// npm run bench:load | bench:soak | bench:chaos — the portal scaled out on PostgreSQL under 100 simulated people.
//
// Setup (every mode): the preinstalled PostgreSQL cluster (started when down, never stopped), a fresh database
// (dropped at the end), migrated; 2,000 employees named like the sandbox fleet's directory users and 10 managers
// written into it with an API token; the sandbox as its own process with 10,000 WorkSpaces; 2 web processes
// (`next start`, PORTAL_ROLE=web) and 1 worker (`npm run worker`, PORTAL_ROLE=worker); the worker's first inventory
// sync brings in the fleet and gives the employees their WorkSpaces. Session cookies are minted with the processes'
// AUTH_SECRET as Auth.js's sign-in would (scripts/bench-load/database.mjs).
//
// Load: 70 employees read /, /workspaces/:id, /requests and /notifications with their session cookie; 20 submit
// reboot and compute type requests and 10 managers approve through the REST API acting for the person (the same
// services as the forms); managers also read /approvals. Every call goes to the next web instance in turn. Each
// person waits BENCH_THINK_MS (default 1000-3000) between calls.
//
// Modes:
//   load   BENCH_LOAD_SECONDS (300). Targets: 0 errors (5xx, timeouts, unexpected 3xx/4xx), every approved request
//          terminal afterwards and executed exactly once by the sandbox's mutation counts (a request whose answer was
//          lost and that the executor did not send again, "unconfirmed", may count no call), each web process
//          ≤ 250 MiB resident after the first page and the worker ≤ 250 MiB after its first sync and at the end.
//   soak   BENCH_SOAK_MINUTES (30) of the same load; resident memory sampled every 10 s; after the warm-up
//          (BENCH_SOAK_WARMUP_MINUTES, 5) each process grows < 10%.
//   chaos  the load for BENCH_LOAD_SECONDS (default 420) with, in turn: kill -9 of the worker and a new one (work
//          resumes within 30 s), a PostgreSQL restart (stopped for 10 s: what the pages answer, recovery time), and
//          30% AWS throttling for 60 s (the queue drains; executor lag reported). Nothing lost, nothing run twice.
//
// Env: NEXT_DIST_DIR (default .next-bench-load; built when it holds no build, or always with BENCH_LOAD_REBUILD=1),
// BENCH_LOAD_PORT (first port tried, default 3460; four free ports are taken from there), BENCH_WEB_NODE_ARGS (node
// options for the two web processes; default "--max-old-space-size=384", the image's web command; "" for none, or
// add "--heapsnapshot-signal=SIGUSR2"), BENCH_WORKER_NODE_OPTIONS (NODE_OPTIONS for the worker, e.g.
// "--heapsnapshot-near-heap-limit=1 --diagnostic-dir=/tmp/w"), BENCH_LOG_DIR (where every process's whole output is
// kept, one file each; default a new bench-load-logs-* directory under the system's temporary directory, kept).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import {
  connect,
  createDatabase,
  dropDatabase,
  ensureCluster,
  pgCtl,
  pgReady,
  query,
  seedPeople,
  sessionCookie,
} from "./bench-load/database.mjs";
import { createLoad, quantile, Stats } from "./bench-load/load.mjs";
import {
  alive,
  freePorts,
  killAll,
  killGroup,
  lastOutput,
  runSync,
  setLogDir,
  serverRss,
  sleep,
  start,
  stop,
  waitForHttp,
} from "./bench-load/processes.mjs";

const MODE = process.argv[2] ?? "load";
if (!["load", "soak", "chaos"].includes(MODE)) {
  console.error(`Usage: node scripts/bench-load.mjs load|soak|chaos (got "${MODE}")`);
  process.exit(2);
}
const num = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);
const LOAD_SECONDS = MODE === "soak" ? num("BENCH_SOAK_MINUTES", 30) * 60 : num("BENCH_LOAD_SECONDS", MODE === "chaos" ? 420 : 300);
const WARMUP_SECONDS = num("BENCH_SOAK_WARMUP_MINUTES", 5) * 60;
const THINK_MS = (process.env.BENCH_THINK_MS ?? "1000-3000").split("-").map(Number);
const EMPLOYEES = 2000;
const FLEET = 10_000;
const MEMORY_LIMIT = 250 * 1024 * 1024;
const distDir = process.env.NEXT_DIST_DIR || ".next-bench-load";
const MiB = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const log = (line = "") => process.stdout.write(line + "\n");
const elapsed = (t0) => ((Date.now() - t0) / 1000).toFixed(1);

// ---- clean-up, whatever happens ---------------------------------------------------------------------
const tempRoot = mkdtempSync(path.join(os.tmpdir(), "bench-load-"));
const logDir = process.env.BENCH_LOG_DIR || mkdtempSync(path.join(os.tmpdir(), "bench-load-logs-"));
setLogDir(logDir);
process.stdout.write(`Each process's output: ${logDir}\n`);
const dbName = `bench_load_${Date.now()}_${process.pid}`;
let dbCreated = false;
let cleanedUp = false;
function cleanUpNow() {
  if (cleanedUp) return;
  cleanedUp = true;
  killAll();
  if (dbCreated && !dropDatabase(dbName)) console.error(`Could not drop database ${dbName}; drop it by hand.`);
  rmSync(tempRoot, { recursive: true, force: true });
}
process.on("exit", cleanUpNow);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping every process and dropping ${dbName}.`);
    cleanUpNow();
    process.exit(130);
  });
}
const watchdogMs = (LOAD_SECONDS + 20 * 60) * 1000;
setTimeout(() => {
  console.error(`\nbench:${MODE} did not finish within ${watchdogMs / 60_000} minutes; stopping.`);
  cleanUpNow();
  process.exit(2);
}, watchdogMs).unref();

function fail(message) {
  console.error(`\n${message}`);
  cleanUpNow();
  process.exit(2);
}

// ---- build --------------------------------------------------------------------------------------------
if (!existsSync(path.join(distDir, "BUILD_ID")) || process.env.BENCH_LOAD_REBUILD === "1") {
  log(`Building into ${distDir} (reused next time; BENCH_LOAD_REBUILD=1 rebuilds) ...`);
  const status = runSync("npx", ["next", "build"], { env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" } });
  if (status !== 0) fail("next build failed.");
}

// ---- setup ---------------------------------------------------------------------------------------------
const t0 = Date.now();
const [web1Port, web2Port, workerPort, sandboxPort] = await freePorts(num("BENCH_LOAD_PORT", 3460), 4);
await ensureCluster(log).catch((e) => fail(`PostgreSQL: ${e.message}`));
const databaseUrl = createDatabase(dbName);
dbCreated = true;
log(`Database ${dbName} created; migrating ...`);
if (
  runSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/migrate.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
  }) !== 0
)
  fail("Migrating failed.");
const seeded = await seedPeople(databaseUrl, EMPLOYEES);

const tokenFile = path.join(tempRoot, "sandbox-token");
const sandbox = start("sandbox", process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/sandbox.ts"], {
  ...process.env,
  SANDBOX_PORT: String(sandboxPort),
  SANDBOX_FLEET_SIZE: String(FLEET),
  SANDBOX_CLOCK_SPEED: process.env.SANDBOX_CLOCK_SPEED ?? "60",
  SANDBOX_STATE_FILE: "none",
  SANDBOX_TOKEN_FILE: tokenFile,
});
for (let i = 0; i < 600 && !existsSync(tokenFile); i++) {
  if (!alive(sandbox)) fail(`The sandbox exited:\n${lastOutput(sandbox)}`);
  await sleep(100);
}
const sandboxToken = readFileSync(tokenFile, "utf8").trim();
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
async function sandboxControl(route, body) {
  const res = await fetch(sandboxUrl + route, {
    method: body ? "POST" : "GET",
    headers: { "x-sandbox-token": sandboxToken, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`sandbox ${route}: ${res.status} ${await res.text()}`);
  return res.json();
}

const AUTH_SECRET = randomBytes(33).toString("base64");
const METRICS_TOKEN = randomBytes(33).toString("base64url");
const portalEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_DIST_DIR: distDir,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_MANUAL_SIG_HANDLE: "true",
  DATABASE_URL: databaseUrl,
  PORTAL_AWS_MODE: "sandbox",
  SANDBOX_HOST: "127.0.0.1",
  SANDBOX_PORT: String(sandboxPort),
  DEMO_SIGN_IN: "true",
  DEMO_SIGN_IN_ON_REAL_DATABASE: "i-understand",
  AUTH_SECRET,
  METRICS_TOKEN,
  API_RATE_LIMIT_PER_MINUTE: "1000000",
  LOG_LEVEL: "warn",
  PORTAL_DATA_DIR: path.join(tempRoot, "data"),
};
// Node options for the web processes only (a heap cap, --heapsnapshot-signal=SIGUSR2 to look inside one).
const WEB_NODE_ARGS = (process.env.BENCH_WEB_NODE_ARGS ?? "--max-old-space-size=384").split(" ").filter(Boolean);
const NEXT_BIN = "node_modules/next/dist/bin/next";
const webs = [web1Port, web2Port].map((port, i) => ({
  name: `web${i + 1}`,
  base: `http://127.0.0.1:${port}`,
  proc: start(`web${i + 1}`, process.execPath, [...WEB_NODE_ARGS, NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    ...portalEnv,
    PORTAL_ROLE: "web",
    PORTAL_URL: `http://127.0.0.1:${port}`,
  }),
}));
const workerBase = `http://127.0.0.1:${workerPort}`;
const worker = { name: "worker", base: workerBase, proc: startWorker(), generation: 1 };
function startWorker() {
  return start("worker", "npm", ["run", "--silent", "worker"], {
    ...portalEnv,
    PORTAL_ROLE: "worker",
    WORKER_PORT: String(workerPort),
    PORTAL_URL: webs[0].base,
    ...(process.env.BENCH_WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS } : {}),
  });
}
log(
  `Sandbox on ${sandboxUrl} (${FLEET.toLocaleString("en")} WorkSpaces); ` +
    `web on ${webs.map((w) => w.base).join(", ")}; worker on ${workerBase}`,
);
try {
  await Promise.all([...webs.map((w) => waitForHttp(w.proc, `${w.base}/api/ready`)), waitForHttp(worker.proc, `${workerBase}/api/ready`)]);
} catch (e) {
  fail(e.message);
}
log(`All processes ready after ${elapsed(t0)} s; waiting for the first inventory sync ...`);

// The fleet is in once the cache stops growing near the fleet's size and the load's employees own WorkSpaces.
{
  let last = -1;
  let stableSince = Date.now();
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const [{ n, owned }] = await query(
      databaseUrl,
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE "ownerId" LIKE 'load-emp-%')::int AS owned FROM "Workspace"`,
    );
    if (n !== last) [last, stableSince] = [n, Date.now()];
    if (n >= FLEET * 0.95 && owned > 0 && Date.now() - stableSince > 5000) {
      log(`Inventory: ${n.toLocaleString("en")} WorkSpaces cached, ${owned} owned by the load's employees (${elapsed(t0)} s).`);
      break;
    }
    if (Date.now() > deadline) fail(`The inventory sync brought ${n} WorkSpaces in 10 minutes:\n${lastOutput(worker.proc)}`);
    if (!alive(worker.proc)) fail(`The worker exited:\n${lastOutput(worker.proc)}`);
    await sleep(2000);
  }
}

// ---- people ----------------------------------------------------------------------------------------------
const owned = await query(
  databaseUrl,
  `SELECT "ownerId", min(id) AS ws FROM "Workspace" WHERE "ownerId" LIKE 'load-emp-%' GROUP BY "ownerId"`,
);
const wsOf = new Map(owned.map((r) => [r.ownerId, r.ws]));
const withWs = seeded.people.filter((p) => wsOf.has(p.id));
const half = Math.floor(withWs.length / 2);
const readerPeople = withWs.slice(0, 70);
const readers = await Promise.all(
  readerPeople.map(async (p) => ({ ...p, workspaceId: wsOf.get(p.id), cookie: await sessionCookie(p.id, AUTH_SECRET) })),
);
const submitPool = withWs.slice(half);
const submitters = Array.from({ length: 20 }, (_, i) => submitPool.filter((_, k) => k % 20 === i));
const managers = await Promise.all(seeded.managers.map(async (m) => ({ ...m, cookie: await sessionCookie(m.id, AUTH_SECRET) })));

// ---- memory --------------------------------------------------------------------------------------------
const processes = () => [...webs, worker];
function memoryLine(label) {
  const rows = processes().map((p) => {
    const m = serverRss(p.proc);
    return { name: p.name, rss: m?.rss ?? NaN, groupRss: m?.groupRss ?? NaN, count: m?.count ?? 0 };
  });
  log(
    `Memory ${label}: ` +
      rows.map((r) => `${r.name} ${MiB(r.rss)}${r.count > 1 ? ` (group of ${r.count}: ${MiB(r.groupRss)})` : ""}`).join(", "),
  );
  return rows;
}
// The first page on each web process, then the measurement the issue asks for.
for (const w of webs) {
  const res = await fetch(`${w.base}/`, { headers: { cookie: readers[0].cookie }, redirect: "manual" });
  await res.text();
  if (res.status !== 200) fail(`The first page on ${w.name} answered ${res.status}.`);
}
const memoryStart = memoryLine("after the first page");
const series = new Map(processes().map((p) => [p.name, []]));
const sampler = setInterval(() => {
  for (const p of processes()) {
    const m = serverRss(p.proc);
    if (m) series.get(p.name).push({ t: Date.now(), rss: m.rss });
  }
}, 10_000);

const mutationsBefore = (await sandboxControl("/__sandbox/state")).mutatingCalls;
const mutationsBeforeAt = new Date();

// ---- the load (and chaos) ---------------------------------------------------------------------------------
const stats = new Stats();
const loadStart = Date.now();
log(`\nLoad: 70 readers, 20 submitters, 10 managers for ${LOAD_SECONDS} s (think time ${THINK_MS.join("-")} ms) ...`);
const load = createLoad({
  bases: webs.map((w) => w.base),
  token: seeded.token,
  readers,
  submitters,
  managers,
  thinkMs: THINK_MS,
  stats,
});
const progress = setInterval(() => {
  const n = [...stats.times.values()].reduce((s, xs) => s + xs.length, 0);
  log(`  ${elapsed(loadStart)} s: ${n} calls, ${stats.errorCount} errors, ${stats.counts.approved} approvals`);
}, 30_000);

const chaos = {};
const targets = [];
if (MODE === "chaos") await runChaos();
const remaining = loadStart + LOAD_SECONDS * 1000 - Date.now();
if (remaining > 0) await sleep(remaining);
clearInterval(progress);
await load.stop();
const loadEnd = Date.now();
log(`Load stopped after ${elapsed(loadStart)} s; waiting for every approved request to finish ...`);

// ---- drain and verify ---------------------------------------------------------------------------------------
const OPERATION = { reboot: "RebootWorkspaces", computeType: "ModifyWorkspaceProperties" };
let drained = false;
for (const deadline = Date.now() + 5 * 60_000; Date.now() < deadline;) {
  const [{ n }] = await query(databaseUrl, `SELECT count(*)::int AS n FROM "Request" WHERE status IN ('APPROVED', 'EXECUTING')`);
  if (n === 0) {
    drained = true;
    break;
  }
  await sleep(3000);
}
const drainSeconds = (Date.now() - loadEnd) / 1000;
const byType = await query(
  databaseUrl,
  `SELECT type, status::text, count(*)::int AS n, count("awsCalledAt")::int AS called FROM "Request"
   WHERE "createdAt" >= $1 OR "awsCalledAt" >= $1 GROUP BY type, status ORDER BY type, status`,
  [mutationsBeforeAt],
);
const mutationsAfter = (await sandboxControl("/__sandbox/state")).mutatingCalls;
const delta = Object.fromEntries(
  Object.keys({ ...mutationsBefore, ...mutationsAfter }).map((op) => [op, (mutationsAfter[op] ?? 0) - (mutationsBefore[op] ?? 0)]),
);
const failures = await query(
  databaseUrl,
  `SELECT type, "failureCode" AS code, left("failureReason", 160) AS reason, count(*)::int AS n FROM "Request"
   WHERE status = 'FAILED' AND ("createdAt" >= $1 OR "awsCalledAt" >= $1) GROUP BY 1, 2, 3 ORDER BY n DESC LIMIT 10`,
  [mutationsBeforeAt],
);
// Requests that recorded more than one AWS request id (each successful call appends its id): where a double call shows.
const repeated = await query(
  databaseUrl,
  `SELECT r.type, r.id, r."awsRequestIds" AS ids,
          (SELECT max(j.attempts) FROM "OutboxJob" j WHERE j.kind = 'request.execute' AND j.payload->>'requestId' = r.id) AS attempts
   FROM "Request" r WHERE cardinality(r."awsRequestIds") > 1 AND (r."createdAt" >= $1 OR r."awsCalledAt" >= $1) LIMIT 10`,
  [mutationsBeforeAt],
);
// Requests whose call may have reached AWS without an answer, and whose effect had left no trace: the executor did not
// send them again and told the requester (lib/changes/kinds/power.ts). Each made at most one call.
const unconfirmed = Object.fromEntries(
  (
    await query(
      databaseUrl,
      `SELECT r.type, count(*)::int AS n FROM "AuditEvent" a JOIN "Request" r ON r.id = a."requestId"
       WHERE a.action = 'request.unconfirmed' AND (r."createdAt" >= $1 OR r."awsCalledAt" >= $1) GROUP BY r.type`,
      [mutationsBeforeAt],
    )
  ).map((r) => [r.type, r.n]),
);
const metricsEnd = await Promise.all(processes().map(async (p) => [p.name, await metricsOf(p.base)]));
const memoryEnd = memoryLine("at the end");
clearInterval(sampler);

// Graceful shutdown of every portal process (SIGTERM): they should exit 0 within 30 s.
const exits = await Promise.all(processes().map(async (p) => [p.name, await stop(p.proc, 30_000, serverRss(p.proc)?.pid)]));

// ---- report -----------------------------------------------------------------------------------------------------
log("\n== Latency per page (ms, request start to last byte) ==");
log("route".padEnd(44) + "n".padStart(7) + "p50".padStart(9) + "p95".padStart(9) + "max".padStart(9));
for (const r of stats.table())
  log(
    r.route.padEnd(44) +
      String(r.n).padStart(7) +
      r.p50.toFixed(0).padStart(9) +
      r.p95.toFixed(0).padStart(9) +
      r.max.toFixed(0).padStart(9),
  );
log(`Errors (5xx, timeouts, unexpected answers): ${stats.errorCount}`);
for (const e of stats.errors) log(`  ${e}`);
targets.push(["0 errors under load", stats.errorCount === 0]);
if (stats.outageFailures.size) {
  log("Failed calls while PostgreSQL was down (expected, not counted as errors):");
  for (const [k, v] of stats.outageFailures) log(`  ${k}: ${v}`);
}

log("\n== Requests submitted or executed during the run (type, status: count, of which called AWS) ==");
for (const r of byType) log(`  ${r.type.padEnd(12)} ${r.status.padEnd(17)} ${String(r.n).padStart(5)}  (${r.called} called AWS)`);
log(`Submitted: ${[...stats.counts.submitted].map(([k, v]) => `${k} ${v}`).join(", ")}; approvals recorded: ${stats.counts.approved}`);
for (const f of failures) log(`  FAILED ${f.type} ×${f.n}: ${f.code ?? "—"} ${f.reason ?? ""}`);
if (stats.refusals.size)
  log(
    "Refused by a rule about the WorkSpace's age or state (expected, not errors): " +
      [...stats.refusals].map(([k, v]) => `${k} ${v}`).join(", "),
  );
log(
  "Drain after the load: " +
    (drained ? `every approved request terminal after ${drainSeconds.toFixed(0)} s` : "NOT drained within 5 minutes"),
);
targets.push(["every approved request terminal", drained]);
for (const r of repeated)
  log(`  ${r.type} ${r.id}: ${r.ids.length} AWS request ids (${r.ids.join(", ")}), execute job attempts ${r.attempts ?? "?"}`);
log(
  "Sandbox mutating calls during the run: " +
    (Object.entries(delta)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ") || "none"),
);
for (const [type, op] of Object.entries(OPERATION)) {
  const rows = byType.filter((r) => r.type === type);
  const succeeded = rows.filter((r) => r.status === "SUCCEEDED").reduce((s, r) => s + r.n, 0);
  // Requests that got as far as the AWS call without succeeding (failed afterwards, or still executing) may or may not
  // have made a successful call; every succeeded one made exactly one. More calls than requests that reached AWS means
  // one ran twice; fewer than succeeded means one was lost.
  const failedCalled = rows.filter((r) => r.status !== "SUCCEEDED").reduce((s, r) => s + r.called, 0);
  const unsure = unconfirmed[type] ?? 0;
  const calls = delta[op] ?? 0;
  const ok = calls >= succeeded - unsure && calls <= succeeded + failedCalled;
  log(
    `  ${type}: ${succeeded} succeeded${failedCalled ? ` + ${failedCalled} reached AWS without succeeding` : ""}` +
      `${unsure ? ` (${unsure} unconfirmed: answer lost, not sent again)` : ""}, ${op} calls ${calls} → ` +
      (ok ? "exactly once" : "MISMATCH"),
  );
  targets.push([`${type} executed exactly once`, ok]);
}

const lags = await lagReport();
const lagLine = (label, xs) =>
  xs.length
    ? `  ${label}: ${xs.length} calls, p50 ${quantile(xs, 0.5).toFixed(0)} ms, ` +
      `p95 ${quantile(xs, 0.95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`
    : `  ${label}: none`;
log("\n== Executor lag (decision, or submission when approved automatically, → AWS call) ==");
if (MODE === "chaos" && chaos.throttle) {
  const inWindow = (d) => d >= chaos.throttle.throttleFrom && d <= chaos.throttle.throttleTo;
  log(
    lagLine(
      "approved during the 30% throttling",
      lags.filter((l) => inWindow(l.d)).map((l) => l.ms),
    ),
  );
  log(
    lagLine(
      "approved outside it",
      lags.filter((l) => !inWindow(l.d)).map((l) => l.ms),
    ),
  );
} else
  log(
    lagLine(
      "all",
      lags.map((l) => l.ms),
    ),
  );

log("\n== Resident memory (largest process of each group; limit 250 MiB) ==");
// The issue's targets: a web process on PostgreSQL after its first page, and a worker, each ≤ 250 MiB. A web process
// under load holds more (its heap is capped at 384 MiB, --max-old-space-size): reported, and held to the soak's < 10%
// growth. The worker is held to the limit after its first sync and at the end; its peak is reported beside them.
for (const [i, row] of memoryStart.entries()) {
  const end = memoryEnd[i];
  const peak = Math.max(end.rss, ...(series.get(row.name) ?? []).map((x) => x.rss));
  log(`  ${row.name.padEnd(7)} after first page ${MiB(row.rss)}, at the end ${MiB(end.rss)}, at most ${MiB(peak)}`);
  if (row.name === "worker")
    targets.push(["worker ≤ 250 MiB after its first sync and at the end", row.rss <= MEMORY_LIMIT && end.rss <= MEMORY_LIMIT]);
  else targets.push([`${row.name} ≤ 250 MiB after the first page`, row.rss <= MEMORY_LIMIT]);
}
for (const [name, xs] of series) {
  if (xs.length < 2) continue;
  const rss = xs.map((x) => x.rss);
  log(
    `  ${name.padEnd(7)} ${xs.length} samples every 10 s: min ${MiB(Math.min(...rss))}, ` +
      `median ${MiB(quantile(rss, 0.5))}, max ${MiB(Math.max(...rss))}`,
  );
}
log("  from each process's /api/metrics at the end (prom-client's default metrics):");
for (const [name, m] of metricsEnd) {
  if (!m) {
    log(`    ${name}: /api/metrics did not answer`);
    continue;
  }
  const v = (metric) => m.get(metric);
  log(
    `    ${name.padEnd(7)} rss ${MiB(v("portal_process_resident_memory_bytes"))}, ` +
      `heap used ${MiB(v("portal_nodejs_heap_size_used_bytes"))} ` +
      `of ${MiB(v("portal_nodejs_heap_size_total_bytes"))}, external ${MiB(v("portal_nodejs_external_memory_bytes"))}` +
      (m.has("portal_executor_lag_seconds_count")
        ? `; executor lag mean ${((v("portal_executor_lag_seconds_sum") / v("portal_executor_lag_seconds_count")) * 1000).toFixed(0)} ms ` +
          `over ${v("portal_executor_lag_seconds_count")} calls`
        : ""),
  );
}
if (MODE === "soak") {
  log(`\n== Soak: growth after the ${WARMUP_SECONDS / 60}-minute warm-up (target < 10%) ==`);
  for (const [name, xs] of series) {
    const after = xs.filter((x) => x.t >= loadStart + WARMUP_SECONDS * 1000);
    if (after.length < 12) {
      log(`  ${name}: too few samples after the warm-up`);
      targets.push([`${name} soak growth`, false]);
      continue;
    }
    const first = quantile(
      after.slice(0, 6).map((x) => x.rss),
      0.5,
    );
    const last = quantile(
      after.slice(-6).map((x) => x.rss),
      0.5,
    );
    const growth = (last - first) / first;
    const buckets = [];
    for (let m = 0; m < LOAD_SECONDS / 60; m += 5) {
      const inBucket = xs.filter((x) => x.t >= loadStart + m * 60_000 && x.t < loadStart + (m + 5) * 60_000).map((x) => x.rss);
      if (inBucket.length) buckets.push(`${m}′ ${MiB(quantile(inBucket, 0.5))}`);
    }
    log(`  ${name.padEnd(7)} ${MiB(first)} → ${MiB(last)} (${(growth * 100).toFixed(1)}%); medians per 5 min: ${buckets.join(", ")}`);
    targets.push([`${name} grows < 10% after warm-up`, growth < 0.1]);
  }
}
if (MODE === "chaos") reportChaos();

log("\n== Graceful shutdown (SIGTERM to each server process, exit code within 30 s) ==");
log("  " + exits.map(([name, code]) => `${name}: ${code === null ? "killed after 30 s" : `exit ${code}`}`).join(", "));
for (const [name, code] of exits) {
  if (code === 0) continue;
  const p = processes().find((x) => x.name === name);
  log(`  last output of ${name}:\n${lastOutput(p.proc, 1500).replace(/^/gm, "    ")}`);
}

log("\n== Targets ==");
for (const [name, ok] of targets) log(`  ${ok ? "PASS" : "FAIL"}  ${name}`);
const passed = targets.every(([, ok]) => ok);
log(`\nbench:${MODE}: ${passed ? "PASS" : "FAIL"} (${elapsed(t0)} s in all)`);
await stop(sandbox, 5000);
cleanUpNow();
process.exit(passed ? 0 : 1);

// ---- chaos ------------------------------------------------------------------------------------------------------
async function pageProbe(w) {
  try {
    const res = await fetch(`${w.base}/`, {
      headers: { cookie: readers[0].cookie },
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    const body = await res.text();
    const heading =
      /<h1[^>]*>(.*?)<\/h1>/s
        .exec(body)?.[1]
        ?.replace(/<[^>]+>/g, "")
        .trim() ??
      /<title>(.*?)<\/title>/.exec(body)?.[1] ??
      "";
    return `${res.status} "${heading.slice(0, 60)}"`;
  } catch (e) {
    return e?.name === "TimeoutError" ? "timeout" : `network ${e?.cause?.code ?? e?.message}`;
  }
}

async function queueDepth() {
  try {
    const [{ n }] = await query(
      databaseUrl,
      `SELECT count(*)::int AS n FROM "OutboxJob" WHERE kind = 'request.execute' AND status = 'PENDING' AND "runAt" <= now()`,
    );
    return n;
  } catch {
    return NaN;
  }
}

async function runChaos() {
  const at = (seconds) => sleep(Math.max(0, loadStart + seconds * 1000 - Date.now()));

  // (a) kill -9 of the worker, then a new one.
  await at(60);
  log(`  ${elapsed(loadStart)} s: kill -9 of the worker (pid group ${worker.proc.child.pid})`);
  killGroup(worker.proc, "SIGKILL");
  await new Promise((r) => (alive(worker.proc) ? worker.proc.child.once("exit", r) : r()));
  const respawnAt = Date.now();
  worker.proc = startWorker();
  worker.generation += 1;
  await waitForHttp(worker.proc, `${workerBase}/api/ready`).catch((e) => fail(e.message));
  const readyAt = Date.now();
  let resumedAt = null;
  for (const deadline = Date.now() + 90_000; Date.now() < deadline && !resumedAt;) {
    const [{ t }] = await query(
      databaseUrl,
      `SELECT min("completedAt") AS t FROM "OutboxJob" WHERE "completedAt" > $1 AND kind = 'request.execute'`,
      [new Date(respawnAt)],
    );
    if (t) resumedAt = new Date(t).getTime();
    else await sleep(500);
  }
  chaos.worker = { readySeconds: (readyAt - respawnAt) / 1000, resumeSeconds: resumedAt ? (resumedAt - respawnAt) / 1000 : null };
  log(
    `  new worker ready after ${chaos.worker.readySeconds.toFixed(1)} s; first execute job done ` +
      `${resumedAt ? `${chaos.worker.resumeSeconds.toFixed(1)} s` : "NOT within 90 s"} after its start`,
  );

  // (b) PostgreSQL stopped for 10 s, then started.
  await at(150);
  log(`  ${elapsed(loadStart)} s: stopping PostgreSQL for 10 s`);
  stats.outage = true;
  pgCtl("stop");
  const downAt = Date.now();
  const answers = new Map();
  while (Date.now() - downAt < 10_000) {
    for (const w of webs) {
      const a = await pageProbe(w);
      answers.set(`${w.name} ${a}`, (answers.get(`${w.name} ${a}`) ?? 0) + 1);
    }
    await sleep(1000);
  }
  pgCtl("start");
  const upAt = Date.now();
  await pgReady(60_000);
  let recoveredAt = null;
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    const results = await Promise.all(webs.map(pageProbe));
    if (results.every((r) => r.startsWith("200"))) {
      recoveredAt = Date.now();
      break;
    }
    await sleep(500);
  }
  await sleep(3000); // calls that started during the outage finish
  stats.outage = null;
  chaos.postgres = {
    answers: [...answers].map(([k, v]) => `${k} ×${v}`),
    recoverySeconds: recoveredAt ? (recoveredAt - upAt) / 1000 : null,
    workerAlive: alive(worker.proc),
    websAlive: webs.map((w) => `${w.name} ${alive(w.proc) ? "running" : `exited ${w.proc.child.exitCode}`}`),
  };
  if (!alive(worker.proc)) {
    log(`  the worker exited during the PostgreSQL restart (${worker.proc.child.exitCode}); starting a new one`);
    worker.proc = startWorker();
    await waitForHttp(worker.proc, `${workerBase}/api/ready`).catch((e) => fail(e.message));
  }
  log(
    `  PostgreSQL back; pages answered 200 on both web processes ` +
      `${recoveredAt ? `${chaos.postgres.recoverySeconds.toFixed(1)} s` : "NOT within 120 s"} after it started`,
  );

  // (c) 30% throttling for 60 s.
  await at(240);
  const depthBefore = await queueDepth();
  log(`  ${elapsed(loadStart)} s: AWS throttling at 30% for 60 s (execute queue ${depthBefore})`);
  await sandboxControl("/__sandbox/faults", { throttleRate: 0.3 });
  const throttleFrom = Date.now();
  let depthMax = depthBefore;
  while (Date.now() - throttleFrom < 60_000) {
    depthMax = Math.max(depthMax, await queueDepth());
    await sleep(5000);
  }
  await sandboxControl("/__sandbox/faults", { throttleRate: 0 });
  const throttleTo = Date.now();
  let drainedAt = null;
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    if ((await queueDepth()) <= Math.max(depthBefore, 1)) {
      drainedAt = Date.now();
      break;
    }
    await sleep(1000);
  }
  const [{ n: approvedInWindow }] = await query(
    databaseUrl,
    `SELECT count(*)::int AS n FROM "Request" WHERE "requesterId" LIKE 'load-emp-%'
       AND coalesce("decidedAt", "createdAt") BETWEEN $1 AND $2 AND status NOT IN ('PENDING_APPROVAL', 'REJECTED', 'CANCELLED', 'EXPIRED')`,
    [new Date(throttleFrom), new Date(throttleTo)],
  );
  const throttled = await sandboxControl("/__sandbox/state");
  chaos.throttle = {
    throttleFrom,
    throttleTo,
    depthBefore,
    depthMax,
    drainSeconds: drainedAt ? (drainedAt - throttleTo) / 1000 : null,
    faults: throttled.faults,
    approvedInWindow,
  };
  log(
    `  throttling off; execute queue ${depthMax} at most, back to ${Math.max(depthBefore, 1)} or less ` +
      `${drainedAt ? `${chaos.throttle.drainSeconds.toFixed(0)} s` : "NOT within 120 s"} later`,
  );
}

function reportChaos() {
  log("\n== Chaos ==");
  const w = chaos.worker;
  if (w) {
    log(
      `(a) kill -9 of the worker: new worker ready in ${w.readySeconds.toFixed(1)} s, ` +
        `first execute job completed ${w.resumeSeconds?.toFixed(1) ?? "—"} s after its start`,
    );
    targets.push(["work resumes within 30 s of a new worker", w.resumeSeconds !== null && w.resumeSeconds <= 30]);
  }
  const p = chaos.postgres;
  if (p) {
    log("(b) PostgreSQL stopped 10 s; what GET / answered while it was down:");
    for (const a of p.answers) log(`      ${a}`);
    log(
      `    pages answered 200 again ${p.recoverySeconds?.toFixed(1) ?? "—"} s after PostgreSQL started; ` +
        `${p.websAlive.join(", ")}; worker ${p.workerAlive ? "kept running" : "exited"}`,
    );
    targets.push(["pages recover after a PostgreSQL restart", p.recoverySeconds !== null]);
    targets.push([
      "pages answer 503 while PostgreSQL is down",
      p.answers.some((a) => / 503 /.test(a)) && !p.answers.some((a) => / (500|502|504) /.test(a)),
    ]);
  }
  const t = chaos.throttle;
  if (t) {
    log(
      `(c) 30% throttling for 60 s: execute queue ${t.depthBefore} before, ${t.depthMax} at most, ` +
        `drained ${t.drainSeconds?.toFixed(0) ?? "—"} s after`,
    );
    // Drained: every request approved during the throttled minute reached AWS and succeeded by the end.
    const inWindow = lags.filter((l) => l.d >= t.throttleFrom && l.d <= t.throttleTo).length;
    log(`    requests approved during the throttling: ${t.approvedInWindow}, of which called AWS: ${inWindow}`);
    targets.push(["every request approved during the throttling executed", inWindow === t.approvedInWindow && drained]);
  }
}

// Executor lag (decision, or submission when approved automatically, → the AWS call), in and out of the throttled minute.
/** The unlabelled samples (and label-summed ones) of a process's /api/metrics, by metric name; null when it does not answer. */
async function metricsOf(base) {
  try {
    const res = await fetch(`${base}/api/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) return null;
    const values = new Map();
    for (const line of (await res.text()).split("\n")) {
      const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? ([-+\d.eE]+|NaN)$/.exec(line);
      if (!match || match[1].endsWith("_bucket")) continue;
      values.set(match[1], (values.get(match[1]) ?? 0) + Number(match[3]));
    }
    return values;
  } catch {
    return null;
  }
}

async function lagReport() {
  const client = await connect(databaseUrl);
  try {
    const rows = (
      await client.query(
        `SELECT extract(epoch FROM ("awsCalledAt" - coalesce("decidedAt", "createdAt"))) * 1000 AS ms,
                coalesce("decidedAt", "createdAt") AS d
         FROM "Request" WHERE "awsCalledAt" IS NOT NULL AND "requesterId" LIKE 'load-emp-%'`,
      )
    ).rows.map((r) => ({ ms: Number(r.ms), d: new Date(r.d).getTime() }));
    return rows;
  } finally {
    await client.end();
  }
}
