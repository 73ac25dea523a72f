#!/usr/bin/env node
// The smoke test of what the container image runs: the standalone build (scripts/build-standalone.mjs, into
// .next-standalone), its bundled migrate command on a fresh PostgreSQL database, the bundled sandbox as its
// own process, and `node server.js` as a web instance. Checks health, the sign-in page, a demo sign-in and
// the home page, the OpenAPI document, the API reference with its assets, the static files, and that
// SIGTERM ends the server with exit code 0. Runs from a copy of the standalone tree outside the checkout,
// so nothing can be picked up from the source tree's node_modules.
//
//   node scripts/smoke-standalone.mjs [--no-build]
//
// The database server is TEST_DATABASE_URL's (CI sets it); without it, postgres://portal:portal@127.0.0.1:5432
// is tried, and the test is skipped with a message when nothing answers there.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const distDir = process.env.SMOKE_DIST_DIR ?? ".next-standalone";
const serverUrl = new URL(process.env.TEST_DATABASE_URL ?? "postgres://portal:portal@127.0.0.1:5432/postgres");
const started = Date.now();
const log = (message) => console.log(`[smoke ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

async function reachable(url) {
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return null;
  } catch (error) {
    return error.message;
  }
}

const unreachable = await reachable(serverUrl);
if (unreachable) {
  const message = `no PostgreSQL server answers at ${serverUrl.host} (${unreachable})`;
  if (process.env.TEST_DATABASE_URL) {
    console.error(`[standalone smoke] TEST_DATABASE_URL is set but ${message}.`);
    process.exit(1);
  }
  console.log(`\n[standalone smoke] SKIPPED: ${message}. Start one (pg_ctlcluster 15 main start) or set TEST_DATABASE_URL.\n`);
  process.exit(0);
}

const build = spawnSync("node", ["scripts/build-standalone.mjs", ...(process.argv.includes("--no-build") ? ["--no-build"] : [])], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_DIST_DIR: distDir },
});
if (build.status !== 0) process.exit(build.status ?? 1);
log("standalone build ready");

const workDir = mkdtempSync(path.join(os.tmpdir(), "portal-smoke-"));
const app = path.join(workDir, "app");
cpSync(path.join(root, distDir, "standalone"), app, { recursive: true });

const database = `portal_smoke_${randomBytes(5).toString("hex")}`;
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${database}`;
const children = [];
let failed = false;
let relay;

async function admin(sql) {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP relay to the database server, which the test cuts (every connection reset) and restores: an outage. */
async function databaseRelay(target) {
  const sockets = new Set();
  let server;
  let port = 0;
  const open = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
    port = server.address().port;
  };
  await open();
  const url = new URL(target);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    restore: open,
    async cut() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    close: () =>
      new Promise((resolve) => (server.listening ? server.close(resolve) : resolve())).then(() => sockets.forEach((s) => s.destroy())),
  };
}

