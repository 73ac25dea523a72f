import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeWorkspacesCommand, TerminateWorkspacesCommand } from "@aws-sdk/client-workspaces";
import { describe, expect, it } from "vitest";
import { startSandbox } from "./index";
import { awsError, awsErrorName, CREDENTIALS, sandboxPerFile } from "./test-helpers";

const t = sandboxPerFile();

async function raw(target: string | undefined, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(t.sandbox.url, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-amz-json-1.1", ...(target ? { "x-amz-target": target } : {}), ...headers },
  });
  return { status: res.status, requestId: res.headers.get("x-amzn-requestid"), body: (await res.json()) as Record<string, unknown> };
}

describe("authentication", () => {
  it("accepts a request signed with the sandbox credentials and returns a request id", async () => {
    const out = await t.ws().send(new DescribeWorkspacesCommand({ Limit: 1 }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses an unsigned request with MissingAuthenticationTokenException", async () => {
    const res = await raw("WorkspacesService.DescribeWorkspaces", "{}");
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe("MissingAuthenticationTokenException");
    expect(res.requestId).toBeTruthy();
  });

  it("refuses a wrong secret with InvalidSignatureException", async () => {
    const err = await awsError(
      t.ws("us-east-1", { credentials: { accessKeyId: "sandbox", secretAccessKey: "wrong" } }).send(new DescribeWorkspacesCommand({})),
    );
    expect(err.name).toBe("InvalidSignatureException");
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  it("refuses an unknown access key with UnrecognizedClientException", async () => {
    const name = await awsErrorName(
      t.ws("us-east-1", { credentials: { accessKeyId: "AKIAOTHER", secretAccessKey: "sandbox" } }).send(new DescribeWorkspacesCommand({})),
    );
    expect(name).toBe("UnrecognizedClientException");
  });

  it("refuses a malformed Authorization header with IncompleteSignatureException", async () => {
    const res = await raw("WorkspacesService.DescribeWorkspaces", "{}", { authorization: "AWS4-HMAC-SHA256 nonsense" });
    expect(res.body.__type).toBe("IncompleteSignatureException");
  });
});

describe("protocol errors", () => {
  it("answers an unknown operation with UnknownOperationException", async () => {
    const res = await signedRaw("WorkspacesService.LaunchRockets", "{}");
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe("UnknownOperationException");
  });

  it("answers a body that is not JSON with SerializationException", async () => {
    const res = await signedRaw("WorkspacesService.DescribeWorkspaces", "{not json");
    expect(res.body.__type).toBe("SerializationException");
  });

  it("answers a wrongly typed member with SerializationException", async () => {
    const res = await signedRaw("WorkspacesService.DescribeWorkspaces", JSON.stringify({ Limit: "ten" }));
    expect(res.body.__type).toBe("SerializationException");
  });

  it("answers model violations with ValidationException naming each member", async () => {
    const res = await signedRaw("WorkspacesService.DescribeWorkspaces", JSON.stringify({ Limit: 26, WorkspaceIds: ["bad-id"] }));
    expect(res.body.__type).toBe("ValidationException");
    expect(res.body.message).toMatch(/^2 validation errors detected/);
    expect(res.body.message).toContain("'limit' failed to satisfy constraint: Member must have value less than or equal to 25");
    expect(res.body.message).toContain("workspaceIds.1.member");
  });

  it("refuses a batch above the model's limit", async () => {
    const ids = Array.from({ length: 26 }, (_, i) => ({ WorkspaceId: `ws-${String(i).padStart(9, "0")}` }));
    const err = await awsError(t.ws().send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: ids })));
    expect(err.name).toBe("ValidationException");
    expect(err.message).toContain("less than or equal to 25");
  });
});

// Signs like a real client does, but lets the test choose target and body freely.
async function signedRaw(target: string, body: string) {
  const { SignatureV4 } = await import("@smithy/signature-v4");
  const { Sha256 } = await import("./test-sha256");
  const url = new URL(t.sandbox.url);
  const signer = new SignatureV4({ credentials: CREDENTIALS, region: "us-east-1", service: "workspaces", sha256: Sha256 });
  const signed = await signer.sign({
    method: "POST",
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: "/",
    query: {},
    headers: { host: url.host, "content-type": "application/x-amz-json-1.1", "x-amz-target": target },
    body,
  });
  return raw(undefined, body, signed.headers as Record<string, string>);
}

describe("control API", () => {
  it("injects a one-shot failure for the named operation", async () => {
    await t.control("/__sandbox/faults", { failNext: { operation: "DescribeWorkspaces", code: "ResourceUnavailableException" } });
    expect(await awsErrorName(t.ws().send(new DescribeWorkspacesCommand({})))).toBe("ResourceUnavailableException");
    expect(await awsErrorName(t.ws().send(new DescribeWorkspacesCommand({})))).toBe("no error");
  });

  it("throttles at the configured rate and recovers when cleared", async () => {
    await t.control("/__sandbox/faults", { throttleRate: 1 });
    const err = await awsError(t.ws().send(new DescribeWorkspacesCommand({})));
    expect(err.name).toBe("ThrottlingException");
    await t.control("/__sandbox/faults", { throttleRate: 0 });
    expect(await awsErrorName(t.ws().send(new DescribeWorkspacesCommand({})))).toBe("no error");
  });

  it("adds latency", async () => {
    await t.control("/__sandbox/faults", { latencyMs: 150 });
    const started = Date.now();
    await t.ws().send(new DescribeWorkspacesCommand({ Limit: 1 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await t.control("/__sandbox/faults", { latencyMs: 0 });
  });

  it("refuses malformed fault settings", async () => {
    const out = (await t.control("/__sandbox/faults", { throttleRate: 2 })) as { error?: string };
    expect(out.error).toContain("throttleRate");
  });

  it("counts mutating calls per operation and resets to the seed", async () => {
    const before = t.sandbox.mutationCount();
    await t.ws().send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: "ws-000000000" }] }));
    expect(t.sandbox.mutationCount()).toBe(before + 1);
    const state = (await t.control("/__sandbox/state")) as { mutatingCalls: Record<string, number>; regions: Record<string, unknown> };
    expect(state.mutatingCalls.TerminateWorkspaces).toBeGreaterThanOrEqual(1);
    expect(Object.keys(state.regions)).toEqual(expect.arrayContaining(["us-east-1", "eu-west-1"]));
    await t.control("/__sandbox/reset", {});
    expect(t.sandbox.mutationCount()).toBe(0);
  });

  it("advances the sandbox clock", async () => {
    const a = (await t.control("/__sandbox/state")) as { now: string };
    const out = (await t.control("/__sandbox/clock", { advanceMinutes: 90 })) as { now: string };
    expect(Date.parse(out.now) - Date.parse(a.now)).toBeGreaterThanOrEqual(90 * 60_000);
  });
});

