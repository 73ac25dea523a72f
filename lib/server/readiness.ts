import "server-only";
import { getAwsGateway, type AwsGateway } from "../aws";
import { getConfig } from "../config";
import { db } from "../db";
import { readMigrations } from "../db/migrations";
import { logger } from "../logger";
import { isDraining } from "./lifecycle";

// Readiness (/api/ready): may this process be sent work? Liveness (/api/health) only says it runs.
// Ready means: not shutting down, the database answers, every migration in prisma/migrations is applied,
// and, for the roles that run the executor, the AWS endpoint answers. A load balancer or Kubernetes
// takes a process out of rotation while it answers 503, and back when it answers 200 again.

export type CheckResult = { ok: true } | { ok: false; reason: string };

export interface Readiness {
  ready: boolean;
  status: "ready" | "not ready" | "draining";
  checks: Record<string, "ok" | string>;
}

const TIMEOUT_MS = 2000;
const AWS_CACHE_MS = 5000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

// The migrations shipped with this build do not change while it runs.
let shipped: string[] | undefined;

export async function checkDatabase(): Promise<CheckResult> {
  try {
    await withTimeout(db().$queryRaw`SELECT 1`, "the database");
    return { ok: true };
  } catch (error) {
    logger().warn({ err: error }, "readiness: database unreachable");
    return { ok: false, reason: "database unreachable" };
  }
}

export async function checkMigrations(): Promise<CheckResult> {
  shipped ??= readMigrations().map((m) => m.name);
  let applied: Set<string>;
  try {
    const rows = await withTimeout(
      db().$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      "the database",
    );
    applied = new Set(rows.map((r) => r.migration_name));
  } catch {
    return { ok: false, reason: "the migrations table cannot be read (run npm run db:migrate)" };
  }
  const missing = shipped.filter((name) => !applied.has(name));
  if (missing.length === 0) return { ok: true };
  const names = missing.slice(0, 3).join(", ") + (missing.length > 3 ? ", …" : "");
  return {
    ok: false,
    reason: `${missing.length} migration(s) not applied (${names}); run npm run db:migrate`,
  };
}

/**
 * Whether AWS answers this process's gateway: one cheap read (the WorkSpaces directories of the default
 * Region), through the same endpoint, credentials and rate limits the executor's calls use.
 */
export async function checkAws(gateway: AwsGateway): Promise<CheckResult> {
  try {
    await withTimeout(gateway.region().directories.describeDirectories(), "AWS");
    return { ok: true };
  } catch (error) {
    logger().warn({ err: error }, "readiness: AWS unreachable");
    return { ok: false, reason: "AWS endpoint unreachable or refusing the portal's credentials" };
  }
}

let awsCache: { gateway: AwsGateway; at: number; result: Promise<CheckResult> } | undefined;

/** Cached for a few seconds, so frequent probes do not each make an AWS call. */
function cachedAwsCheck(gateway: AwsGateway, now = Date.now()): Promise<CheckResult> {
  if (!awsCache || awsCache.gateway !== gateway || now - awsCache.at > AWS_CACHE_MS)
    awsCache = { gateway, at: now, result: checkAws(gateway) };
  return awsCache.result;
}

export async function checkReadiness(): Promise<Readiness> {
  if (isDraining()) return { ready: false, status: "draining", checks: { draining: "shutting down: finishing the work in flight" } };
  const config = getConfig();
  const database = await checkDatabase();
  const checks: Record<string, CheckResult> = {
    database,
    migrations: database.ok ? await checkMigrations() : { ok: false, reason: "database unreachable" },
  };
  if (config.executor.enabled) checks.aws = await cachedAwsCheck(getAwsGateway());
  const ready = Object.values(checks).every((c) => c.ok);
  return {
    ready,
    status: ready ? "ready" : "not ready",
    checks: Object.fromEntries(Object.entries(checks).map(([name, c]) => [name, c.ok ? "ok" : c.reason])),
  };
}

/** The readiness as an HTTP answer: 200 when ready, else 503 with what is not ready. */
export async function readinessResponse(): Promise<Response> {
  const readiness = await checkReadiness();
  return Response.json(
    { status: readiness.status, checks: readiness.checks },
    { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}

/** Liveness: the process runs and its database answers (the body says no more). */
export async function livenessResponse(): Promise<Response> {
  const database = await checkDatabase();
  return Response.json(
    { status: database.ok ? "ok" : "degraded" },
    { status: database.ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