function start(name, args, env) {
  const child = spawn("node", args, {
    cwd: app,
    env: { PATH: process.env.PATH, HOME: workDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.output = "";
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (child.output += chunk));
  child.exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  child.label = name;
  children.push(child);
  return child;
}

async function waitFor(what, check, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${child.label} exited (${child.exitCode}) before ${what}:\n${child.output}`);
    try {
      if (await check()) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s:\n${child.output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
  log(`ok  ${message}`);
}

/** Cookies from Set-Cookie headers, merged into a jar. */
function remember(jar, response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
  }
}
const cookieHeader = (jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

try {
  await admin(`CREATE DATABASE ${database}`);
  const migrate = spawnSync("node", ["scripts/migrate.mjs"], {
    cwd: app,
    encoding: "utf8",
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl.toString() },
  });
  expect(
    migrate.status === 0 && /Applied \d+ migration/.test(migrate.stdout),
    `the bundled migrate command migrates ${database}: ${migrate.stdout.trim()}${migrate.stderr}`,
  );

  const sandboxPort = await freePort();
  const sandbox = start("sandbox", ["scripts/sandbox.mjs"], { SANDBOX_PORT: String(sandboxPort), SANDBOX_STATE_FILE: "none" });
  await waitFor("the sandbox listens", () => /listening on/.test(sandbox.output), sandbox);
  log(`sandbox on ${sandboxPort}`);

  // The web instance reaches PostgreSQL through a relay, so the test can take the database away from it.
  relay = await databaseRelay(databaseUrl);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // What the image sets (Dockerfile), and what docs/deploy.md asks of every web and worker process.
  const portalEnv = {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_MANUAL_SIG_HANDLE: "true",
    DATABASE_URL: databaseUrl.toString(),
    PORTAL_AWS_MODE: "sandbox",
    SANDBOX_PORT: String(sandboxPort),
    PORTAL_DATA_DIR: path.join(workDir, "data"),
    AUTH_SECRET: randomBytes(33).toString("base64url"),
    AUTH_URL: base,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  const boot = Date.now();
  const server = start("server.js", ["server.js"], {
    ...portalEnv,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    PORTAL_ROLE: "web",
    DATABASE_URL: relay.url,
    DEMO_SIGN_IN: "true",
    DEMO_SIGN_IN_ON_REAL_DATABASE: "i-understand",
  });
  await waitFor("server.js answers /api/health", async () => (await fetch(`${base}/api/health`)).status === 200, server);
  expect(true, `/api/health answers 200 (${Date.now() - boot} ms after start)`);

  const signin = await fetch(`${base}/signin`);
  const signinHtml = await signin.text();
  expect(signin.status === 200 && signinHtml.includes("Bob Martinez"), "/signin renders with the demo people");
  const script = signinHtml.match(/\/_next\/static\/[^"']+\.js/)?.[0];
  const asset = script && (await fetch(`${base}${script}`));
  expect(asset?.status === 200, `a static script of the page is served (${script})`);

  const jar = new Map();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  remember(jar, csrf);
  const { csrfToken } = await csrf.json();
  const callback = await fetch(`${base}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email: "bob@example.com", callbackUrl: `${base}/` }),
  });
  remember(jar, callback);
  expect(callback.status === 302 && [...jar.keys()].some((k) => k.includes("session-token")), "a demo sign-in sets a session");

  const home = await fetch(`${base}/`, { headers: { cookie: cookieHeader(jar) }, redirect: "manual" });
  const homeHtml = await home.text();
  expect(home.status === 200 && homeHtml.includes("Bob"), "the home page renders for the signed-in person");

  const openapi = await fetch(`${base}/api/v1/openapi.json`);
  expect(openapi.status === 200 && typeof (await openapi.json()).openapi === "string", "/api/v1/openapi.json answers the OpenAPI document");
  const docs = await fetch(`${base}/api/docs`);
  expect(docs.status === 200 && (await docs.text()).includes("swagger-ui-bundle.js"), "/api/docs renders the API reference");
  for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
    const response = await fetch(`${base}/api/docs/assets/${file}?v=5.35.0`);
    const size = (await response.arrayBuffer()).byteLength;
    expect(response.status === 200 && size > 10_000, `/api/docs/assets/${file} is served from the standalone tree (${size} bytes)`);
  }

  // A database outage: pages answer the friendly 503 (after at most a few failing requests), then recover
  // on their own once the server is back, without a restart.
  await relay.cut();
  let outage;
  let outageHtml = "";
  for (let attempt = 0; attempt < 10 && outage?.status !== 503; attempt++) {
    outage = await fetch(`${base}/`, { headers: { cookie: cookieHeader(jar) }, redirect: "manual" });
    outageHtml = await outage.text();
    log(`    during the outage, request ${attempt + 1} answered ${outage.status}`);
  }
  expect(
    outage.status === 503 && outage.headers.get("retry-after") === "30" && outageHtml.includes("briefly unavailable"),
    "while the database is unreachable, pages answer the friendly 503 with Retry-After",
  );
  const apiOutage = await fetch(`${base}/api/v1/workspaces`);
  expect(
    apiOutage.status === 503 && apiOutage.headers.get("content-type") === "application/problem+json",
    "and the REST API a problem+json 503",
  );
  await relay.restore();
  const back = Date.now();
  let recovered;
  while (Date.now() - back < 15_000) {
    recovered = await fetch(`${base}/`, { headers: { cookie: cookieHeader(jar) }, redirect: "manual" });
    if (recovered.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(recovered.status === 200, `pages recover on their own ${Date.now() - back} ms after the database is back`);

  const rss = spawnSync("ps", ["-o", "rss=", "-p", String(server.pid)], { encoding: "utf8" }).stdout.trim();
  if (rss) log(`server.js resident memory after these pages: ${Math.round(Number(rss) / 1024)} MiB`);

  const stopping = Date.now();
  server.kill("SIGTERM");
  const exit = await Promise.race([server.exited, new Promise((resolve) => setTimeout(() => resolve({ code: "timeout" }), 45_000))]);
  expect(exit.code === 0, `SIGTERM ends server.js with exit code 0 (got ${exit.code ?? exit.signal}, ${Date.now() - stopping} ms)`);

  // The worker entry of the image, when scripts/worker.ts exists (build-standalone.mjs bundles it).
  if (existsSync(path.join(app, "scripts", "worker.mjs"))) {
    const workerPort = await freePort();
    const worker = start("worker", ["scripts/worker.mjs"], { ...portalEnv, WORKER_PORT: String(workerPort) });
    await waitFor("the worker is ready", async () => (await fetch(`http://127.0.0.1:${workerPort}/api/ready`)).status === 200, worker);
    expect(true, "the bundled worker (scripts/worker.mjs) answers /api/ready with 200");
    worker.kill("SIGTERM");
    const workerExit = await Promise.race([
      worker.exited,
      new Promise((resolve) => setTimeout(() => resolve({ code: "timeout" }), 45_000)),
    ]);
    expect(workerExit.code === 0, `SIGTERM ends the worker with exit code 0 (got ${workerExit.code ?? workerExit.signal})`);
  }
  log("standalone smoke test passed");
} catch (error) {
  failed = true;
  console.error(`\n[standalone smoke] FAILED: ${error.message}\n`);
  for (const child of children) if (child.exitCode === null) console.error(`--- ${child.label} output ---\n${child.output.slice(-4000)}`);
} finally {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all(children.map((child) => child.exited));
  await relay?.close();
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch((error) =>
    console.warn(`could not drop ${database}: ${error.message}`),
  );
  if (existsSync(workDir)) rmSync(workDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
