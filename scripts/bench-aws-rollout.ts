// The rollout part of `npm run bench:aws` (bench-aws.ts runs it after the gateway's numbers): a staged rollout
// of a bundle's new image to 500 WorkSpaces through the real service, executor and gateway against the
// in-process sandbox, on PGlite.
//  - Calls: one RebuildWorkspaces per WorkSpace is the minimum (the API takes exactly one WorkSpace per call);
//    the gateway's and the sandbox's counts must equal it (ratio 1.00).
//  - Time: a wave can only be judged once AWS has finished rebuilding it, so the fastest possible rollout is
//    the rebuild calls at the mutating rate limit, plus one rebuild's duration per wave, plus the configured
//    pauses. The measured time (start to finished, the canary's Continue given at once) must be ≤ 1.1x that.
// Exits 1 when either is off, 2 when it does not finish in time.
import { performance } from "node:perf_hooks";
import { runInProcessBenchmark } from "./bench-in-process";

runInProcessBenchmark(import.meta.url, "bench:aws (rollout)", 8);

const WORKSPACES = 500;
const CANARY = 5;
const PAUSE_MINUTES = 0;
const MUTATING_PER_SECOND = 20;
// Sandbox minutes per real second: a rebuild (60 sandbox minutes) takes 3 s.
const CLOCK_SPEED = 1200;
const REBUILD_SECONDS = (60 * 60) / CLOCK_SPEED;
const POLL_MS = 100;
const REGION = "us-east-1";

const { createAwsGateway } = await import("@/lib/aws/gateway");
const { installAwsGateway } = await import("@/lib/aws");
const { createExecutor } = await import("@/lib/server/executor");
const { syncRegion } = await import("@/lib/execution/sync");
const { startSandbox } = await import("@/lib/sandbox");
const { gatewayCatalogSource, setCatalogSource } = await import("@/lib/core/catalog");
const { seedDemoCatalog } = await import("@/lib/seed/demo-catalog");
const { seedDemoOrganization } = await import("@/lib/seed/demo-organization");
const { continueRollout, startRollout } = await import("@/lib/services/admin/rollouts");
const { planWaves } = await import("@/lib/domain/rollout");
const { createTestDatabase } = await import("@/test/db");

const wire = new Map<string, number>();
const sandbox = await startSandbox({
  port: 0,
  clockSpeed: CLOCK_SPEED,
  fleetSize: 2000,
  onExchange: (x) => {
    if (x.operation) wire.set(x.operation, (wire.get(x.operation) ?? 0) + 1);
  },
});
const endpoints = { workspaces: sandbox.url, directoryService: sandbox.url, cloudwatch: sandbox.url };
const credentials = { accessKeyId: "sandbox", secretAccessKey: "sandbox" };
const database = await createTestDatabase();
const prisma = database.prisma;
const counted = new Map<string, number>();
const gateway = createAwsGateway({
  regions: [REGION],
  defaultRegion: REGION,
  endpoints,
  credentials,
  rateLimit: { mutatingPerSecond: MUTATING_PER_SECOND, readPerSecond: 10, metricsPerSecond: 10 },
  onCall: (info) => counted.set(info.operation, (counted.get(info.operation) ?? 0) + 1),
});
// Setting the scene is not measured: a gateway without rate limits moves WorkSpaces onto the custom bundle.
const setup = createAwsGateway({
  regions: [REGION],
  defaultRegion: REGION,
  endpoints,
  credentials,
  rateLimit: { mutatingPerSecond: Infinity, readPerSecond: Infinity, metricsPerSecond: Infinity },
});

