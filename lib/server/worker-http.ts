import "server-only";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { metricsAuthorized, metricsEnabled, metricsResponse } from "../observability/metrics";
import { logger } from "../logger";
import { livenessResponse, readinessResponse } from "./readiness";

// The worker process serves no pages: only its probes and its metrics, so an orchestrator can check it and
// Prometheus can scrape it. Everything else is 404.

const noStore = { "cache-control": "no-store" };

/** GET /api/metrics as the web's route answers it: 404 without METRICS_TOKEN, 401 without the right bearer. */
async function metrics(headers: Headers): Promise<Response> {
  if (!metricsEnabled()) return new Response("Not found.", { status: 404, headers: { ...noStore, "content-type": "text/plain" } });
  if (!metricsAuthorized(headers)) {
    return new Response("This endpoint needs the metrics token: send it as Authorization: Bearer <METRICS_TOKEN>.", {
      status: 401,
      headers: { ...noStore, "content-type": "text/plain", "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
  const { contentType, body } = await metricsResponse();
  return new Response(body, { status: 200, headers: { ...noStore, "content-type": contentType } });
}

const routes: Record<string, (headers: Headers) => Promise<Response>> = {
  "/api/health": () => livenessResponse(),
  "/api/ready": () => readinessResponse(),
  "/api/metrics": metrics,
};

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "http://worker").pathname;
  const route = routes[path];
  const response =
    route && (req.method === "GET" || req.method === "HEAD")
      ? await route(headersOf(req))
      : new Response("Not found.", { status: 404, headers: { ...noStore, "content-type": "text/plain" } });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(req.method === "HEAD" ? undefined : Buffer.from(await response.arrayBuffer()));
}

/** Starts the worker's HTTP server on `port` (0: any free port) and resolves once it listens. */
export async function startWorkerHttp(port: number, host?: string): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      logger().error({ err: error, url: req.url }, "worker HTTP request failed");
      res.end("Internal error.");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}
