import { describe, expect, it } from "vitest";
import { GET as assetRoute } from "@/app/api/docs/assets/[file]/route";
import { GET as docsRoute } from "@/app/api/docs/route";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { readdirSync } from "node:fs";
import path from "node:path";
import { documentOf, expectMatchesContract, unresolvedRefs } from "./openapi-validator";

// The OpenAPI document itself: its structure, that it describes exactly the routes that exist, that
// every operation states its scope and its refusals, that the validator the other API tests use does
// refuse what the document does not allow; and the reference page that renders it.

type Json = Record<string, unknown>;
const doc = documentOf();
const operations = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([template, item]) =>
  Object.entries(item).map(([method, op]) => ({ template, method, op })),
);

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with a bearer security scheme and resolvable references", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect((doc.components as Json).securitySchemes).toMatchObject({ bearer: { type: "http", scheme: "bearer" } });
    expect(unresolvedRefs(doc)).toEqual([]);
    for (const name of ["Workspace", "Request", "Problem", "RequestCreate", "DecisionCreate", "WebhookEvent", "TimelineEvent"])
      expect(Object.keys((doc.components as { schemas: Json }).schemas)).toContain(name);
  });

  it("describes exactly the /api/v1 routes that exist", async () => {
    const root = path.resolve(__dirname, "../../app");
    const files = readdirSync(path.join(root, "api/v1"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"));
    const routes: string[] = [];
    for (const file of files) {
      const template = "/api/v1/" + path.dirname(file).replace(/\[(\w+)\]/g, "{$1}");
      if (template.endsWith("/openapi.json")) continue;
      const mod = (await import(path.join(root, "api/v1", file))) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"])
        if (typeof mod[method] === "function") routes.push(`${method} ${template}`);
    }
    expect(operations.map((o) => `${o.method.toUpperCase()} ${o.template}`).sort()).toEqual(routes.sort());
  });

  it.each(operations)("$method $template states its scope, headers and refusals", ({ method, op }) => {
    expect(op["x-required-scope"]).toMatch(/^(workspaces:read|requests:read|requests:write|decisions:write|audit:read)$/);
    expect(op.description).toContain(`Required scope: \`${op["x-required-scope"] as string}\``);
    expect(op.security).toEqual([{ bearer: [] }]);
    const params = (op.parameters as { name: string; in: string }[]).map((p) => `${p.in}:${p.name}`);
    expect(params).toContain("header:X-On-Behalf-Of");
    if (method === "post") expect(params).toContain("header:Idempotency-Key");
    const responses = op.responses as Record<string, { content?: Json }>;
    for (const status of ["400", "401", "403", "404", "429", "500", ...(method === "post" ? ["409", "422"] : ["304"])])
      expect(Object.keys(responses)).toContain(status);
    expect(Object.keys(responses["403"]!.content!)).toEqual(["application/problem+json"]);
  });

  it("is what GET /api/v1/openapi.json serves, with an ETag", async () => {
    const response = await openApiRoute(new Request("http://portal.test/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(doc);
    const etag = response.headers.get("etag")!;
    const again = await openApiRoute(new Request("http://portal.test/api/v1/openapi.json", { headers: { "if-none-match": etag } }));
    expect(again.status).toBe(304);
  });

  it("makes the contract check refuse undocumented statuses, content types and bodies", async () => {
    const json = (status: number, body: unknown, type = "application/json") =>
      new Response(JSON.stringify(body), { status, headers: { "content-type": type } });
    await expect(expectMatchesContract("GET", "/api/v1/workspaces", json(418, {}))).rejects.toThrow(/does not describe/);
    await expect(expectMatchesContract("GET", "/api/v1/workspaces", json(200, { data: [] }))).rejects.toThrow();
    await expect(expectMatchesContract("GET", "/api/v1/workspaces", json(200, { data: [{ id: 1 }], nextCursor: null }))).rejects.toThrow();
    await expect(
      expectMatchesContract("GET", "/api/v1/workspaces", json(404, { code: "NOT_FOUND" }, "application/problem+json")),
    ).rejects.toThrow();
    await expect(expectMatchesContract("GET", "/api/v1/workspaces", json(401, { title: "x" }, "application/json"))).rejects.toThrow();
    const ok = await expectMatchesContract("GET", "/api/v1/workspaces", json(200, { data: [], nextCursor: null }));
    expect(ok.body).toEqual({ data: [], nextCursor: null });
  });
});

describe("the reference page", () => {
  it("loads Swagger UI with the request's CSP nonce and lists the problem codes", async () => {
    const response = await docsRoute(new Request("http://portal.test/api/docs", { headers: { "x-nonce": "bm9uY2Utb2YtdGhlLXRlc3Q=" } }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBe(2);
    for (const attrs of scripts) expect(attrs).toContain('nonce="bm9uY2Utb2YtdGhlLXRlc3Q="');
    expect(html).toContain('url: "/api/v1/openapi.json"');
    expect(html).toContain('id="problem-SCOPE_MISSING"');
  });

  it("serves only the allowed Swagger UI files, cached for long", async () => {
    const ctx = (file: string) => ({ params: Promise.resolve({ file }) });
    const js = await assetRoute(new Request("http://portal.test/api/docs/assets/swagger-ui-bundle.js"), ctx("swagger-ui-bundle.js"));
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(js.headers.get("cache-control")).toContain("immutable");
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    const css = await assetRoute(new Request("http://portal.test/api/docs/assets/swagger-ui.css"), ctx("swagger-ui.css"));
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    for (const file of ["package.json", "../../package.json", "index.html", "constructor"]) {
      const refused = await assetRoute(new Request(`http://portal.test/api/docs/assets/x`), ctx(file));
      expect(refused.status).toBe(404);
    }
  });
});