try {
  const gw = setup.region(REGION);
  const [bundles, images] = await Promise.all([gw.bundles.describeBundles({ owner: "all" }), gw.bundles.describeImages()]);
  const custom = bundles.find((b) => b.name === "Corp-Standard-Win10")!;
  const next = images.find((i) => i.name === "corp-win10-2026")!;
  const windowsPublic = new Set(bundles.filter((b) => b.owner === "AMAZON" && !/linux/i.test(b.name)).map((b) => b.bundleId));
  // AlwaysOn WorkSpaces only: an AutoStop one could stop on its own between two looks at the fast clock.
  const chosen = (await gw.workspaces.listWorkspaces()).filter(
    (w) => w.state === "AVAILABLE" && w.runningMode === "ALWAYS_ON" && windowsPublic.has(w.bundleId),
  );
  // AWS refuses to migrate a WorkSpace younger than 12 hours (no snapshot yet): those are skipped.
  let moved = 0;
  for (let next = 0; moved < WORKSPACES;) {
    if (next >= chosen.length) throw new Error(`only ${moved} AlwaysOn Windows WorkSpaces could be migrated`);
    const batch = chosen.slice(next, next + WORKSPACES - moved);
    next += batch.length;
    const outcomes = await Promise.allSettled(batch.map((w) => gw.workspaces.migrate(w.workspaceId, custom.bundleId)));
    moved += outcomes.filter((o) => o.status === "fulfilled").length;
  }
  for (;;) {
    const ready = (await gw.workspaces.listWorkspaces()).filter((w) => w.bundleId === custom.bundleId && w.state === "AVAILABLE");
    if (ready.length >= WORKSPACES) break;
    await new Promise((r) => setTimeout(r, 500));
  }

  installAwsGateway(gateway);
  setCatalogSource(gatewayCatalogSource(0));
  await seedDemoOrganization(prisma);
  await seedDemoCatalog(prisma, setup);
  await syncRegion(prisma, setup, REGION, { tagBudget: 0 });
  const onBundle = await prisma.workspace.count({ where: { region: REGION, bundleId: custom.bundleId, goneAt: null } });
  if (onBundle !== WORKSPACES) throw new Error(`${onBundle} WorkSpaces on the custom bundle, expected ${WORKSPACES}`);
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "carol@example.com" } });

  const worker = createExecutor({
    db: prisma,
    gateway: () => gateway,
    regions: [REGION],
    leaseMs: 20_000,
    pollMs: 50,
    reconcileTimeoutMs: 60 * 60_000,
    inventorySyncMs: 60 * 60_000,
    rolloutPollMs: POLL_MS,
    mail: { from: "portal@bench" },
  });
  counted.clear();
  wire.clear();
  worker.start();

  const started = performance.now();
  const { rolloutId } = await startRollout(admin, {
    region: REGION,
    bundleId: custom.bundleId,
    imageId: next.imageId,
    method: "rebuild",
    canarySize: CANARY,
    pauseMinutes: PAUSE_MINUTES,
    failureThresholdPercent: 10,
    confirmed: true,
  });
  let status = "RUNNING";
  while (status !== "FINISHED" && status !== "STOPPED") {
    await new Promise((r) => setTimeout(r, 25));
    status = (await prisma.rollout.findUniqueOrThrow({ where: { id: rolloutId }, select: { status: true } })).status;
    if (status === "WAITING_FOR_CONTINUE") await continueRollout(admin, { rolloutId });
  }
  const elapsedMs = performance.now() - started;
  await worker.stop();

  const waves = planWaves(Array.from({ length: WORKSPACES }), CANARY).length;
  const minimumMs = ((WORKSPACES - 1) / MUTATING_PER_SECOND) * 1000 + waves * REBUILD_SECONDS * 1000 + (waves - 1) * PAUSE_MINUTES * 60_000;
  const calls = counted.get("RebuildWorkspaces") ?? 0;
  const wireCalls = wire.get("RebuildWorkspaces") ?? 0;
  const done = await prisma.rolloutItem.count({ where: { rolloutId, status: "DONE" } });
  const ratio = elapsedMs / minimumMs;
  const callRatio = calls / WORKSPACES;
  console.log("");
  console.log(
    `rollout of ${WORKSPACES} WorkSpaces (canary ${CANARY}, then waves of at most 25: ${waves} waves; pause ${PAUSE_MINUTES} min; ` +
      `${MUTATING_PER_SECOND} mutating calls/s; a rebuild takes ${REBUILD_SECONDS} s at the sandbox's clock): ${status}, ${done} done`,
  );
  console.log(
    `RebuildWorkspaces: ${calls} calls (gateway), ${wireCalls} (sandbox), minimum ${WORKSPACES} (one per WorkSpace): ` +
      `ratio ${callRatio.toFixed(2)}`,
  );
  console.log(
    `other calls: ${[...counted.entries()]
      .filter(([op]) => op !== "RebuildWorkspaces")
      .map(([op, n]) => `${op} ${n}`)
      .join(", ")}`,
  );
  console.log(
    `time: ${(elapsedMs / 1000).toFixed(2)} s vs minimum ${(minimumMs / 1000).toFixed(2)} s ` +
      `(${WORKSPACES - 1} call intervals at ${MUTATING_PER_SECOND}/s + ${waves} waves x ${REBUILD_SECONDS} s rebuild + pauses): ` +
      `ratio ${ratio.toFixed(2)}`,
  );
  const ok = status === "FINISHED" && done === WORKSPACES && calls === WORKSPACES && wireCalls === WORKSPACES && ratio <= 1.1;
  console.log(ok ? "OK: one RebuildWorkspaces per WorkSpace, within 1.1x of the minimum" : "FAILED: see the numbers above");
  process.exitCode = ok ? 0 : 1;
} finally {
  gateway.destroy();
  setup.destroy();
  await sandbox.close();
  await database.close();
}
