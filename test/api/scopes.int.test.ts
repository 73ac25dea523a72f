import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_SCOPES, type ApiScope } from "@/lib/domain";
import { documentOf } from "./openapi-validator";
import { API_OPERATIONS, callApi, codeOf, type ApiAnswer } from "./client";
import { createTestToken, type TestToken } from "./tokens";
import { createTestWorld, type TestWorld } from "../world";

// The scope matrix: every operation of /api/v1 with a token holding each scope alone, with no token, a
// malformed one, an unknown one, an expired one and a revoked one; and with X-On-Behalf-Of on a token that
// may not act for people. Every answer is checked against the OpenAPI document by callApi.

let world: TestWorld;
let tokens: Record<ApiScope, TestToken>;
let expired: TestToken;
let revoked: TestToken;
let workspaceId: string;
let requestId: string;

beforeAll(async () => {
  world = await createTestWorld({ fleetSize: 3 });
  const prisma = world.database.prisma;
  tokens = Object.fromEntries(
    await Promise.all(API_SCOPES.map(async (s) => [s, await createTestToken(prisma, { name: `Only ${s}`, scopes: [s] })])),
  ) as Record<ApiScope, TestToken>;
  expired = await createTestToken(prisma, { name: "Expired", expiresAt: new Date(Date.now() - 1000) });
  revoked = await createTestToken(prisma, { name: "Revoked", revokedAt: new Date(Date.now() - 1000) });
  workspaceId = (await prisma.workspace.findFirstOrThrow({ where: { goneAt: null } })).id;
  const { submitRequest } = await import("@/lib/services/requests/submit");
  const alice = world.people.alice;
  const ws = await prisma.workspace.findFirstOrThrow({ where: { ownerId: alice.id, goneAt: null } });
  const submitted = await submitRequest(alice, {
    change: { type: "computeType", workspaceId: ws.id, computeType: ws.computeType === "POWER" ? "PERFORMANCE" : "POWER" } as never,
    justification: "For the scope matrix.",
  });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  requestId = submitted.requestId;
}, 120_000);
afterAll(() => world?.close());

const requiredScope = (method: string, template: string): ApiScope => {
  const op = (documentOf().paths as Record<string, Record<string, Record<string, unknown>>>)[template]![method.toLowerCase()]!;
  return op["x-required-scope"] as ApiScope;
};

let serial = 0;
function call(method: string, template: string, options: Parameters<typeof callApi>[2]): Promise<ApiAnswer> {
  const path = template.replace("{id}", template.startsWith("/api/v1/workspaces") ? workspaceId : requestId);
  return callApi(method as "GET" | "POST", path, {
    ...options,
    ...(method === "POST" ? { idempotencyKey: `scope-matrix-${++serial}`, body: {} } : {}),
  });
}

describe.each(API_OPERATIONS)("$method $template", ({ method, template }) => {
  const scope = () => requiredScope(method, template);

  it("names its scope in the document", () => {
    expect(API_SCOPES).toContain(scope());
  });

  it.each(API_SCOPES)("with only %s", async (held) => {
    const answer = await call(method, template, { token: tokens[held].token });
    if (held !== scope()) {
      expect(answer.status).toBe(403);
      expect(codeOf(answer)).toBe("SCOPE_MISSING");
      return;
    }
    // The scope opens the operation: a GET answers, a POST gets as far as validating its body.
    if (method === "GET") expect(answer.status).toBe(200);
    else {
      expect(answer.status).not.toBe(401);
      expect(["SCOPE_MISSING", "TOKEN_INVALID"]).not.toContain(codeOf(answer));
    }
  });

  it.each([
    ["no token", {}, "TOKEN_MISSING"],
    ["a malformed header", { authorization: "Basic dXNlcjpwYXNz" }, "TOKEN_INVALID"],
    ["a malformed token", { authorization: "Bearer not-a-token" }, "TOKEN_INVALID"],
    ["an unknown token", { authorization: `Bearer wsp_${"A".repeat(43)}` }, "TOKEN_INVALID"],
  ] as const)("with %s: 401", async (_label, options, code) => {
    const answer = await call(method, template, options);
    expect(answer.status).toBe(401);
    expect(codeOf(answer)).toBe(code);
    expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer realm="api"/);
  });

  it("with an expired token: 401 TOKEN_EXPIRED", async () => {
    const answer = await call(method, template, { token: expired.token });
    expect([answer.status, codeOf(answer)]).toEqual([401, "TOKEN_EXPIRED"]);
  });

  it("with a revoked token: 401 TOKEN_REVOKED", async () => {
    const answer = await call(method, template, { token: revoked.token });
    expect([answer.status, codeOf(answer)]).toEqual([401, "TOKEN_REVOKED"]);
  });

  it("acting for a person on a token that may not: 403 ON_BEHALF_NOT_ALLOWED", async () => {
    const answer = await call(method, template, { token: tokens[scope()].token, onBehalfOf: "alice@example.com" });
    expect([answer.status, codeOf(answer)]).toEqual([403, "ON_BEHALF_NOT_ALLOWED"]);
  });
});

it("covers every operation the document describes", () => {
  const documented = Object.entries(documentOf().paths as Record<string, Record<string, unknown>>).flatMap(([template, item]) =>
    Object.keys(item).map((m) => `${m.toUpperCase()} ${template}`),
  );
  expect(API_OPERATIONS.map((o) => `${o.method} ${o.template}`).sort()).toEqual(documented.sort());
});
