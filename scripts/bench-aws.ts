// npm run bench:aws — the AWS gateway against the in-process sandbox with a 10,000-WorkSpace fleet,
// at the default client-side rate limits. Prints calls per operation against the API minimum and
// the full inventory's time against the rate-limited minimum; exits non-zero if either is off.
import { createAwsGateway } from "@/lib/aws/gateway";
import { minimumCalls, type BatchedOperation } from "@/lib/aws/batching";
import { DEFAULT_RATE_LIMIT } from "@/lib/aws/rate-limit";
import { startSandbox } from "@/lib/sandbox";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const FLEET_SIZE = 10_000;
// Real WorkSpaces answers in tens of milliseconds; a small latency keeps the run short while still
// making every call a real round trip.
const SANDBOX_LATENCY_MS = 5;

const wireCalls = new Map<string, number>();
const sandbox = await startSandbox({
  port: 0,
  fleetSize: FLEET_SIZE,
  clockSpeed: 1,
  onExchange: (x) => {
    if (x.operation) wireCalls.set(x.operation, (wireCalls.get(x.operation) ?? 0) + 1);
  },
});
await fetch(`${sandbox.url}/__sandbox/faults`, {
  method: "POST",
  headers: { "Content-Type": "application/json", "X-Sandbox-Token": sandbox.controlToken },
  body: JSON.stringify({ latencyMs: SANDBOX_LATENCY_MS }),
});

const gatewayCalls = new Map<string, number>();
const gateway = createAwsGateway({
  regions: ["us-east-1"],
  defaultRegion: "us-east-1",
  endpoints: { workspaces: sandbox.url, directoryService: sandbox.url },
  credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
  onCall: (info) => gatewayCalls.set(info.operation, (gatewayCalls.get(info.operation) ?? 0) + 1),
});
const region = gateway.region();

interface Row {
  operation: string;
  items: number;
  minimum: number;
}
const rows: Row[] = [];
const seconds = (ms: number) => (ms / 1000).toFixed(2);

try {
  console.log(
    `Sandbox with ${FLEET_SIZE.toLocaleString("en")} generated WorkSpaces at ${sandbox.url}, latency ${SANDBOX_LATENCY_MS} ms; ` +
      `rate limits ${DEFAULT_RATE_LIMIT.mutatingPerSecond}/s mutating, ${DEFAULT_RATE_LIMIT.readPerSecond}/s read.`,
  );

  const inventoryStarted = performance.now();
  const fleet = await region.workspaces.listWorkspaces();
  const inventoryMs = performance.now() - inventoryStarted;
  const pages = Math.ceil(fleet.length / 25);
  rows.push({ operation: "DescribeWorkspaces", items: fleet.length, minimum: pages });
  const inventoryCalls = gatewayCalls.get("DescribeWorkspaces") ?? 0;
  const inventoryMinimumMs = (pages / DEFAULT_RATE_LIMIT.readPerSecond) * 1000;

  const ids = (state: string, n: number) =>
    fleet
      .filter((ws) => ws.state === state)
      .slice(0, n)
      .map((ws) => ws.workspaceId);
  const autoStop = (state: string, n: number) =>
    fleet
      .filter((ws) => ws.state === state && ws.runningMode === "AUTO_STOP")
      .slice(0, n)
      .map((ws) => ws.workspaceId);
  // Reboot AlwaysOn WorkSpaces and stop AutoStop ones, so no WorkSpace gets two changes at once.
  const alwaysOnAvailable = fleet
    .filter((ws) => ws.state === "AVAILABLE" && ws.runningMode === "ALWAYS_ON")
    .slice(0, 1000)
    .map((ws) => ws.workspaceId);
  const batches: [BatchedOperation, string[], (ids: string[]) => Promise<unknown>][] = [
    ["RebootWorkspaces", alwaysOnAvailable, (x) => region.workspaces.reboot(x)],
    ["StopWorkspaces", autoStop("AVAILABLE", 500), (x) => region.workspaces.stop(x)],
    ["StartWorkspaces", autoStop("STOPPED", 500), (x) => region.workspaces.start(x)],
    ["RebuildWorkspaces", ids("ERROR", 10), (x) => region.workspaces.rebuild(x)],
    ["DescribeWorkspacesConnectionStatus", fleet.slice(0, 2500).map((ws) => ws.workspaceId), (x) => region.workspaces.connectionStatus(x)],
  ];
  const describeIds = fleet.slice(0, 2500).map((ws) => ws.workspaceId);

  const batchStarted = performance.now();
  await Promise.all([...batches.map(([, items, run]) => run(items)), region.workspaces.getWorkspaces(describeIds)]);
  const batchMs = performance.now() - batchStarted;
  for (const [operation, items] of batches) rows.push({ operation, items: items.length, minimum: minimumCalls(operation, items.length) });
  // The inventory's pages and the by-id describes share the DescribeWorkspaces counter.
  rows[0] = {
    operation: "DescribeWorkspaces",
    items: fleet.length + describeIds.length,
    minimum: pages + minimumCalls("DescribeWorkspaces", describeIds.length),
  };

  console.log("");
  console.log("operation                            items   calls (gateway)   calls (sandbox)   minimum   ratio");
  let ok = true;
  for (const row of rows) {
    const calls = gatewayCalls.get(row.operation) ?? 0;
    const wire = wireCalls.get(row.operation) ?? 0;
    const ratio = row.minimum === 0 ? 1 : calls / row.minimum;
    if (ratio !== 1 || wire !== calls) ok = false;
    console.log(
      `${row.operation.padEnd(36)} ${String(row.items).padStart(6)}   ${String(calls).padStart(15)}   ` +
        `${String(wire).padStart(15)}   ${String(row.minimum).padStart(7)}   ${ratio.toFixed(2)}`,
    );
  }
  const inventoryRatio = inventoryMs / inventoryMinimumMs;
  if (inventoryCalls !== pages || inventoryRatio > 1.1) ok = false;
  console.log("");
  console.log(
    `full inventory: ${fleet.length} WorkSpaces in ${inventoryCalls} pages (minimum ${pages}), ${seconds(inventoryMs)} s ` +
      `vs rate-limited minimum ${seconds(inventoryMinimumMs)} s (${pages} pages / ${DEFAULT_RATE_LIMIT.readPerSecond} per s): ` +
      `ratio ${inventoryRatio.toFixed(2)}`,
  );
  console.log(`batched operations above (all at once, sharing the Region's gates): ${seconds(batchMs)} s`);
  console.log(ok ? "OK: calls at the minimum, inventory within 1.1x of the rate-limited minimum" : "FAILED: see the ratios above");
  process.exitCode = ok ? 0 : 1;
} finally {
  gateway.destroy();
  await sandbox.close();
}

// The staged rollout of 500 WorkSpaces runs in a process of its own (it loads the portal's server modules).
if (!process.env.BENCH_AWS_SKIP_ROLLOUT) {
  const rollout = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./bench-aws-rollout.ts", import.meta.url))], {
    stdio: "inherit",
  });
  if (rollout.status !== 0) process.exitCode = 1;
}
