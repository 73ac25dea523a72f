import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ssoConfig, ssoEnvShape } from "./sso";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "expected true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const port = z.coerce
  .number({ error: "expected a port number" })
  .int("expected a whole number")
  .min(0, "expected a port between 0 and 65535")
  .max(65535, "expected a port between 0 and 65535");

const regionList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((r) => r.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "expected AWS Region codes such as us-east-1")).min(1));

const httpUrl = z.url({ protocol: /^https?$/, error: "expected an http(s) URL" });

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORTAL_DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z.string().optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 33`)").optional(),
  AUTH_URL: httpUrl.optional(),
  DEMO_SIGN_IN: bool.optional(),
  DEMO_SIGN_IN_ON_REAL_DATABASE: z.literal("i-understand", { error: "expected i-understand (or leave it unset)" }).optional(),
  HEALTH_DETAILS_TOKEN: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 33`)").optional(),
  METRICS_TOKEN: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 33`)").optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default("workspaces-portal"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PORTAL_AWS_MODE: z.enum(["sandbox", "aws"]).optional(),
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "expected an AWS Region code such as us-east-1")
    .optional(),
  WORKSPACES_REGIONS: regionList.optional(),
  AWS_ENDPOINT_URL_WORKSPACES: httpUrl.optional(),
  AWS_ENDPOINT_URL_DIRECTORY_SERVICE: httpUrl.optional(),
  AWS_ENDPOINT_URL_CLOUDWATCH: httpUrl.optional(),
  // AWS allows 50 GetMetricData calls per second per account and Region, shared with other tools.
  CLOUDWATCH_CALLS_PER_SECOND: z.coerce.number({ error: "expected calls per second" }).positive().max(50).default(5),
  AWS_ROLE_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "expected an IAM role ARN")
    .optional(),
  PORTAL_URL: httpUrl.optional(),
  POLICY_FILE: z.string().min(1).optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "expected an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().min(3).default("WorkSpaces Portal <workspaces-portal@localhost>"),
  EMAIL_LINK_TTL_HOURS: z.coerce.number({ error: "expected a number of hours" }).int().positive().max(720).default(72),
  // Calls a minute per REST API token, and the burst allowed on top once those are spent (per five minutes).
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: "expected calls a minute" }).int().min(1).max(1_000_000).default(300),
  API_RATE_LIMIT_BURST: z.coerce.number({ error: "expected a number of calls" }).int().min(0).max(1_000_000).default(60),
  // all: pages and the executor in one process; web: pages, actions and the API only; worker: the executor only.
  PORTAL_ROLE: z.enum(["all", "web", "worker"], { error: "expected all, web or worker" }).default("all"),
  WORKER_PORT: port.default(3001),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number({ error: "expected seconds" }).int().min(0).max(600).default(20),
  // Read by Next.js itself: set, `next start` leaves SIGTERM to the portal, which drains before it exits.
  NEXT_MANUAL_SIG_HANDLE: z.string().optional(),
  EXECUTOR_ENABLED: bool.default(true),
  EXECUTOR_POLL_MS: z.coerce.number({ error: "expected milliseconds" }).int().min(100).max(60_000).default(2000),
  // 20 s: a dead worker's job is taken over within lease + one poll (about 22 s), inside the 30 s promise.
  EXECUTOR_LEASE_SECONDS: z.coerce.number({ error: "expected seconds" }).int().min(5).max(600).default(20),
  RECONCILE_TIMEOUT_MINUTES: z.coerce.number({ error: "expected minutes" }).positive().default(120),
  INVENTORY_SYNC_MINUTES: z.coerce.number({ error: "expected minutes" }).positive().default(10),
  // Default: hourly in sandbox mode, every 6 hours against AWS (CloudWatch bills GetMetricData by metric).
  USAGE_SYNC_MINUTES: z.coerce.number({ error: "expected minutes" }).positive().optional(),
  SANDBOX_HOST: z.string().min(1).default("127.0.0.1"),
  SANDBOX_PORT: port.default(4599),
  SANDBOX_CLOCK_SPEED: z.coerce.number({ error: "expected a number" }).positive("expected a positive number").default(60),
  SANDBOX_FLEET_SIZE: z.coerce.number({ error: "expected a number of WorkSpaces" }).int().min(0).max(100_000).default(38),
  SANDBOX_ACCESS_KEY_ID: z.string().min(1).default("sandbox"),
  SANDBOX_SECRET_ACCESS_KEY: z.string().min(1).default("sandbox"),
  ...ssoEnvShape,
});

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid environment variable ${variable}: ${detail}`);
    this.name = "ConfigError";
  }
}

function describeDatabase(url: string | undefined) {
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: "postgres" as const, url };
  return { kind: "pglite" as const, url: undefined };
}

