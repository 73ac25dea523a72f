import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";

import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Change } from "@/lib/domain";
import { enqueueJob } from "@/lib/core/outbox";
import { Worker, type JobHandler } from "@/lib/execution/worker";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { decideRequest } from "@/lib/services/requests/decide";
import { submitRequest } from "@/lib/services/requests/submit";
import { createTestDatabase, postgresTier, type TestDatabase } from "@/test/db";
import { freePort } from "@/test/free-port";
import { tcpRelay, type TcpRelay } from "@/test/tcp-relay";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";

// The real `npm run worker` process rides out a PostgreSQL outage: it reaches the database through a TCP
// relay that the test cuts for five seconds, as a server restart looks to it. The process stays up, answers
// /api/ready with 503 while the database is unreachable, and once it is back takes the job of a change
// approved during the cut and runs it exactly once. PostgreSQL tier only, like worker-process.int.test.ts.

const CUT_MS = 5000;
const LARGER: Record<string, string> = { VALUE: "STANDARD", STANDARD: "PERFORMANCE", PERFORMANCE: "POWER", POWER: "POWERPRO" };

function workerCommand(): string[] {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  return scripts.worker!.split(" ");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!postgresTier())("the worker process through a database outage", () => {
  let world: TestWorld;
  let link: TcpRelay;
  let worker: ChildProcess;
  let port: number;
  let output = "";
  const exited = { code: undefined as number | null | undefined, signal: undefined as NodeJS.Signals | null | undefined };

  beforeAll(async () => {
    world = await createTestWorld({ clockSpeed: 60, fleetSize: 5 });
    link = await tcpRelay(new URL(world.database.url!));
    port = await freePort();
    const [command, ...args] = workerCommand();
    worker = spawn(command!, args, {
      detached: true,
      env: {
        ...process.env,
        PATH: `${path.resolve("node_modules/.bin")}${path.delimiter}${process.env.PATH}`,
        DATABASE_URL: link.url,
        PORTAL_AWS_MODE: "sandbox",
        SANDBOX_HOST: "127.0.0.1",
        SANDBOX_PORT: String(new URL(world.sandbox.url).port),
        WORKER_PORT: String(port),
        PORTAL_DATA_DIR: mkdtempSync(path.join(tmpdir(), "portal-worker-outage-")),
        SHUTDOWN_GRACE_SECONDS: "5",
        EXECUTOR_POLL_MS: "200",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    worker.on("exit", (code, signal) => Object.assign(exited, { code, signal }));
  }, 60_000);

  afterAll(async () => {
    if (worker?.pid && exited.code === undefined) process.kill(-worker.pid, "SIGKILL");
    await link?.cut().catch(() => {});
    await world?.close();
  });

  const ready = async (): Promise<{ status: number; body: string }> => {
    const response = await fetch(`http://127.0.0.1:${port}/api/ready`, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: await response.text() };
  };
  const alive = () => {
    if (exited.code !== undefined) throw new Error(`the worker exited (${exited.code ?? exited.signal}):\n${output}`);
  };

  it("stays up, is not ready while the database is cut off, and then runs what was approved meanwhile exactly once", async () => {
    const prisma = world.database.prisma;
    await eventually(
      async () => {
        alive();
        return (await ready().catch(() => ({ status: 0 }))).status === 200;
      },
      45_000,
      "the worker to become ready",
    );

    const { alice, bob, carol } = world.people;
    // A larger bundle costs more, so it waits for approval (her manager's, and an admin's above the threshold).
    const workspace = await prisma.workspace.findFirstOrThrow({
      where: { ownerId: alice.id, state: "AVAILABLE", computeType: { in: Object.keys(LARGER) } },
    });
    const asked = await submitRequest(alice, {
      change: { type: "computeType", workspaceId: workspace.id, computeType: LARGER[workspace.computeType!]! } as Change,
      justification: "approved while the worker cannot reach the database",
    });
    if (!asked.ok) throw new Error(JSON.stringify(asked.reasons));
    expect(asked.status).toBe("PENDING_APPROVAL");
    const modifications = () =>
      (world.sandbox.state() as { mutatingCalls: Record<string, number> }).mutatingCalls.ModifyWorkspaceProperties ?? 0;
    const modifiedBefore = modifications();

    // The server goes away under the worker's pooled connections, as in a restart.
    await link.cut();
    const cutAt = Date.now();
    // Approved (through the test's own connection) while the worker cannot see it.
    let status: string = asked.status;
    for (const approver of [bob, carol]) {
      if (status !== "PENDING_APPROVAL") break;
      status = (await decideRequest(approver, { requestId: asked.requestId, decision: "APPROVED", channel: "WEB" })).status;
    }
    expect(status).toBe("APPROVED");
    expect(await prisma.outboxJob.count({ where: { dedupeKey: `execute:${asked.requestId}` } })).toBe(1);

    const duringCut: number[] = [];
    while (Date.now() - cutAt < CUT_MS) {
      alive();
      duringCut.push((await ready()).status);
      await sleep(500);
    }
    alive();
    expect(duringCut.length).toBeGreaterThan(3);
    expect(new Set(duringCut)).toEqual(new Set([503]));
    expect(JSON.parse((await ready()).body)).toMatchObject({ status: "not ready", checks: { database: "database unreachable" } });
    // Nothing ran: the job is still waiting, unclaimed by a worker that could not reach it.
    expect(modifications()).toBe(modifiedBefore);

    await link.restore();
    const restoredAt = Date.now();
    await eventually(
      async () => {
        alive();
        return (await ready()).status === 200;
      },
      20_000,
      "the worker to be ready again",
    );
    const readyAfterMs = Date.now() - restoredAt;
    await eventually(async () => modifications() > modifiedBefore || (alive(), false), 30_000, "the approved change to reach AWS");
    const calledAfterMs = Date.now() - restoredAt;
    const request = await eventually(
      async () => {
        alive();
        const row = await prisma.request.findUniqueOrThrow({ where: { id: asked.requestId } });
        return ["SUCCEEDED", "FAILED"].includes(row.status) ? row : null;
      },
      30_000,
      "the approved change to run",
    );
    const doneAfterMs = Date.now() - restoredAt;
    console.log(
      `[worker outage] after the database returned: ready again in ${readyAfterMs} ms, ` +
        `the approved change sent to AWS in ${calledAfterMs} ms and recorded done in ${doneAfterMs} ms`,
    );
    expect(request.status, request.failureReason ?? "").toBe("SUCCEEDED");
    expect(modifications() - modifiedBefore).toBe(1);
    const job = await prisma.outboxJob.findUniqueOrThrow({ where: { dedupeKey: `execute:${asked.requestId}` } });
    expect(job).toMatchObject({ status: "DONE", attempts: 1 });
    // Logged once when the claims started failing, and once when they succeeded again.
    expect(output.match(/"msg":"database unreachable: the executor claims no jobs[^"]*"/g)).toHaveLength(1);
    expect(output.match(/"msg":"database reachable again: the executor claims jobs again"/g)).toHaveLength(1);
    alive();
  }, 120_000);
});

/** The database client with a switch: while `down`, the statements the worker's queue makes fail as an unreachable server's do. */
function switchable(prisma: PrismaClient) {
  const state = { down: false, claims: 0 };
  const unreachable = () => Promise.reject(Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" }));
  const wrap = <T extends object>(target: T, failing: Set<PropertyKey>): T =>
    new Proxy(target, {
      get(obj, prop) {
        const value = Reflect.get(obj, prop, obj) as unknown;
        if (prop === "outboxJob") return wrap(value as object, new Set(["updateMany", "findMany", "findUnique"]));
        if (typeof value !== "function") return value;
        if (prop === "$queryRaw") state.claims += 1;
        return state.down && failing.has(prop) ? unreachable : (value as (...a: unknown[]) => unknown).bind(obj);
      },
    });
  return { db: wrap(prisma, new Set(["$queryRaw", "$executeRaw", "$transaction"])), state };
}

// The same in one process, on both tiers: the poll loop, and a job whose outcome cannot be recorded.
describe("a worker whose database stops answering", () => {
  let database: TestDatabase;
  const worker = { current: undefined as Worker | undefined };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await worker.current?.stop();
    await database?.close();
  });

  it("backs off while claims fail, claims again once they succeed, and runs again a job whose outcome it could not record", async () => {
    const prisma = database.prisma;
    const { db, state } = switchable(prisma);
    const runs: number[] = [];
    const errors: unknown[] = [];
    const handlers: Record<string, JobHandler> = {
      "mail.send": {
        async run(job) {
          runs.push(job.attempts);
          // The first run's work is done, and then the server goes away before it is recorded.
          if (runs.length === 1) state.down = true;
        },
      },
    };
    worker.current = new Worker({
      db,
      handlers,
      owner: "outage-worker",
      leaseMs: 400,
      pollMs: 20,
      maxPollBackoffMs: 200,
      onError: (error) => errors.push(error),
    });
    await enqueueJob(prisma, { kind: "mail.send", payload: {} });
    worker.current.start();
    await eventually(async () => state.down, 5000, "the first run");

    // No process-ending rejection (Vitest fails the run on one); the polls back off instead of every 20 ms.
    const claimsBefore = state.claims;
    await sleep(1500);
    const claimsDuring = state.claims - claimsBefore;
    expect(worker.current.failing).toBe(true);
    expect(claimsDuring).toBeGreaterThan(2);
    expect(claimsDuring).toBeLessThan(25);
    // Neither done nor rescheduled: recording the outcome failed, and so did the retry's reschedule.
    expect(errors.length).toBeGreaterThanOrEqual(1);
    const job = await prisma.outboxJob.findFirstOrThrow({ where: { kind: "mail.send" } });
    expect(job).toMatchObject({ status: "PENDING", leaseOwner: "outage-worker", attempts: 1 });

    state.down = false;
    // Once the lease has run out, the next claim (a higher token) runs the job again and records it.
    const done = await eventually(
      async () => {
        const row = await prisma.outboxJob.findUniqueOrThrow({ where: { id: job.id } });
        return row.status === "DONE" ? row : null;
      },
      10_000,
      "the job to be done",
    );
    expect(worker.current.failing).toBe(false);
    expect(runs).toEqual([1, 2]); // each claim counts an attempt
    expect(done.attempts).toBe(2);
  }, 20_000);
});
