import "server-only";
import { getConfig, type PortalConfig } from "../config";
import { closeDatabase, databaseKind, db, migrateEmbeddedDatabase } from "../db";
import { logger } from "../logger";
import { getAwsGateway } from "../aws";
import { stopTracing } from "../observability/start";
import { startExecutor } from "./executor";
import { processLifecycle } from "./lifecycle";
import { startWorkerHttp } from "./worker-http";
import { seedDemoCatalog } from "../seed/demo-catalog";
import { applyPolicyFile } from "../seed/policy-file";
import { seedDemoOrganization } from "../seed/demo-organization";

// instrumentation.ts's register() calls it once per Next.js server process, scripts/worker.ts once per worker.
let started: Promise<void> | undefined;

function loadConfigOrExit(): PortalConfig {
  try {
    return getConfig();
  } catch (error) {
    // Printed plainly (not as JSON) because this is what an operator reads when the server will not start.
    console.error(`\nThe portal cannot start. ${(error as Error).message}\nSee .env.example for every variable and its allowed values.\n`);
    process.exit(1);
  }
}

/**
 * With no AWS account the portal talks to the sandbox over real HTTP on SANDBOX_PORT, so the AWS CLI can
 * look at the same world (`aws --endpoint-url http://127.0.0.1:4599 workspaces describe-workspaces`).
 */
async function startEmbeddedSandbox(config: PortalConfig): Promise<{ port: number; close(): Promise<void> }> {
  const { startSandbox } = await import("../sandbox");
  try {
    const sandbox = await startSandbox({
      host: config.sandbox.host,
      port: config.sandbox.port,
      stateFile: config.sandbox.stateFile,
      clockSpeed: config.sandbox.clockSpeed,
      fleetSize: config.sandbox.fleetSize,
      credentials: config.sandbox.credentials,
      controlTokenFile: config.sandbox.tokenFile,
    });
    // In the message, not a field: the log redacts fields named like tokens, and local tools need it.
    logger().info(
      { url: sandbox.url, clockSpeed: config.sandbox.clockSpeed },
      "AWS sandbox listening; its control API (/__sandbox/*) takes loopback requests " +
        `with the header X-Sandbox-Token: ${sandbox.controlToken} (also in ${config.sandbox.tokenFile})`,
    );
    return sandbox;
  } catch (error) {
    console.error(
      `\nThe portal cannot start its AWS sandbox: ${(error as Error).message}\n` +
        `Is another portal or \`npm run sandbox\` already running? Set SANDBOX_PORT to a free port, or configure an AWS account.\n`,
    );
    process.exit(1);
  }
}