/** Reads AUTH_SECRET from the data directory, creating it on first start, so embedded mode needs no set-up. */
function embeddedAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(33).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
  return secret;
}

/**
 * Without PORTAL_AWS_MODE only the embedded defaults pick a mode: the sandbox. Credentials are never
 * guessed from variable names, because the SDK's default chain also finds instance roles, EKS Pod
 * Identity and SSO that no variable announces.
 */
function defaultAwsMode(e: z.infer<typeof envSchema>, database: "pglite" | "postgres"): "sandbox" {
  if (database === "postgres") {
    throw new ConfigError(
      "PORTAL_AWS_MODE",
      "must be set with a PostgreSQL DATABASE_URL: aws to manage real WorkSpaces with the AWS SDK's default credentials, " +
        "or sandbox to run the built-in emulator and write its demo catalog into that database",
    );
  }
  const awsSetting = (
    ["AWS_ENDPOINT_URL_WORKSPACES", "AWS_ENDPOINT_URL_DIRECTORY_SERVICE", "AWS_ENDPOINT_URL_CLOUDWATCH", "AWS_ROLE_ARN"] as const
  ).find((name) => e[name]);
  if (awsSetting)
    throw new ConfigError("PORTAL_AWS_MODE", `must be set when ${awsSetting} is: aws to use it, or sandbox to run the built-in emulator`);
  return "sandbox";
}

