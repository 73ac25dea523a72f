import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseRoute } from "./http";

// Every page and route handler under app/, as the URL pattern the histogram should label it with.
function appRoutes(dir = "app", prefix = ""): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && /^(page\.tsx|route\.ts)$/.test(entry.name)) found.push(prefix || "/");
    if (!entry.isDirectory()) continue;
    // Route groups such as (portal) add nothing to the URL.
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
    found.push(...appRoutes(path.join(dir, entry.name), prefix + segment));
  }
  return found;
}

const SAMPLE: Record<string, string> = {
  id: "cmh1x2y3z0000abcd1234efgh",
  token: "eyJhbGciOiJIUzI1NiJ9.e30.sig",
  file: "swagger-ui.css",
  table: "cost-by-region",
};

describe("normaliseRoute", () => {
  it.each(appRoutes().filter((r) => !r.includes("[...")))("labels %s by its pattern, whatever the ids", (route) => {
    const url = route.replace(/\[(\w+)\]/g, (_, name: string) => SAMPLE[name] ?? "x1");
    const expected = route.replace(/\[(\w+)\]/g, ":$1");
    expect(normaliseRoute(`${url}?page=2`, 200)).toBe(expected);
    expect(normaliseRoute(url.replace(SAMPLE.id!, "ws-0123456789"), 200)).toBe(expected);
  });

  it("keeps static children apart from ids", () => {
    expect(normaliseRoute("/workspaces/new", 200)).toBe("/workspaces/new");
    expect(normaliseRoute("/workspaces/ws-abc123/password", 200)).toBe("/workspaces/:id/password");
    expect(normaliseRoute("/api/v1/requests/cmabc/decisions", 201)).toBe("/api/v1/requests/:id/decisions");
  });

  it("groups Next.js assets, static files and sign-in callbacks", () => {
    expect(normaliseRoute("/_next/static/chunks/app/page-0a1b2c.js", 200)).toBe("/_next/static");
    expect(normaliseRoute("/_next/image?url=%2Flogo.png&w=64", 200)).toBe("/_next/image");
    expect(normaliseRoute("/favicon.ico", 200)).toBe("/static");
    expect(normaliseRoute("/api/auth/callback/oidc?code=abc", 302)).toBe("/api/auth/*");
    expect(normaliseRoute("/api/v1/openapi.json", 200)).toBe("/api/v1/openapi.json");
  });

  it("counts every 404 as one unmatched route, so made-up paths add no series", () => {
    expect(normaliseRoute("/wp-admin/setup.php", 404)).toBe("unmatched");
    expect(normaliseRoute("/requests/nope", 404)).toBe("unmatched");
    expect(normaliseRoute("http://evil.example/x", 400)).toBe("other");
    expect(normaliseRoute("/", 200)).toBe("/");
  });
});

describe("the HTTP histogram", () => {
  it("times every request a node:http server answers, by route pattern, method and status class", async () => {
    const http = await import("node:http");
    const { subscribeHttpMetrics } = await import("./http");
    const { metricsResponse, setOutboxProbe } = await import("./registry");
    setOutboxProbe(async () => {
      throw new Error("no database here");
    });
    const listen = async (server: import("node:http").Server) => {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return (server.address() as { port: number }).port;
    };
    // A server in the same process that is not the portal's (the embedded sandbox): not counted.
    const sandbox = http.createServer((_req, res) => res.end("{}"));
    const sandboxPort = await listen(sandbox);
    subscribeHttpMetrics({ ignorePorts: [sandboxPort] });
    subscribeHttpMetrics(); // a second bundle asking again must not count twice
    const server = http.createServer((req, res) => {
      res.statusCode = req.url?.startsWith("/requests/") ? 200 : 404;
      setTimeout(() => res.end("ok"), 20);
    });
    const base = `http://127.0.0.1:${await listen(server)}`;
    try {
      for (const url of ["/requests/cm1", "/requests/cm2?tab=audit", "/wp-login.php"]) await (await fetch(base + url)).text();
      await (await fetch(`http://127.0.0.1:${sandboxPort}/`, { method: "POST" })).text();
    } finally {
      server.close();
      sandbox.close();
    }
    const { body } = await metricsResponse();
    expect(body).toContain('portal_http_request_duration_seconds_count{method="GET",route="/requests/:id",status_class="2xx"} 2');
    expect(body).toContain('portal_http_request_duration_seconds_count{method="GET",route="unmatched",status_class="4xx"} 1');
    expect(body).not.toContain('method="POST"');
    const sum = /portal_http_request_duration_seconds_sum\{method="GET",route="\/requests\/:id",status_class="2xx"\} (\S+)/.exec(body);
    expect(Number(sum?.[1])).toBeGreaterThanOrEqual(0.04);
    // Without a database the outbox age is NaN (unknown), never a reassuring 0, and the rest is served.
    // (prom-client writes it "Nan"; Prometheus reads NaN in any case.)
    expect(body).toMatch(/^portal_outbox_oldest_due_job_age_seconds nan$/im);
    expect(body).not.toMatch(/^portal_outbox_jobs\{/m);
    setOutboxProbe(undefined);
  });
});
