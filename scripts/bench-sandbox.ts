// Requests per second for DescribeWorkspaces pages of 25 on a generated 10,000-WorkSpace fleet,
// through the real SDK client against the in-process sandbox. `npm run bench:sandbox`.
import { DescribeWorkspacesCommand, WorkSpacesClient } from "@aws-sdk/client-workspaces";
import { startSandbox } from "../lib/sandbox";

const FLEET = Number(process.env.BENCH_FLEET_SIZE || 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY || "1,8,32").split(",").map(Number);

async function run(client: WorkSpacesClient, concurrency: number): Promise<{ requests: number; workspaces: number; latencies: number[] }> {
  const deadline = Date.now() + SECONDS * 1000;
  const latencies: number[] = [];
  let workspaces = 0;
  const worker = async () => {
    let token: string | undefined;
    while (Date.now() < deadline) {
      const started = performance.now();
      const page = await client.send(new DescribeWorkspacesCommand({ Limit: 25, NextToken: token }));
      latencies.push(performance.now() - started);
      workspaces += page.Workspaces?.length ?? 0;
      token = page.NextToken;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { requests: latencies.length, workspaces, latencies };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const seedStarted = performance.now();
  const sandbox = await startSandbox({ port: 0, fleetSize: FLEET });
  console.log(
    `sandbox with ${FLEET} generated WorkSpaces (+ demo) ready in ${(performance.now() - seedStarted).toFixed(0)} ms at ${sandbox.url}`,
  );
  const client = new WorkSpacesClient({
    endpoint: sandbox.url,
    region: "us-east-1",
    credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
    maxAttempts: 1,
  });
  await run(client, 1); // warm-up: JIT, connection pool
  for (const concurrency of CONCURRENCY) {
    const { requests, workspaces, latencies } = await run(client, concurrency);
    const sorted = latencies.sort((a, b) => a - b);
    console.log(
      `concurrency ${String(concurrency).padStart(2)}: ${(requests / SECONDS).toFixed(0).padStart(5)} requests/s ` +
        `(${(workspaces / SECONDS).toFixed(0)} WorkSpaces/s), ` +
        `latency p50 ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms`,
    );
  }
  await sandbox.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
