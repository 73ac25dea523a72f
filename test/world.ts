// A whole portal back end for integration tests: a fresh database, an in-process AWS sandbox, the real
// gateway pointed at it, the demo organization and catalog, a synced inventory and an executor.
import { createAwsGateway, type AwsGateway } from "@/lib/aws/gateway";
import { createExecutor, type ExecutorSettings } from "@/lib/server/executor";
import { ensureRecurringJobs } from "@/lib/execution/handlers/recurring";
import { syncRegion } from "@/lib/execution/sync";
import type { Worker } from "@/lib/execution/worker";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import type { FaultsInput } from "@/lib/sandbox/faults";
import { installAccountGatewayFactory, installAwsGateway } from "@/lib/aws";
import { gatewayCatalogSource, setCatalogSource } from "@/lib/core/catalog";
import { seedDemoCatalog } from "@/lib/seed/demo-catalog";
import { seedDemoOrganization } from "@/lib/seed/demo-organization";
import { createTestDatabase, type TestDatabase } from "./db";

export const REGIONS = ["us-east-1", "eu-west-1"];

export interface TestWorld {
  database: TestDatabase;
  sandbox: SandboxHandle;
  gateway: AwsGateway;
  /** Every SDK call the gateway made, in order. */
  calls: { operation: string; region: string; at: number; error?: string }[];
  executor(overrides?: Partial<ExecutorSettings>): Worker;
  people: Record<
    "alice" | "bob" | "carol" | "dave" | "erin" | "frank",
    { id: string; name: string; role: "EMPLOYEE" | "MANAGER" | "ADMIN" }
  >;
  sync(): Promise<void>;
  /** Sets the sandbox's faults (`POST /__sandbox/faults`, docs/sandbox.md); fails the test when refused. */
  setFaults(faults: FaultsInput): Promise<void>;
  close(): Promise<void>;
}

export async function createTestWorld(
  options: { clockSpeed?: number; fleetSize?: number; /** The gateway's answer timeout (default 10 s). */ gatewayTimeoutMs?: number } = {},
): Promise<TestWorld> {
  const database = await createTestDatabase();
  const sandbox = await startSandbox({ port: 0, clockSpeed: options.clockSpeed ?? 60, fleetSize: options.fleetSize ?? 10 });
  const calls: TestWorld["calls"] = [];
  const gateway = createAwsGateway({
    regions: REGIONS,
    defaultRegion: REGIONS[0]!,
    endpoints: { workspaces: sandbox.url, directoryService: sandbox.url, cloudwatch: sandbox.url },
    credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
    rateLimit: { mutatingPerSecond: 200, readPerSecond: 400, metricsPerSecond: 400 },
    maxAttempts: 6,
    ...(options.gatewayTimeoutMs ? { timeoutMs: options.gatewayTimeoutMs } : {}),
    onCall: (info) => calls.push({ operation: info.operation, region: info.region, at: Date.now(), error: info.error }),
  });
  installAwsGateway(gateway);
  // Another AWS account the admins add is reached through this sandbox's STS, as the portal reaches one in AWS.
  installAccountGatewayFactory((account) =>
    createAwsGateway({
      regions: [...account.regions],
      defaultRegion: account.regions[0] ?? REGIONS[0]!,
      endpoints: { workspaces: sandbox.url, directoryService: sandbox.url, cloudwatch: sandbox.url },
      credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
      roleArn: account.roleArn,
      externalId: account.externalId ?? undefined,
      stsEndpoint: sandbox.url,
      rateLimit: { mutatingPerSecond: 200, readPerSecond: 400, metricsPerSecond: 400 },
      maxAttempts: 6,
      onCall: (info) => calls.push({ operation: info.operation, region: info.region, at: Date.now(), error: info.error }),
    }),
  );
  setCatalogSource(gatewayCatalogSource(0));

  await seedDemoOrganization(database.prisma);
  await seedDemoCatalog(database.prisma, gateway);
  const sync = async () => {
    for (const region of REGIONS) await syncRegion(database.prisma, gateway, region, { tagBudget: 1000 });
  };
  await sync();
  await ensureRecurringJobs(database.prisma);

  const users = await database.prisma.user.findMany();
  const person = (first: string) => {
    const u = users.find((x) => x.email === `${first}@example.com`)!;
    return { id: u.id, name: u.name, role: u.role };
  };
  const workers: Worker[] = [];
  return {
    database,
    sandbox,
    gateway,
    calls,
    people: {
      alice: person("alice"),
      bob: person("bob"),
      carol: person("carol"),
      dave: person("dave"),
      erin: person("erin"),
      frank: person("frank"),
    },
    sync,
    executor(overrides = {}) {
      const worker = createExecutor({
        db: database.prisma,
        gateway: () => gateway,
        regions: REGIONS,
        leaseMs: 2_000,
        pollMs: 100,
        reconcileTimeoutMs: 60 * 60_000,
        inventorySyncMs: 60 * 60_000,
        reconcileBusyMs: 100,
        // Retries keep their doubling and jitter, on a scale that lets a test under faults end in seconds.
        retryBaseMs: 100,
        mail: { from: "portal@test" },
        ...overrides,
      });
      workers.push(worker);
      return worker;
    },
    async setFaults(faults) {
      const res = await fetch(`${sandbox.url}/__sandbox/faults`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Sandbox-Token": sandbox.controlToken },
        body: JSON.stringify(faults),
      });
      if (!res.ok) throw new Error(`The sandbox refused the faults: ${res.status} ${await res.text()}`);
    },
    async close() {
      await Promise.all(workers.map((w) => w.stop()));
      installAccountGatewayFactory(undefined);
      gateway.destroy();
      await sandbox.close();
      await database.close();
    },
  };
}

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
