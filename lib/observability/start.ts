import "server-only";
import { getConfig } from "@/lib/config";
import { subscribeHttpMetrics } from "./http";
import { startTracing, stopTracing } from "./tracing";

export { stopTracing };

/**
 * Starts what a server process measures: the HTTP histogram (Node's http server channels) and, when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set, the trace exporter. Called from instrumentation.ts (web and all)
 * and by the worker process before it starts its HTTP server. On shutdown, stopTracing() sends the spans
 * still buffered (the exporter otherwise sends every 5 seconds).
 */
export async function startObservability(): Promise<void> {
  const { sandbox, tracing } = getConfig();
  // The embedded sandbox answers the portal's own AWS calls; those are counted as AWS calls, not as requests.
  subscribeHttpMetrics({ ignorePorts: sandbox.enabled ? [sandbox.port] : [] });
  await startTracing(tracing);
}
