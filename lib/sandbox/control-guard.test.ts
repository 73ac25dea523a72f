import { DescribeWorkspacesCommand, WorkSpacesClient } from "@aws-sdk/client-workspaces";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTROL_BODY_LIMIT, isLoopbackHost } from "./control-guard";
import { startSandbox, type SandboxHandle } from "./index";
import { CREDENTIALS } from "./test-helpers";

let sandbox: SandboxHandle;
const tokenFile = path.join(mkdtempSync(path.join(tmpdir(), "sandbox-token-")), "data", "sandbox-token");

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, clockSpeed: 0, controlTokenFile: tokenFile });
});
afterAll(() => sandbox.close());

interface Sent {
  status: number;
  body: string;
}

/**
 * A raw HTTP request, so the test controls Host and can send a body that is declared (or streamed) far
 * larger than what it writes before the answer comes: the refusal must not wait for the whole body.
 */
function send(
  pathname: string,
  o: { method?: string; headers?: Record<string, string | number>; body?: string; declaredLength?: number; chunked?: boolean } = {},
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...o.headers };
    if (o.declaredLength !== undefined) headers["content-length"] = o.declaredLength;
    else if (o.body !== undefined && !o.chunked) headers["content-length"] = Buffer.byteLength(o.body);
    const req = request({ host: "127.0.0.1", port: sandbox.port, path: pathname, method: o.method ?? "POST", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    if (o.body !== undefined) req.write(o.body);
    // A request declared larger than it is, or streamed, stays open: the server must answer first.
    if (o.declaredLength === undefined && !o.chunked) req.end();
  });
}

const withToken = (headers: Record<string, string> = {}) => ({ "x-sandbox-token": sandbox.controlToken, ...headers });

describe("isLoopbackHost", () => {
  it.each(["127.0.0.1", "127.0.0.1:4599", "127.1.2.3:80", "localhost", "LOCALHOST:3000", "[::1]", "[::1]:4599"])("accepts %s", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    undefined,
    "",
    "evil.example",
    "evil.example:4599",
    "127.0.0.1.evil.example",
    "localhost.evil.example",
    "128.0.0.1",
    "127.0.0.256",
    "0.0.0.0:4599",
    "[::2]",
    "10.0.0.1",
    "localhost:4599@evil",
  ])("refuses %s", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe("control API", () => {
  it("answers a loopback request that carries the token", async () => {
    const res = await send("/__sandbox/state", { method: "GET", headers: withToken({ host: `127.0.0.1:${sandbox.port}` }) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toHaveProperty("mutationCount");
  });

  it("refuses a DNS-rebinding Host", async () => {
    const res = await send("/__sandbox/reset", { headers: withToken({ host: `evil.example:${sandbox.port}` }), body: "{}" });
    expect(res.status).toBe(403);
    expect(res.body).toContain("loopback");
  });

  it("refuses any request from a web page, even a same-origin one", async () => {
    for (const origin of ["https://evil.example", `http://127.0.0.1:${sandbox.port}`, "null"]) {
      const res = await send("/__sandbox/faults", {
        headers: withToken({ host: "localhost", origin, "content-type": "text/plain" }),
        body: '{"errorRate":1}',
      });
      expect(res.status).toBe(403);
    }
    const state = JSON.parse((await send("/__sandbox/state", { method: "GET", headers: withToken({ host: "localhost" }) })).body) as {
      faults: { errorRate: number };
    };
    expect(state.faults.errorRate).toBe(0);
  });

  it("refuses a request without the token or with a wrong one", async () => {
    expect((await send("/__sandbox/reset", { headers: { host: "127.0.0.1" }, body: "{}" })).status).toBe(401);
    expect((await send("/__sandbox/reset", { headers: { host: "127.0.0.1", "x-sandbox-token": "guess" }, body: "{}" })).status).toBe(401);
    expect(
      (await send("/__sandbox/reset", { headers: { host: "127.0.0.1", "x-sandbox-token": sandbox.controlToken.slice(1) }, body: "{}" }))
        .status,
    ).toBe(401);
  });

  it("gives each start its own token and writes it, readable only by its owner, for local tools", async () => {
    const other = await startSandbox({ port: 0, clockSpeed: 0 });
    try {
      expect(other.controlToken).not.toBe(sandbox.controlToken);
      expect(other.controlToken.length).toBeGreaterThanOrEqual(32);
    } finally {
      await other.close();
    }
    expect(readFileSync(tokenFile, "utf8").trim()).toBe(sandbox.controlToken);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
  });

  it("refuses a body declared larger than 64 kB before reading it", async () => {
    const res = await send("/__sandbox/faults", {
      headers: withToken({ host: "127.0.0.1" }),
      declaredLength: 20 * 1024 * 1024,
      body: '{"errorRate":',
    });
    expect(res.status).toBe(413);
  });

  it("refuses a streamed body once it grows past 64 kB", async () => {
    const res = await send("/__sandbox/faults", {
      headers: withToken({ host: "127.0.0.1" }),
      chunked: true,
      body: " ".repeat(CONTROL_BODY_LIMIT + 1),
    });
    expect(res.status).toBe(413);
  });

  it("still takes a body just under the limit", async () => {
    const body = JSON.stringify({ latencyMs: 0 }).padEnd(CONTROL_BODY_LIMIT - 1, " ");
    expect((await send("/__sandbox/faults", { headers: withToken({ host: "127.0.0.1" }), body })).status).toBe(200);
  });
});

describe("AWS surface", () => {
  it("keeps answering SDK calls, which carry no token", async () => {
    const client = new WorkSpacesClient({ endpoint: sandbox.url, region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1 });
    expect((await client.send(new DescribeWorkspacesCommand({ Limit: 1 }))).Workspaces).toHaveLength(1);
  });

  it("refuses a body larger than 1 MiB", async () => {
    const res = await send("/", {
      headers: { host: "127.0.0.1", "x-amz-target": "WorkspacesService.DescribeWorkspaces" },
      declaredLength: 20 * 1024 * 1024,
      body: "{",
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ __type: "RequestEntityTooLargeException" });
  });
});
