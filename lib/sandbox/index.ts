import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { describeState, handleControl } from "./control";
import { AWS_BODY_LIMIT, BodyTooLarge, CONTROL_BODY_LIMIT, controlRefusal, readBody } from "./control-guard";
import { SandboxEngine } from "./engine";
import { noFaults, type Faults } from "./faults";
import { SandboxIdentities } from "./identities";
import { handleAwsRequest, newRequestId, type Exchange } from "./server";
import { loadState, StateStore } from "./state-store";
import { handleStsRequest, isQueryRequest } from "./sts";

export type { Exchange } from "./server";
export { CONTROL_TOKEN_HEADER, isLoopbackHost } from "./control-guard";
export { PRIMARY_ACCOUNT_ID, SANDBOX_ROLES, SECOND_ACCOUNT_CREDENTIALS, SECOND_ACCOUNT_ID } from "./world/accounts";

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
  /** The control API's token (X-Sandbox-Token header); a random one per start when omitted. */
  controlToken?: string;
  /** Where to write the control token for local tools (mode 0600); not written when omitted. */
  controlTokenFile?: string;
}

export interface SandboxHandle {
  url: string;
  port: number;
  /** Send it as the X-Sandbox-Token header on every /__sandbox/* request. */
  controlToken: string;
  close(): Promise<void>;
  advance(minutes: number): void;
  state(): unknown;
  mutationCount(): number;
  reset(): void;
}

function refuse(res: ServerResponse, status: number, body: Record<string, unknown>, contentType = "application/json"): void {
  const text = JSON.stringify(body);
  // The unread rest of a refused body is not worth keeping the connection for.
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(text), Connection: "close" });
  res.end(text);
}

function writeTokenFile(file: string, token: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, token + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const port = opts.port ?? 4599;
  const host = opts.host ?? "127.0.0.1";
  const credentials = opts.credentials ?? { accessKeyId: "sandbox", secretAccessKey: "sandbox" };
  const controlToken = opts.controlToken ?? randomBytes(24).toString("base64url");
  const identities = new SandboxIdentities(credentials);
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
    const control = url.pathname.startsWith("/__sandbox/");
    if (control) {
      const refusal = controlRefusal(req, controlToken);
      if (refusal) return refuse(res, refusal.status, { error: refusal.error });
    }
    readBody(req, control ? CONTROL_BODY_LIMIT : AWS_BODY_LIMIT)
      .then((body) => {
        if (control) {
          return handleControl(
            { engine, getFaults: () => faults, setFaults: (f) => (faults = f), reset, onChange: persist },
            req,
            res,
            url.pathname,
            body,
          );
        }
        if (isQueryRequest(req)) return handleStsRequest(identities, req, res, url, body, requestId);
        return handleAwsRequest(
          { engine, credentials, identities, faults: () => faults, onMutation: persist, onExchange: opts.onExchange },
          req,
          res,
          url,
          body,
          requestId,
        );
      })
      .catch((e: unknown) => {
        if (e instanceof BodyTooLarge) {
          if (control) return refuse(res, 413, { error: e.message });
          return refuse(
            res,
            413,
            { __type: "RequestEntityTooLargeException", message: `Request ${e.message}.` },
            "application/x-amz-json-1.1",
          );
        }
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
  if (opts.controlTokenFile) writeTokenFile(opts.controlTokenFile, controlToken);

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`,
    port: actualPort,
    controlToken,
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