async function start(options: { workerScript: boolean }): Promise<void> {
  const config = loadConfigOrExit();
  if (config.role === "worker" && !options.workerScript) {
    console.error(
      "\nThe portal cannot start. PORTAL_ROLE=worker is for `npm run worker`, which serves no pages; " +
        "run Next.js with PORTAL_ROLE=web (pages only) or all (pages and executor).\n",
    );
    process.exit(1);
  }
  const log = logger();
  if (databaseKind() === "pglite") {
    const applied = await migrateEmbeddedDatabase();
    log.info({ applied, dir: config.database.kind === "pglite" ? config.database.dir : undefined }, "embedded database ready");
  }
  if (config.demoOrganization.seed) {
    const { created } = await seedDemoOrganization(db(), { admins: config.demoOrganization.admins });
    if (created > 0) log.info({ created }, "demo organization seeded");
  }
  if (config.policyFile && (await applyPolicyFile(db(), config.policyFile)))
    log.info({ file: config.policyFile }, "approval policy loaded from POLICY_FILE");
  // Only the all-in-one process starts the sandbox; web and worker processes share the one `npm run sandbox` runs.
  const sandbox = config.sandbox.embedded ? await startEmbeddedSandbox(config) : undefined;
  if (config.sandbox.enabled && config.role !== "web" && (await seedDemoCatalog(db(), getAwsGateway())))
    log.info("demo catalog offered to employees and contractors");
  const lifecycle = processLifecycle();
  // The executor's calls to the embedded sandbox are not requests to drain: it closes after the executor.
  if (sandbox) lifecycle.ignorePort(sandbox.port);
  if (config.executor.enabled) {
    const worker = await startExecutor({
      db: db(),
      gateway: getAwsGateway,
      regions: config.aws.regions,
      leaseMs: config.executor.leaseSeconds * 1000,
      pollMs: config.executor.pollMs,
      reconcileTimeoutMs: config.executor.reconcileTimeoutMinutes * 60_000,
      inventorySyncMs: config.executor.inventorySyncMinutes * 60_000,
      usageSyncMs: config.executor.usageSyncMinutes * 60_000,
      mail: { smtpUrl: config.mail.smtpUrl, from: config.mail.from },
      onError: (error, job) => log.warn({ err: error, jobId: job.id, kind: job.kind, attempt: job.attempts }, "job attempt failed"),
    });
    log.info({ owner: worker.owner, role: config.role }, "executor started");
    // After the requests in flight: stop claiming, let running jobs finish within the grace left, hand back the rest.
    lifecycle.onShutdown(async ({ graceMs }) => {
      const { finished, released } = await worker.stop({ graceMs });
      log.info({ finished, released }, "executor stopped");
    });
  } else log.info({ role: config.role }, "executor off in this process");
  if (config.role === "worker") {
    const http = await startWorkerHttp(config.server.workerPort);
    lifecycle.addServer(http.server);
    log.info({ port: http.port }, "worker listening for /api/health, /api/ready and /api/metrics");
  }
  if (sandbox) lifecycle.onShutdown(() => sandbox.close()); // also writes its state file
  // The spans still buffered (the exporter otherwise sends every 5 s), after the last job's.
  lifecycle.onShutdown(() => stopTracing());
  lifecycle.onShutdown(() => closeDatabase());
  // A worker always drains on SIGTERM; Next.js leaves the signal to the portal only with NEXT_MANUAL_SIG_HANDLE.
  if (config.role === "worker" || config.server.manualSignalHandling) {
    lifecycle.trackHttp();
    lifecycle.installSignalHandlers({
      graceMs: config.server.shutdownGraceMs,
      log: (message, fields) => log.info(fields ?? {}, message),
    });
  } else if (config.production && !config.embedded)
    log.warn("NEXT_MANUAL_SIG_HANDLE is not set: on SIGTERM Next.js exits at once, without finishing the requests in flight");
  if (config.auth.demoSignIn.enabled && !config.embedded) {
    log.warn(
      { reason: config.auth.demoSignIn.reason, database: config.database.kind, awsMode: config.aws.mode },
      "demo sign-in is ON outside the embedded defaults: " +
        "anyone can sign in as a demo person, without a password, against this database and AWS mode",
    );
  } else if (config.auth.demoSignIn.enabled)
    log.warn({ reason: config.auth.demoSignIn.reason }, "demo sign-in is ON: anyone can sign in as any demo person");
  else log.info({ reason: config.auth.demoSignIn.reason }, "demo sign-in is off");
  log.info(
    { oidc: config.auth.oidc ? config.auth.oidc.issuer : "off", activeDirectory: config.auth.ldap ? config.auth.ldap.url : "off" },
    "single sign-on",
  );
  log.info({ awsMode: config.aws.mode, endpoints: config.aws.endpoints, regions: config.aws.regions }, "portal started");
}

/** Runs once per process: before Next.js serves the first request (instrumentation.ts), or as the worker (scripts/worker.ts). */
export function startPortal(options: { workerScript: boolean } = { workerScript: false }): Promise<void> {
  started ??= start(options).catch((error: unknown) => {
    console.error(`\nThe portal cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  });
  return started;
}
