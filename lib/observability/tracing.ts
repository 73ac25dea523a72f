import { context, propagation, trace, SpanStatusCode, type Attributes, type Context } from "@opentelemetry/api";

// OpenTelemetry traces. Spans are made through @opentelemetry/api, which does nothing (and costs next
// to nothing) until startTracing() registers a tracer provider, which it does only when
// OTEL_EXPORTER_OTLP_ENDPOINT is set. Next.js makes its own spans for pages and routes through the same
// global provider; the portal adds the server action, the job and each AWS call (lib/aws/clients.ts).
// No server-only import: the worker and scripts start tracing too; the settings are passed in.

export const TRACER_NAME = "workspaces-portal";

export interface TracingSettings {
  /** The collector's OTLP/HTTP base URL, e.g. http://otel-collector:4318 (traces go to <it>/v1/traces). */
  otlpEndpoint: string | undefined;
  serviceName: string;
}

interface Started {
  /** Sends the spans still buffered and stops the exporter (on shutdown, and in tests). */
  shutdown(): Promise<void>;
  forceFlush(): Promise<void>;
}

const globalForTracing = globalThis as unknown as { __portalTracing?: Promise<Started | undefined> };

/**
 * Starts exporting traces when an OTLP endpoint is configured; once per process, whichever bundle asks.
 * Without an endpoint the SDK is not even loaded.
 */
export function startTracing(settings: TracingSettings): Promise<Started | undefined> {
  globalForTracing.__portalTracing ??= settings.otlpEndpoint
    ? registerProvider(settings.otlpEndpoint, settings.serviceName)
    : Promise.resolve(undefined);
  return globalForTracing.__portalTracing;
}

async function registerProvider(endpoint: string, serviceName: string): Promise<Started> {
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import("@opentelemetry/sdk-trace-node"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
  ]);
  // OTLP/HTTP with JSON bodies, the exporter's default; the path is the standard one for traces.
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, "")}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  // AsyncLocalStorage context and the W3C traceparent/baggage propagators.
  provider.register();
  return { shutdown: () => provider.shutdown(), forceFlush: () => provider.forceFlush() };
}

/** Runs `work` in a span of its own, a child of the active one; the span records a thrown error. */
export function withSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>, parent?: Context): Promise<T> {
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { attributes }, parent ?? context.active(), async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The active span's W3C trace context, to carry into an outbox job's payload; empty outside a sampled span. */
export function currentTraceContext(): { traceparent?: string; tracestate?: string } {
  const span = trace.getActiveSpan();
  if (!span || !span.isRecording()) return {};
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? { traceparent: carrier.traceparent, ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}) } : {};
}

interface TracedJob {
  id: string;
  kind: string;
  attempts: number;
  payload: unknown;
}

/**
 * Runs a job in a span that continues the trace of the request that queued it (the traceparent its
 * payload carries), so the action, the job and its AWS calls read as one trace.
 */
export function withJobSpan<T>(job: TracedJob, work: () => Promise<T>): Promise<T> {
  const payload = (job.payload ?? {}) as { traceparent?: unknown; tracestate?: unknown };
  const carrier: Record<string, string> = {};
  if (typeof payload.traceparent === "string") carrier.traceparent = payload.traceparent;
  if (typeof payload.tracestate === "string") carrier.tracestate = payload.tracestate;
  const parent = carrier.traceparent ? propagation.extract(context.active(), carrier) : context.active();
  return withSpan(
    `job ${job.kind}`,
    { "portal.job.id": job.id, "portal.job.kind": job.kind, "portal.job.attempt": job.attempts },
    work,
    parent,
  );
}

/** Wraps every handler's run in its job span; the handlers stay unaware of tracing. */
export function tracedHandlers<H extends { run(job: TracedJob, ...rest: never[]): Promise<unknown> }>(
  handlers: Record<string, H>,
): Record<string, H> {
  return Object.fromEntries(
    Object.entries(handlers).map(([kind, handler]) => [
      kind,
      { ...handler, run: (job: TracedJob, ...rest: never[]) => withJobSpan(job, () => handler.run(job, ...rest)) } as H,
    ]),
  );
}

/** trace_id and span_id of the active span, for log lines; empty outside a span. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return trace.isSpanContextValid(span.spanContext()) ? { trace_id: traceId, span_id: spanId } : {};
}

/** Sends the spans still buffered and stops exporting; for the shutdown hooks (nothing to do while tracing is off). */
export async function stopTracing(): Promise<void> {
  const started = await globalForTracing.__portalTracing;
  await started?.shutdown();
}
