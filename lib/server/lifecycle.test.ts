import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ProcessLifecycle } from "./lifecycle";

// A real node:http server stands in for Next.js's: the lifecycle finds it and its requests through Node's
// HTTP diagnostics channels, exactly as it does under `next start`.

const servers: Server[] = [];
const lifecycles: ProcessLifecycle[] = [];

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

function get(port: number, path = "/"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const lifecycle = () => {
  const l = new ProcessLifecycle().trackHttp();
  lifecycles.push(l);
  return l;
};

afterEach(() => {
  for (const l of lifecycles.splice(0)) l.untrackHttp();
  for (const s of servers.splice(0)) s.closeAllConnections();
});

describe("graceful shutdown of an HTTP process", () => {
  it("lets a request in flight finish, refuses new connections, then runs the hooks and exits 0", async () => {
    const events: string[] = [];
    const { port } = await serve((req, res) => {
      if (req.url === "/slow") setTimeout(() => res.end("slow done", () => events.push("slow response sent")), 400);
      else res.end("quick");
    });
    const l = lifecycle();
    l.onShutdown(({ graceMs }) => {
      events.push(`hook (in flight: ${l.requestsInFlight()}, grace left ${graceMs > 0 ? "some" : "none"})`);
    });
    const slow = get(port, "/slow");
    const exited = new Promise<number>((resolve) => {
      // Give the request time to arrive, then stop.
      setTimeout(() => {
        expect(l.requestsInFlight()).toBe(1);
        void l.shutdown({ graceMs: 5000, exit: resolve });
        expect(l.isDraining()).toBe(true);
        events.push("shutdown started");
      }, 100);
    });
    const code = await exited;
    expect(code).toBe(0);
    expect(await slow).toEqual({ status: 200, body: "slow done" });
    expect(events).toEqual(["shutdown started", "slow response sent", "hook (in flight: 0, grace left some)"]);
    // The listener is closed: a new connection is refused.
    await expect(get(port, "/")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("is bounded by the grace: a request that never ends does not hold the exit", async () => {
    const { port } = await serve((req, res) => {
      if (req.url === "/hang") return; // never answers
      res.end("ok");
    });
    const l = lifecycle();
    let hookGrace = -1;
    l.onShutdown(({ graceMs }) => void (hookGrace = graceMs));
    get(port, "/hang").catch(() => undefined); // ends with a socket hang-up when the server closes it
    await new Promise((r) => setTimeout(r, 100));
    expect(l.requestsInFlight()).toBe(1);
    const started = Date.now();
    const code = await new Promise<number>((resolve) => void l.shutdown({ graceMs: 300, exit: resolve }));
    const took = Date.now() - started;
    expect(code).toBe(0);
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1500);
    expect(hookGrace).toBeLessThanOrEqual(10); // nothing left of the grace for the hooks
  });

  it("with nothing in flight exits at once, and a second call is the same shutdown", async () => {
    await serve((_req, res) => res.end("ok"));
    const l = lifecycle();
    let exits = 0;
    const first = l.shutdown({ graceMs: 5000, exit: () => void (exits += 1) });
    const second = l.shutdown({ graceMs: 5000, exit: () => void (exits += 1) });
    expect(second).toBe(first);
    const started = Date.now();
    await first;
    expect(Date.now() - started).toBeLessThan(200);
    expect(exits).toBe(1);
  });

  it("does not wait for, or close, a server it was told to ignore (the embedded sandbox)", async () => {
    const front = await serve((_req, res) => res.end("page"));
    const sandbox = await serve((req, res) => {
      if (req.url === "/slow-aws-call") setTimeout(() => res.end("aws"), 3000);
      else res.end("aws");
    });
    const l = lifecycle();
    l.ignorePort(sandbox.port);
    expect((await get(front.port)).body).toBe("page");
    const call = get(sandbox.port, "/slow-aws-call");
    await new Promise((r) => setTimeout(r, 100));
    expect(l.requestsInFlight()).toBe(0);
    const started = Date.now();
    await new Promise<number>((resolve) => void l.shutdown({ graceMs: 5000, exit: resolve }));
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(get(front.port)).rejects.toThrow(/ECONNREFUSED/);
    // The sandbox still answers: the executor's calls in flight finish, and a hook closes it later.
    expect((await get(sandbox.port)).body).toBe("aws");
    expect((await call).body).toBe("aws");
  });

  it("a failing hook does not stop the later ones or the exit", async () => {
    const l = lifecycle();
    const ran: string[] = [];
    l.onShutdown(() => {
      throw new Error("executor stop failed");
    });
    l.onShutdown(() => void ran.push("close database"));
    const logged: string[] = [];
    const code = await new Promise<number>((resolve) => void l.shutdown({ graceMs: 100, exit: resolve, log: (m) => logged.push(m) }));
    expect(code).toBe(0);
    expect(ran).toEqual(["close database"]);
    expect(logged).toContain("a shutdown step failed");
  });
});

describe("signals", () => {
  it("takes the same signal arriving twice at once as one, and a later or different one as a request to hurry", async () => {
    const l = new ProcessLifecycle();
    let clock = 0;
    const exits: number[] = [];
    let release!: () => void;
    l.onShutdown(() => new Promise<void>((resolve) => (release = resolve)));
    const handle = l.installSignalHandlers({ graceMs: 60_000, exit: (code) => exits.push(code) }, () => clock);
    expect(process.listeners("SIGTERM")).toContain(handle);
    try {
      handle("SIGTERM");
      clock = 30; // relayed by a wrapper (tsx, npm) as well as sent to the process group
      handle("SIGTERM");
      expect(exits).toEqual([]);
      clock = 5_000; // someone signals again while it drains
      handle("SIGTERM");
      expect(exits).toEqual([1]);
      handle("SIGINT");
      expect(exits).toEqual([1, 1]);
    } finally {
      release?.();
      process.off("SIGTERM", handle).off("SIGINT", handle);
    }
  });
});
