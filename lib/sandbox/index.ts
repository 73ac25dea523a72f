import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describeState, handleControl } from "./control";
import { SandboxEngine } from "./engine";
import { noFaults, type Faults } from "./faults";
import { handleAwsRequest, newRequestId, type Exchange } from "./server";
import { loadState, StateStore } from "./state-store";

export type { Exchange } from "./server";

export interface SandboxOptions {
  /** 0 = an ephemeral port. Default 4599. */
  port?: number;
  host?: string;
  /** Where state persists; undefined keeps it in memory only. */
  stateFile?: string;
  /** Sandbox minutes per real minute; default 60, so a 20-minute provisioning takes about 20 s. */
  clockSpeed?: number;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Generated WorkSpaces in us-east-1 on top of the demo people's (eu-west-1 gets a fifth). Default 38. */
  fleetSize?: number;
  seed?: number;
  /** Sees every AWS-surface response; the contract tests validate them against the model. */
  onExchange?: (exchange: Exchange) => void;
}

export interface SandboxHandle {
  url: string;
  port: number;
  close(): Promise<void>;
  advance(minutes: number): void;
  state(): unknown;
  mutationCount(): number;
  reset(): void;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const port = opts.port ?? 4599;
  const host = opts.host ?? "127.0.0.1";
  const credentials = opts.credentials ?? { accessKeyId: "sandbox", secretAccessKey: "sandbox" };
  const engine = new SandboxEngine({
    clockSpeed: opts.clockSpeed ?? 60,
    seed: opts.seed ?? 20260401,
    fleetSize: opts.fleetSize ?? 38,
    initial: opts.stateFile ? loadState(opts.stateFile) : undefined,
  });
  let faults: Faults = noFaults();
  const store = opts.stateFile
    ? new StateStore(opts.stateFile, () => {
        engine.tick();
        return engine.state;
      })
    : undefined;
  const persist = () => store?.schedule();
  const reset = () => {
    engine.reset();
    faults = noFaults();
    persist();
  };

  const server = createServer((req, res) => {
    const requestId = newRequestId();
    res.setHeader("x-amzn-RequestId", requestId);
    const url = new URL(req.url ?? "/", "http://sandbox.local");
    readBody(req)
      .then((body) => {
        if (url.pathname.startsWith("/__sandbox/")) {
          return handleControl({ engine, getFaults: () => faults, setFaults: (f) => (faults = f), reset, onChange: persist }, req, res, url.pathname, body);
        }
        return handleAwsRequest({ engine, credentials, faults: () => faults, onMutation: persist, onExchange: opts.onExchange }, req, res, url, body, requestId);
      })
      .catch((e: unknown) => {
        console.error("[sandbox] request failed", e);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      reject(e.code === "EADDRINUSE" ? new Error(`Sandbox: port ${port} is already in use; set SANDBOX_PORT to another port`) : e);
    });
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  if (store) store.flush();

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`,
    port: actualPort,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store?.flush();
    },
    advance(minutes: number) {
      engine.advance(minutes);
      persist();
    },
    state: () => describeState(engine, faults),
    mutationCount: () => engine.mutationCount(),
    reset,
  };
}
