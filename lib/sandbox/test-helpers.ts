// Shared by the sandbox's tests: starts a sandbox on an ephemeral port, builds real SDK clients,
// and checks every response the tests see against the official model.
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DirectoryServiceClient } from "@aws-sdk/client-directory-service";
import { WorkSpacesClient } from "@aws-sdk/client-workspaces";
import { afterAll, beforeAll, expect } from "vitest";
import { startSandbox, type Exchange, type SandboxHandle, type SandboxOptions } from "./index";
import { models } from "./protocol/model";
import { validateShape } from "./protocol/validator";

export const CREDENTIALS = { accessKeyId: "sandbox", secretAccessKey: "sandbox" };

// Errors any operation may answer with, outside each operation's modelled `errors` list.
const COMMON_ERRORS = new Set([
  "ValidationException",
  "SerializationException",
  "UnknownOperationException",
  "ThrottlingException",
  "InternalFailure",
  "MissingAuthenticationTokenException",
  "InvalidSignatureException",
  "UnrecognizedClientException",
  "IncompleteSignatureException",
]);

// CloudWatch answers these for every read operation, though its model lists them only for some.
const CLOUDWATCH_ERRORS = new Set(["InvalidParameterValueException", "InvalidParameterCombinationException", "InvalidNextToken"]);

export function modelProblems(exchange: Exchange): string[] {
  const { service, operation, status, body } = exchange;
  if (!service || !operation)
    return COMMON_ERRORS.has(String(body.__type)) ? [] : [`unexpected error ${String(body.__type)} outside an operation`];
  const model = models[service];
  const op = model.operations[operation]!;
  if (status === 200) {
    if (!op.output) return [];
    return validateShape(model, op.output.shape, body).map((v) => `${operation} output: ${v.message}`);
  }
  const type = String(body.__type);
  if (typeof body.message !== "string" || body.message === "") return [`${operation} error ${type} has no message`];
  if (COMMON_ERRORS.has(type) || (service === "cloudwatch" && CLOUDWATCH_ERRORS.has(type))) return [];
  if (!(op.errors ?? []).some((e) => e.shape === type)) return [`${operation} answered ${type}, which its model does not list`];
  const { __type: _t, message: _m, ...rest } = body;
  void _t;
  void _m;
  return validateShape(model, type, service === "ds" ? rest : { message: body.message, ...rest }).map(
    (v) => `${operation} ${type}: ${v.message}`,
  );
}

export interface TestSandbox {
  sandbox: SandboxHandle;
  exchanges: Exchange[];
  ws(region?: string, opts?: { maxAttempts?: number; credentials?: typeof CREDENTIALS }): WorkSpacesClient;
  ds(region?: string): DirectoryServiceClient;
  cw(region?: string): CloudWatchClient;
  control(path: string, body?: unknown): Promise<unknown>;
}

// Starts one sandbox per test file (clock frozen unless a test advances it) and, when the file is
// done, fails if any response it saw broke the model.
export function sandboxPerFile(opts: SandboxOptions = {}): TestSandbox {
  const t = { exchanges: [] as Exchange[] } as TestSandbox;
  beforeAll(async () => {
    t.sandbox = await startSandbox({ port: 0, clockSpeed: 0, ...opts, onExchange: (e) => t.exchanges.push(e) });
  });
  afterAll(async () => {
    await t.sandbox?.close();
    const problems = t.exchanges.flatMap(modelProblems);
    expect(problems).toEqual([]);
    expect(t.exchanges.length).toBeGreaterThan(0);
  });
  t.ws = (region = "us-east-1", o = {}) =>
    new WorkSpacesClient({ endpoint: t.sandbox.url, region, credentials: o.credentials ?? CREDENTIALS, maxAttempts: o.maxAttempts ?? 1 });
  t.ds = (region = "us-east-1") =>
    new DirectoryServiceClient({ endpoint: t.sandbox.url, region, credentials: CREDENTIALS, maxAttempts: 1 });
  t.cw = (region = "us-east-1") => new CloudWatchClient({ endpoint: t.sandbox.url, region, credentials: CREDENTIALS, maxAttempts: 1 });
  t.control = async (path, body) => {
    const headers = { "X-Sandbox-Token": t.sandbox.controlToken };
    const res = await fetch(
      `${t.sandbox.url}${path}`,
      body === undefined ? { headers } : { method: "POST", headers, body: JSON.stringify(body) },
    );
    return res.json();
  };
  return t;
}

export async function awsErrorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    return (e as Error).name;
  }
  return "no error";
}

export async function awsError(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the call to fail");
}

export interface SeedLookup {
  employees: string;
  contractors: string;
  labs: string;
  bundle(name: string): string;
  customBundle(name: string): string;
}

export const WIN = (label: string, protocol = "WSP") => `${label} with Windows 10 (Server 2019 based) (${protocol})`;
export const LINUX = (label: string, protocol = "WSP") => `${label} with Amazon Linux 2 (${protocol})`;

// Finds the seeded directories and bundles through the API, as a portal would.
export async function lookupSeed(t: TestSandbox, region = "us-east-1"): Promise<SeedLookup> {
  const { DescribeWorkspaceDirectoriesCommand, DescribeWorkspaceBundlesCommand } = await import("@aws-sdk/client-workspaces");
  const client = t.ws(region);
  const dirs = (await client.send(new DescribeWorkspaceDirectoriesCommand({}))).Directories ?? [];
  const dirId = (pred: (name: string) => boolean) => dirs.find((d) => pred(d.DirectoryName ?? ""))?.DirectoryId ?? "missing";
  const bundles: { BundleId?: string; Name?: string; Owner?: string }[] = [];
  for (const owner of ["AMAZON", undefined]) {
    let token: string | undefined;
    do {
      const page = await client.send(new DescribeWorkspaceBundlesCommand({ Owner: owner, NextToken: token }));
      bundles.push(...(page.Bundles ?? []));
      token = page.NextToken;
    } while (token);
  }
  const byName = (name: string, amazon: boolean) => {
    const b = bundles.find((x) => x.Name === name && (x.Owner === "AMAZON") === amazon);
    if (!b?.BundleId) throw new Error(`bundle ${name} not found`);
    return b.BundleId;
  };
  return {
    employees: dirId((n) => n === "corp.example.com" || n === "eu.corp.example.com"),
    contractors: dirId((n) => n.startsWith("contractors.")),
    labs: dirId((n) => n.includes("labs")),
    bundle: (name) => byName(name, true),
    customBundle: (name) => byName(name, false),
  };
}
