import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";

import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { createTestDatabase, postgresTier, type TestDatabase } from "@/test/db";
import { freePort } from "@/test/free-port";

// The real `npm run worker` process against a PostgreSQL database and a sandbox of its own: it answers its
// probes, runs the schedules, and on SIGTERM exits 0 within the grace, leaving no job leased to itself.
// A worker needs PostgreSQL (the embedded database serves one process), so this runs in the PostgreSQL tier.

const METRICS_TOKEN = "metrics-token-for-the-worker-process-test-0123";
const GRACE_SECONDS = 5;

function workerScript(): string {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  expect(scripts.worker).toMatch(/^tsx .*scripts\/worker\.ts$/);
  return scripts.worker!;
}

describe.skipIf(!postgresTier())("the worker process (npm run worker)", () => {
  let database: TestDatabase;
  let sandbox: SandboxHandle;
  let worker: ChildProcess;
  let port: number;
  let output = "";
  const exited = { code: undefined as number | null | undefined, at: 0 };

  beforeAll(async () => {
    database = await createTestDatabase();
    sandbox = await startSandbox({ port: 0, clockSpeed: 60, fleetSize: 5 });
    port = await freePort();
    // package.json's `worker` script, run as npm runs it but without npm in between: npm dies of the
    // signal itself instead of reporting the worker's exit code (a container runs the command directly too).
    const [command, ...args] = workerScript().split(" ");
    worker = spawn(command!, args, {
      // Its own process group, so the test can signal tsx and node together, as a terminal or a container
      // runtime does.
      detached: true,
      env: {
        ...process.env,
        PATH: `${path.resolve("node_modules/.bin")}${path.delimiter}${process.env.PATH}`,
        PORTAL_ROLE: "web", // overridden: npm run worker is always a worker
        DATABASE_URL: database.url,
        PORTAL_AWS_MODE: "sandbox",
        SANDBOX_HOST: "127.0.0.1",
        SANDBOX_PORT: String(new URL(sandbox.url).port),
        WORKER_PORT: String(port),
        PORTAL_DATA_DIR: mkdtempSync(path.join(tmpdir(), "portal-worker-")),
        SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
        EXECUTOR_POLL_MS: "200",
        METRICS_TOKEN,
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    worker.on("exit", (code) => Object.assign(exited, { code, at: Date.now() }));
  }, 60_000);

  afterAll(async () => {
    if (worker?.pid && exited.code === undefined) process.kill(-worker.pid, "SIGKILL");
    await sandbox?.close();
    await database?.close();
  });

  const get = (route: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}${route}`, { headers, signal: AbortSignal.timeout(5000) });

  it("becomes ready: database, migrations and AWS", async () => {
    const deadline = Date.now() + 45_000;
    let last = "";
    for (;;) {
      if (exited.code !== undefined) throw new Error(`the worker exited (${exited.code}):\n${output}`);
      try {
        const response = await get("/api/ready");
        last = `${response.status} ${await response.text()}`;
        if (response.status === 200) break;
      } catch (error) {
        last = (error as Error).message;
      }
      if (Date.now() > deadline) throw new Error(`not ready in time: ${last}\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(JSON.parse(last.slice(4))).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", aws: "ok" } });
  }, 60_000);

  it("serves only health, readiness and metrics (behind the bearer token)", async () => {
    expect((await get("/api/health")).status).toBe(200);
    expect(await (await get("/api/health")).json()).toEqual({ status: "ok" });
    expect((await get("/api/metrics")).status).toBe(401);
    const metrics = await get("/api/metrics", { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain/);
    for (const route of ["/", "/workspaces", "/api/v1/workspaces", "/api/healthz"]) expect((await get(route)).status, route).toBe(404);
  });

  it("runs the executor: the schedules are queued and the inventory is synced from the sandbox", async () => {
    const prisma = database.prisma;
    const deadline = Date.now() + 30_000;
    while ((await prisma.workspace.count()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await prisma.workspace.count()).toBeGreaterThan(0);
    expect(await prisma.outboxJob.count({ where: { dedupeKey: { startsWith: "recurring:" } } })).toBe(7);
  }, 40_000);

  it("on SIGTERM stops, exits 0 within the grace and keeps no lease", async () => {
    const sent = Date.now();
    process.kill(-worker.pid!, "SIGTERM");
    const deadline = sent + (GRACE_SECONDS + 5) * 1000;
    while (exited.code === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(exited.code, output).toBe(0);
    const took = exited.at - sent;
    expect(took).toBeLessThan(GRACE_SECONDS * 1000 + 2000);
    console.log(`[worker process] SIGTERM to exit 0: ${took} ms`);
    expect(output).toContain('"msg":"shutting down"');
    expect(output).toContain('"msg":"executor stopped"');
    // Every job is finished or handed back: none keeps a lease of the process that left.
    expect(await database.prisma.outboxJob.count({ where: { leaseOwner: { not: null }, status: "PENDING" } })).toBe(0);
    await expect(get("/api/health")).rejects.toThrow();
  }, 30_000);
});