describe("startup and persistence", () => {
  it("says clearly when the port is taken", async () => {
    await expect(startSandbox({ port: t.sandbox.port })).rejects.toThrow(
      `port ${t.sandbox.port} is already in use; set SANDBOX_PORT to another port`,
    );
  });

  it("keeps state across restarts in the state file", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sandbox-")), "state.json");
    const first = await startSandbox({ port: 0, stateFile: file, clockSpeed: 0 });
    await first.advance(30);
    first.reset();
    const { WorkSpacesClient } = await import("@aws-sdk/client-workspaces");
    const client = new WorkSpacesClient({ endpoint: first.url, region: "us-east-1", credentials: CREDENTIALS });
    const alice = (await client.send(new DescribeWorkspacesCommand({ Limit: 1 }))).Workspaces![0]!;
    await client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: alice.WorkspaceId! }] }));
    await first.close();
    expect(JSON.parse(readFileSync(file, "utf8")).version).toBe(1);
    const second = await startSandbox({ port: 0, stateFile: file, clockSpeed: 0 });
    const client2 = new WorkSpacesClient({ endpoint: second.url, region: "us-east-1", credentials: CREDENTIALS });
    const again = await client2.send(new DescribeWorkspacesCommand({ WorkspaceIds: [alice.WorkspaceId!] }));
    expect(again.Workspaces?.[0]?.State).toBe("TERMINATING");
    expect(second.mutationCount()).toBe(1);
    await second.close();
  });
});
