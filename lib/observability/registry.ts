import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { OutboxSnapshot } from "./outbox-probe";

// The portal's Prometheus metrics: one registry per process, served by /api/metrics (web) and by the
// worker's HTTP server. No server-only import: the AWS gateway and scripts load this module too.
// Every label has a bounded set of values (route patterns, action names, AWS operations, job kinds).

interface PortalMetrics {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status_class">;
  actions: Counter<"action" | "outcome">;
  outboxJobs: Gauge<"kind" | "status">;
  outboxOldestDue: Gauge;
  executorLag: Histogram;
  awsCalls: Counter<"service" | "operation">;
  awsDuration: Histogram<"service" | "operation">;
  awsThrottles: Counter<"service" | "operation">;
  awsErrors: Counter<"service" | "operation" | "reason">;
  mail: Counter<"outcome">;
  webhooks: Counter<"outcome">;
}

type Probe = () => Promise<OutboxSnapshot>;

// On globalThis because Next.js evaluates modules once per bundle (instrumentation, route handlers,
// server actions) in the same process; every bundle must count into the one registry that is scraped.
const globalForMetrics = globalThis as unknown as { __portalMetrics?: PortalMetrics; __portalOutboxProbe?: Probe };

const defaultOutboxProbe: Probe = async () => (await import("./outbox-probe")).readOutboxSnapshot();

function outboxProbe(): Probe {
  return globalForMetrics.__portalOutboxProbe ?? defaultOutboxProbe;
}

/** Tests and the worker may read the outbox through another client than the process's db(). */
export function setOutboxProbe(probe: Probe | undefined): void {
  globalForMetrics.__portalOutboxProbe = probe;
}

function createMetrics(): PortalMetrics {
  const registry = new Registry();
  // Resident memory, CPU, heap, event-loop lag, handles: prefixed so they sit with the portal's own.
  collectDefaultMetrics({ register: registry, prefix: "portal_" });
  const registers = [registry];

  // One query answers both outbox gauges; a scrape that reads both runs it once. While the database is
  // unreachable the depth has no series, the age is NaN, and every other metric is still served.
  let pending: Promise<OutboxSnapshot | undefined> | undefined;
  const snapshot = () => {
    pending ??= outboxProbe()()
      .catch(() => undefined)
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  return {
    registry,
    httpDuration: new Histogram({
      name: "portal_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its response, by route pattern, method and status class.",
      labelNames: ["method", "route", "status_class"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    actions: new Counter({
      name: "portal_server_actions_total",
      help: "Server action calls by action and outcome: ok, refused (an expected refusal shown to the person) or error.",
      labelNames: ["action", "outcome"],
      registers,
    }),
    outboxJobs: new Gauge({
      name: "portal_outbox_jobs",
      help: "Outbox jobs not yet done, by kind and status (PENDING waits or runs, DEAD gave up).",
      labelNames: ["kind", "status"],
      registers,
      async collect() {
        const read = await snapshot();
        this.reset();
        for (const row of read?.depth ?? []) this.set({ kind: row.kind, status: row.status }, row.count);
      },
    }),
    outboxOldestDue: new Gauge({
      name: "portal_outbox_oldest_due_job_age_seconds",
      help: "Seconds since the oldest due, unclaimed outbox job became due (0 when none waits, NaN when the database is unreachable).",
      registers,
      async collect() {
        // NaN, not 0, when the database could not be asked: an alert on the age must not read "all clear".
        this.set((await snapshot())?.oldestDueAgeSeconds ?? NaN);
      },
    }),
    executorLag: new Histogram({
      name: "portal_executor_lag_seconds",
      help: "Time from a request's approval to the executor's first AWS call for it.",
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
      registers,
    }),
    awsCalls: new Counter({
      name: "portal_aws_calls_total",
      help: "AWS SDK calls (paginated pages included, retries folded in) by service and operation.",
      labelNames: ["service", "operation"],
      registers,
    }),
    awsDuration: new Histogram({
      name: "portal_aws_call_duration_seconds",
      help: "Duration of AWS SDK calls, retries and rate-limit waits included, by service and operation.",
      labelNames: ["service", "operation"],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    awsThrottles: new Counter({
      name: "portal_aws_throttles_total",
      help: "Attempts AWS refused as throttled (each retry counted), by service and operation.",
      labelNames: ["service", "operation"],
      registers,
    }),
    awsErrors: new Counter({
      name: "portal_aws_errors_total",
      help: "AWS SDK calls that failed after their retries, by service, operation and reason (not_found, throttled, ...).",
      labelNames: ["service", "operation", "reason"],
      registers,
    }),
    mail: new Counter({
      name: "portal_mail_deliveries_total",
      help: "Mail delivery attempts by outcome: delivered, retry (a failed attempt that will be tried again) or failed (given up).",
      labelNames: ["outcome"],
      registers,
    }),
    webhooks: new Counter({
      name: "portal_webhook_deliveries_total",
      help: "Webhook delivery attempts by outcome: delivered, retry (a failed attempt that will be tried again) or failed (given up).",
      labelNames: ["outcome"],
      registers,
    }),
  };
}

function metrics(): PortalMetrics {
  globalForMetrics.__portalMetrics ??= createMetrics();
  return globalForMetrics.__portalMetrics;
}

/** The registry in Prometheus's text format, for /api/metrics and the worker's metrics port. */
export async function metricsResponse(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

export function observeHttpRequest(labels: { method: string; route: string; status: number }, seconds: number): void {
  const statusClass = labels.status >= 100 && labels.status < 600 ? `${Math.floor(labels.status / 100)}xx` : "other";
  metrics().httpDuration.observe({ method: labels.method, route: labels.route, status_class: statusClass }, seconds);
}

export type { OutboxSnapshot };

export type ActionOutcome = "ok" | "refused" | "error";

export function countServerAction(action: string, outcome: ActionOutcome): void {
  metrics().actions.inc({ action, outcome });
}

export function observeExecutorLag(seconds: number): void {
  metrics().executorLag.observe(Math.max(0, seconds));
}

export interface AwsCallOutcome {
  service: string;
  operation: string;
  durationMs: number;
  /** The portal's reason for a call that failed after its retries (lib/aws/errors.ts), else undefined. */
  errorReason?: string;
}

export function countAwsCall(call: AwsCallOutcome): void {
  const m = metrics();
  const labels = { service: call.service, operation: call.operation };
  m.awsCalls.inc(labels);
  m.awsDuration.observe(labels, call.durationMs / 1000);
  if (call.errorReason) m.awsErrors.inc({ ...labels, reason: call.errorReason });
}

export function countAwsThrottle(service: string, operation: string): void {
  metrics().awsThrottles.inc({ service, operation });
}

export type DeliveryOutcome = "delivered" | "retry" | "failed";

export function countMailDelivery(outcome: DeliveryOutcome): void {
  metrics().mail.inc({ outcome });
}

export function countWebhookDelivery(outcome: DeliveryOutcome): void {
  metrics().webhooks.inc({ outcome });
}
