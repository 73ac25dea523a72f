import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { observeHttpRequest } from "./registry";

// The HTTP latency histogram, fed by Node's own http server channels, so it sees every request the
// process answers (pages, server actions, route handlers, static files) without touching any of them.

// A segment right after one of these is a record's id (or a file, table or token), except the static children.
const PLACEHOLDER_AFTER: Record<string, string> = {
  workspaces: ":id",
  requests: ":id",
  users: ":id",
  mail: ":id",
  webhooks: ":id",
  bulk: ":id",
  fleet: ":id",
  bundles: ":id",
  directories: ":id",
  "ip-groups": ":id",
  images: ":id",
  rollouts: ":id",
  aliases: ":name",
  email: ":token",
  assets: ":file",
  reports: ":table",
};
const STATIC_CHILDREN = new Set(["new", "bulk", "register", "export"]);

/** At most this many route labels; any further one is counted as "other", so the series stay bounded. */
export const MAX_ROUTES = 200;

/**
 * The route pattern a request's URL belongs to: ids become placeholders (/requests/:id), Next.js's
 * assets and static files are grouped, and a 404 is "unmatched" (scanners' made-up paths are not routes).
 */
export function normaliseRoute(url: string, status: number): string {
  if (status === 404) return "unmatched";
  const path = url.split(/[?#]/, 1)[0] ?? "";
  if (!path.startsWith("/")) return "other";
  if (path.startsWith("/_next/static/")) return "/_next/static";
  if (path.startsWith("/_next/image")) return "/_next/image";
  if (path.startsWith("/_next/")) return "/_next";
  if (path.startsWith("/api/auth/")) return "/api/auth/*";
  const segments = path.split("/").filter(Boolean);
  if (!segments.length) return "/";
  const pattern = segments.map((segment, i) => {
    const placeholder = i > 0 ? PLACEHOLDER_AFTER[segments[i - 1]!] : undefined;
    return placeholder && !STATIC_CHILDREN.has(segment) ? placeholder : segment;
  });
  // A file from public/ (favicon.ico, robots.txt); the API's openapi.json is a route of its own.
  if (pattern[0] !== "api" && /\.[a-z0-9]+$/i.test(pattern.at(-1)!)) return "/static";
  return "/" + pattern.join("/");
}

const globalForHttp = globalThis as unknown as { __portalHttpMetrics?: boolean };

/**
 * Subscribes the histogram to Node's http server channels; once per process, whichever bundle asks.
 * `ignorePorts`: servers in the process that are not the portal's (the embedded AWS sandbox).
 */
export function subscribeHttpMetrics(options: { ignorePorts?: readonly number[] } = {}): void {
  if (globalForHttp.__portalHttpMetrics) return;
  globalForHttp.__portalHttpMetrics = true;
  const ignored = new Set(options.ignorePorts ?? []);
  const started = new WeakMap<ServerResponse, bigint>();
  const seen = new Set<string>();
  diagnostics.subscribe("http.server.request.start", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    if (ignored.has(request.socket.localPort ?? -1)) return;
    started.set(response, process.hrtime.bigint());
  });
  diagnostics.subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const start = started.get(response);
    if (start === undefined) return;
    started.delete(response);
    let route = normaliseRoute(request.url ?? "", response.statusCode);
    if (!seen.has(route)) {
      if (seen.size >= MAX_ROUTES) route = "other";
      else seen.add(route);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    observeHttpRequest({ method: normaliseMethod(request.method), route, status: response.statusCode }, seconds);
  });
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function normaliseMethod(method: string | undefined): string {
  return method && METHODS.has(method) ? method : "other";
}
