import "server-only";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";

// Graceful shutdown of one process. On SIGTERM (or SIGINT) the process
//   1. marks itself draining: /api/ready answers 503, so load balancers stop sending it requests;
//   2. stops accepting connections on every HTTP server it has seen serve a request;
//   3. waits for the requests in flight to finish, for at most the grace period;
//   4. runs the shutdown hooks (stop the executor, handing back jobs that overrun; close the database)
//      within what is left of the grace;
//   5. exits 0.
// Requests are tracked through Node's HTTP diagnostics channels, which see every request of every
// http.Server in the process (Next.js's own server included) and hand over the server itself, so nothing
// needs to wrap Next.js. `next start` and the standalone server exit at once on SIGTERM unless
// NEXT_MANUAL_SIG_HANDLE=true leaves the signal to this module.

type ShutdownHook = (context: { graceMs: number }) => Promise<unknown> | unknown;

interface RequestStart {
  request: IncomingMessage;
  response: ServerResponse;
  server: Server;
}

export interface ShutdownOptions {
  /** How long requests in flight and the hooks may take, together. */
  graceMs: number;
  /** Called at the end (process.exit by default). */
  exit?: (code: number) => void;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

const DUPLICATE_SIGNAL_MS = 1000;

export class ProcessLifecycle {
  private draining = false;
  private readonly inFlight = new Set<ServerResponse>();
  private readonly servers = new Set<Server>();
  private readonly hooks: ShutdownHook[] = [];
  private shuttingDown: Promise<void> | undefined;
  private idleWaiters: (() => void)[] = [];
  private tracking = false;

  private readonly ignoredPorts = new Set<number>();

  private readonly onRequestStart = (message: unknown) => {
    const { response, server } = message as RequestStart;
    const address = server?.address();
    if (address && typeof address === "object" && this.ignoredPorts.has(address.port)) return;
    if (server) this.servers.add(server);
    if (this.draining) response.setHeader("connection", "close");
    this.inFlight.add(response);
    // 'close' also comes when the client goes away before the response finished.
    response.once("close", () => this.finished(response));
  };

  private readonly onResponseFinish = (message: unknown) => this.finished((message as RequestStart).response);

  /** Starts counting the requests in flight of every HTTP server in this process. */
  trackHttp(): this {
    if (this.tracking) return this;
    this.tracking = true;
    subscribe("http.server.request.start", this.onRequestStart);
    subscribe("http.server.response.finish", this.onResponseFinish);
    return this;
  }

  untrackHttp(): void {
    if (!this.tracking) return;
    this.tracking = false;
    unsubscribe("http.server.request.start", this.onRequestStart);
    unsubscribe("http.server.response.finish", this.onResponseFinish);
  }

  /**
   * A server in this process that is not the portal's front door (the embedded AWS sandbox): its requests
   * are not waited for, and it is not closed with the listeners; a shutdown hook closes it after the executor.
   */
  ignorePort(port: number): void {
    this.ignoredPorts.add(port);
  }

  /** A server to close on shutdown even if it has not served a request yet (the worker's own). */
  addServer(server: Server): void {
    this.servers.add(server);
  }

  isDraining(): boolean {
    return this.draining;
  }

  requestsInFlight(): number {
    return this.inFlight.size;
  }

  /** Runs on shutdown, after the requests in flight, in the order registered; gets what is left of the grace. */
  onShutdown(hook: ShutdownHook): void {
    this.hooks.push(hook);
  }

  /** Drains and exits; a second call returns the shutdown already under way. */
  shutdown(options: ShutdownOptions): Promise<void> {
    this.shuttingDown ??= this.run(options);
    return this.shuttingDown;
  }

  /**
   * SIGTERM and SIGINT start the shutdown; a second signal while draining exits at once (code 1). The same
   * signal again within DUPLICATE_SIGNAL_MS is the first one arriving twice (sent to the process group and
   * also relayed by a wrapper such as tsx or npm), not a person asking to hurry, and is ignored.
   */
  installSignalHandlers(options: ShutdownOptions, now: () => number = Date.now): (signal: NodeJS.Signals) => void {
    const exit = options.exit ?? ((code: number) => process.exit(code));
    let first: { signal: NodeJS.Signals; at: number } | undefined;
    const handle = (signal: NodeJS.Signals) => {
      if (this.shuttingDown) {
        if (first && first.signal === signal && now() - first.at < DUPLICATE_SIGNAL_MS) return;
        options.log?.("second signal while shutting down: exiting now", { signal });
        exit(1);
        return;
      }
      first = { signal, at: now() };
      options.log?.("shutting down", { signal, graceMs: options.graceMs, requestsInFlight: this.inFlight.size });
      void this.shutdown(options);
    };
    process.on("SIGTERM", handle);
    process.on("SIGINT", handle);
    return handle;
  }

  private finished(response: ServerResponse): void {
    if (!this.inFlight.delete(response)) return;
    if (this.inFlight.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private idle(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async run({ graceMs, exit = (code) => process.exit(code), log }: ShutdownOptions): Promise<void> {
    const deadline = Date.now() + graceMs;
    this.draining = true;
    // close() stops accepting connections at once and lets the ones open finish; idle keep-alive
    // connections are closed now, busy ones once their response is sent (they carry Connection: close).
    for (const server of this.servers) {
      server.close();
      server.closeIdleConnections?.();
    }
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), graceMs)));
    const drained = await Promise.race([this.idle().then(() => "idle" as const), graceOver]);
    clearTimeout(timer);
    if (drained === "timeout") log?.("grace period over with requests still in flight", { requestsInFlight: this.inFlight.size });
    else log?.("requests in flight finished");
    for (const hook of this.hooks) {
      try {
        await hook({ graceMs: Math.max(0, deadline - Date.now()) });
      } catch (error) {
        log?.("a shutdown step failed", { err: error });
      }
    }
    for (const server of this.servers) server.closeAllConnections?.();
    this.untrackHttp();
    exit(0);
  }
}

// One per process, on globalThis: Next.js may load this module in more than one bundle (instrumentation,
// route handlers), and /api/ready must see the draining flag the signal handler set.
const globalForLifecycle = globalThis as unknown as { __portalLifecycle?: ProcessLifecycle };

export function processLifecycle(): ProcessLifecycle {
  globalForLifecycle.__portalLifecycle ??= new ProcessLifecycle();
  return globalForLifecycle.__portalLifecycle;
}

/** True once this process has been told to stop (SIGTERM/SIGINT): it finishes what it has and takes nothing new. */
export function isDraining(): boolean {
  return processLifecycle().isDraining();
}

/** Registers a step of the shutdown (after the requests in flight); it gets the grace left, in ms. */
export function onShutdown(hook: ShutdownHook): void {
  processLifecycle().onShutdown(hook);
}
