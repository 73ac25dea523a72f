import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { createAwsGateway, type AwsGateway, type AwsGatewayOptions, type RegionGateway } from "../gateway";
import type { CallInfo } from "../types";

/** One HTTP request as it reached the sandbox: what the gateway really sent, retries included. */
export interface Arrival {
  operation: string;
  at: number;
  status?: number;
  errorType?: string;
}

export interface SandboxHarness {
  sandbox: SandboxHandle;
  gateway: AwsGateway;
  region: RegionGateway;
  /** Requests seen on the wire, stamped on arrival by a proxy in front of the sandbox. */
  arrivals: Arrival[];
  /** Calls the gateway reported through onCall. */
  calls: CallInfo[];
  wireCount(operation: string): number;
  setFaults(faults: Record<string, unknown>): Promise<void>;
  clear(): void;
  close(): Promise<void>;
}

// The proxy stamps each request as it arrives, independently of the gateway's own bookkeeping,
// so the rate-limit and call-count tests measure what AWS would see.
function startRecordingProxy(target: string, arrivals: Arrival[]): Promise<Server> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const target = String(req.headers["x-amz-target"] ?? "");
    const arrival: Arrival = { operation: target.slice(target.lastIndexOf(".") + 1), at: performance.now() };
    if (!req.url?.startsWith("/__sandbox/")) arrivals.push(arrival);
    const forward = request(
      { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        arrival.status = answer.statusCode;
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          const body = Buffer.concat(chunks);
          if ((answer.statusCode ?? 200) >= 400) {
            try {
              arrival.errorType = (JSON.parse(body.toString("utf8")) as { __type?: string }).__type;
            } catch {
              arrival.errorType = "unparsable";
            }
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(body);
        });
      },
    );
    forward.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export async function startSandboxHarness(options: { fleetSize: number; gateway?: Partial<AwsGatewayOptions> }): Promise<SandboxHarness> {
  const sandbox = await startSandbox({ port: 0, fleetSize: options.fleetSize, clockSpeed: 60 });
  const arrivals: Arrival[] = [];
  const calls: CallInfo[] = [];
  const proxy = await startRecordingProxy(sandbox.url, arrivals);
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const gateway = createAwsGateway({
    regions: ["us-east-1", "eu-west-1"],
    defaultRegion: "us-east-1",
    endpoints: { workspaces: proxyUrl, directoryService: proxyUrl, cloudwatch: proxyUrl },
    credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
    ...options.gateway,
    onCall: (info) => {
      calls.push(info);
      options.gateway?.onCall?.(info);
    },
  });
  return {
    sandbox,
    gateway,
    region: gateway.region("us-east-1"),
    arrivals,
    calls,
    wireCount: (operation) => arrivals.filter((a) => a.operation === operation).length,
    async setFaults(faults) {
      const res = await fetch(`${sandbox.url}/__sandbox/faults`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Sandbox-Token": sandbox.controlToken },
        body: JSON.stringify(faults),
      });
      if (!res.ok) throw new Error(`sandbox refused faults: ${res.status} ${await res.text()}`);
    },
    clear() {
      arrivals.length = 0;
      calls.length = 0;
    },
    async close() {
      gateway.destroy();
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        proxy.closeAllConnections();
      });
      await sandbox.close();
    },
  };
}
