import { metricsAuthorized, metricsEnabled, metricsResponse } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

// Prometheus scrapes this with `Authorization: Bearer <METRICS_TOKEN>`. Without a token configured the
// endpoint does not exist, so metrics are never published by accident; a session cookie opens nothing.
export async function GET(request: Request) {
  const noStore = { "cache-control": "no-store" };
  if (!metricsEnabled()) return new Response("Not found.", { status: 404, headers: { ...noStore, "content-type": "text/plain" } });
  if (!metricsAuthorized(request.headers)) {
    return new Response("This endpoint needs the metrics token: send it as Authorization: Bearer <METRICS_TOKEN>.", {
      status: 401,
      headers: { ...noStore, "content-type": "text/plain", "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
  const { contentType, body } = await metricsResponse();
  return new Response(body, { status: 200, headers: { ...noStore, "content-type": contentType } });
}