export function loadConfig(env: Env) {
  // Empty strings in .env files mean "unset", as in most twelve-factor tools.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? "environment"), issue.message);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.PORTAL_DATA_DIR);
  const database = describeDatabase(e.DATABASE_URL);

  const awsMode = e.PORTAL_AWS_MODE ?? defaultAwsMode(e, database.kind);
  const sandboxUrl = `http://${e.SANDBOX_HOST}:${e.SANDBOX_PORT}`;
  const defaultRegion = e.AWS_REGION ?? "us-east-1";
  const regions = e.WORKSPACES_REGIONS ?? (awsMode === "sandbox" ? ["us-east-1", "eu-west-1"] : [defaultRegion]);

  const embedded = database.kind === "pglite" && awsMode === "sandbox";
  const role = e.PORTAL_ROLE;
  // The embedded PGlite serves one process, so splitting the roles needs a database server.
  if (role !== "all" && database.kind === "pglite")
    throw new ConfigError(
      "PORTAL_ROLE",
      `${role} needs a PostgreSQL DATABASE_URL: the embedded database serves one process, ` +
        "so web and worker processes must share PostgreSQL (or leave PORTAL_ROLE unset to run everything in one process)",
    );
  const production = e.NODE_ENV === "production";

  let demoSignIn: { enabled: boolean; reason: string };
  if (e.DEMO_SIGN_IN === true) {
    // Demo sign-in needs no password, so on a real organisation it takes a second, deliberate setting.
    if (!embedded && e.DEMO_SIGN_IN_ON_REAL_DATABASE !== "i-understand") {
      throw new ConfigError(
        "DEMO_SIGN_IN_ON_REAL_DATABASE",
        "must be i-understand to turn on DEMO_SIGN_IN with a PostgreSQL DATABASE_URL or PORTAL_AWS_MODE=aws: " +
          "demo sign-in lets anyone sign in as a demo person without a password",
      );
    }
    demoSignIn = embedded
      ? { enabled: true, reason: "DEMO_SIGN_IN=true" }
      : { enabled: true, reason: "DEMO_SIGN_IN=true and DEMO_SIGN_IN_ON_REAL_DATABASE=i-understand, outside the embedded defaults" };
  } else if (e.DEMO_SIGN_IN === false) demoSignIn = { enabled: false, reason: "DEMO_SIGN_IN=false" };
  else if (!embedded)
    demoSignIn = {
      enabled: false,
      reason: "a database or AWS account is configured; demo sign-in is only on by default with the embedded defaults",
    };
  else if (production)
    demoSignIn = {
      enabled: false,
      reason:
        "NODE_ENV=production: demo sign-in lets anyone sign in as any seeded person, " +
        "so it stays off in production unless DEMO_SIGN_IN=true enables it on purpose",
    };
  else demoSignIn = { enabled: true, reason: "embedded defaults in development" };

  const sso = ssoConfig(e);
  if (!sso.ok) throw new ConfigError(sso.error.variable, sso.error.detail);
  // Without it the redirect URI would be guessed from each request's Host header, and a provider only
  // accepts the one registered with it.
  if (sso.value.oidc && !e.AUTH_URL)
    throw new ConfigError("AUTH_URL", "is required with OIDC sign-in: the provider's redirect URI is <AUTH_URL>/api/auth/callback/oidc");

  let authSecret = e.AUTH_SECRET;
  if (!authSecret) {
    if (!embedded && production) throw new ConfigError("AUTH_SECRET", "is required in production with a real database or AWS account");
    authSecret = embeddedAuthSecret(dataDir);
  }

  return {
    nodeEnv: e.NODE_ENV,
    production,
    embedded,
    dataDir,
    database: database.kind === "pglite" ? { kind: "pglite" as const, dir: path.join(dataDir, "pglite") } : database,
    auth: {
      secret: authSecret,
      url: e.AUTH_URL,
      demoSignIn,
      // Behind a TLS-terminating proxy the server itself sees plain HTTP, so the public URL (or, without
      // one, production) decides; a browser would drop Secure cookies on a public http:// URL anyway.
      secureCookies: e.AUTH_URL ? e.AUTH_URL.startsWith("https:") : production,
      oidc: sso.value.oidc,
      ldap: sso.value.ldap,
      groups: sso.value.groups,
    },
    health: { detailsToken: e.HEALTH_DETAILS_TOKEN },
    // Without a token /api/metrics answers 404, so the metrics are never open by accident.
    metrics: { token: e.METRICS_TOKEN },
    // Tracing starts only when an OTLP endpoint is set; the SDK is not even loaded otherwise.
    tracing: { otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME },
    api: { rateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE, rateLimitBurst: e.API_RATE_LIMIT_BURST },
    // Demo sign-in needs its people; outside the embedded defaults none of them is created as an admin.
    demoOrganization: { seed: embedded || demoSignIn.enabled, admins: embedded },
    logLevel: e.LOG_LEVEL,
    policyFile: e.POLICY_FILE ? path.resolve(e.POLICY_FILE) : undefined,
    portalUrl: (e.PORTAL_URL ?? e.AUTH_URL ?? "http://localhost:3000").replace(/\/$/, ""),
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, linkTtlHours: e.EMAIL_LINK_TTL_HOURS },
    /** Which parts this process runs (see docs/architecture.md, "Process roles"). */
    role,
    /** Web: the HTTP server of the pages; worker: the executor's port for health, readiness and metrics. */
    server: {
      workerPort: e.WORKER_PORT,
      shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
      manualSignalHandling: Boolean(e.NEXT_MANUAL_SIG_HANDLE),
    },
    executor: {
      /** Off in the web role: the jobs and schedules belong to the worker processes. */
      enabled: e.EXECUTOR_ENABLED && role !== "web",
      pollMs: e.EXECUTOR_POLL_MS,
      leaseSeconds: e.EXECUTOR_LEASE_SECONDS,
      reconcileTimeoutMinutes: e.RECONCILE_TIMEOUT_MINUTES,
      inventorySyncMinutes: e.INVENTORY_SYNC_MINUTES,
      usageSyncMinutes: e.USAGE_SYNC_MINUTES ?? (awsMode === "sandbox" ? 60 : 360),
    },
    aws: {
      mode: awsMode,
      defaultRegion,
      regions,
      roleArn: e.AWS_ROLE_ARN,
      endpoints: {
        workspaces: awsMode === "sandbox" ? sandboxUrl : e.AWS_ENDPOINT_URL_WORKSPACES,
        directoryService: awsMode === "sandbox" ? sandboxUrl : e.AWS_ENDPOINT_URL_DIRECTORY_SERVICE,
        cloudwatch: awsMode === "sandbox" ? sandboxUrl : e.AWS_ENDPOINT_URL_CLOUDWATCH,
      },
      cloudwatchCallsPerSecond: e.CLOUDWATCH_CALLS_PER_SECOND,
    },
    sandbox: {
      /** The sandbox (and its control API) runs only in sandbox mode, never beside real AWS. */
      enabled: awsMode === "sandbox",
      /** Only the all-in-one process starts the sandbox itself; web and worker use `npm run sandbox` at SANDBOX_HOST:SANDBOX_PORT. */
      embedded: awsMode === "sandbox" && role === "all",
      host: e.SANDBOX_HOST,
      port: e.SANDBOX_PORT,
      url: sandboxUrl,
      clockSpeed: e.SANDBOX_CLOCK_SPEED,
      fleetSize: e.SANDBOX_FLEET_SIZE,
      stateFile: path.join(dataDir, "sandbox-state.json"),
      /** Where the portal writes the control API's per-process token for local tools (scripts, e2e). */
      tokenFile: path.join(dataDir, "sandbox-token"),
      credentials: { accessKeyId: e.SANDBOX_ACCESS_KEY_ID, secretAccessKey: e.SANDBOX_SECRET_ACCESS_KEY },
    },
  };
}

export type PortalConfig = ReturnType<typeof loadConfig>;
