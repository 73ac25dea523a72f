import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WEBHOOK_NETWORK_SETTING } from "@/lib/core/settings";
import { encryptWebhookSecret, generateWebhookSecret } from "@/lib/core/webhook-secrets";
import { closeOpenRequests, createFixtures, ownerUpgrade, type Fixtures } from "@/test/entry-points/fixtures";
import { signInAs } from "@/test/entry-points/session";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/webhook-receiver";

// A request end to end through the real server actions and the executor against the sandbox, read
// back from the Prometheus text that /api/metrics serves: every metric the run should move, moved.

vi.mock("next/headers", () => import("@/test/entry-points/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next-auth", () => import("@/test/entry-points/next-auth"));

const { submitChangeRequest } = await import("@/lib/actions/requests");
const { decide } = await import("@/lib/actions/approvals");
const { metricsResponse } = await import("./metrics");

/** Every sample of the exposition text, keyed by name and sorted labels: `name{a="1",b="2"}`. */
async function scrape(): Promise<Map<string, number>> {
  const { body, contentType } = await metricsResponse();
  expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = new Map<string, number>();
  for (const line of body.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => `${k}="${v}"`).sort();
    samples.set(`${match[1]}{${labels.join(",")}}`, Number(match[3]));
  }
  return samples;
}

function key(name: string, labels: Record<string, string> = {}): string {
  const parts = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort();
  return `${name}{${parts.join(",")}}`;
}

const value = (samples: Map<string, number>, name: string, labels?: Record<string, string>) => samples.get(key(name, labels)) ?? 0;

let fx: Fixtures;
let receiver: WebhookReceiver;

beforeAll(async () => {
  fx = await createFixtures();
  receiver = await startWebhookReceiver();
  const prisma = fx.world.database.prisma;
  await prisma.setting.upsert({
    where: { key: WEBHOOK_NETWORK_SETTING.key },
    create: { key: WEBHOOK_NETWORK_SETTING.key, value: { allowPrivate: true } },
    update: { value: { allowPrivate: true } },
  });
  await prisma.webhook.create({
    data: { name: "ITSM", url: receiver.url, events: ["request.approved"], secret: encryptWebhookSecret(generateWebhookSecret()) },
  });
  await closeOpenRequests(fx);
  // Whatever the fixtures queued (syncs, mails) runs now, so the counts below are this request's.
  await fx.world.executor().drain();
}, 180_000);

afterAll(async () => {
  await receiver?.close();
  await fx?.world.close();
});

describe("the metrics of one request, submitted, approved and carried out", () => {
  it("count the actions, the queue, the executor's lag, the AWS calls and throttles, mail and webhooks", async () => {
    const before = await scrape();

    await signInAs(fx.people.owner.id);
    const submitted = await submitChangeRequest({ change: ownerUpgrade(fx), justification: "Builds are slow." });
    expect(submitted).toMatchObject({ ok: true });
    const requestId = (submitted as { data: { requestId: string } }).data.requestId;
    // The requester may not approve it: a refusal, not an error.
    expect(await decide({ requestId, decision: "APPROVED" })).toMatchObject({ ok: false });

    // It costs enough to need the manager and then an admin.
    await signInAs(fx.people.requesterManager.id);
    expect(await decide({ requestId, decision: "APPROVED" })).toMatchObject({ ok: true });
    await signInAs(fx.people.admin.id);
    expect(await decide({ requestId, decision: "APPROVED" })).toMatchObject({ ok: true });

    // Queued, not yet run: the outbox gauges see the execute job due and waiting.
    const queued = await scrape();
    expect(value(queued, "portal_outbox_jobs", { kind: "request.execute", status: "PENDING" })).toBeGreaterThanOrEqual(1);
    expect(value(queued, "portal_outbox_oldest_due_job_age_seconds")).toBeGreaterThanOrEqual(0);
    expect(queued.has(key("portal_outbox_oldest_due_job_age_seconds"))).toBe(true);

    // AWS throttles the change's first attempt once; the SDK's retry gets it through.
    const faults = await fetch(`${fx.world.sandbox.url}/__sandbox/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Sandbox-Token": fx.world.sandbox.controlToken },
      body: JSON.stringify({ failNext: { operation: "ModifyWorkspaceProperties", code: "ThrottlingException" } }),
    });
    expect(faults.ok).toBe(true);
    await fx.world.executor().drain();
    const request = await fx.world.database.prisma.request.findUniqueOrThrow({ where: { id: requestId } });
    expect(request.awsCalledAt).not.toBeNull();

    const after = await scrape();
    const moved = (name: string, labels?: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    expect(moved("portal_server_actions_total", { action: "submitChangeRequest", outcome: "ok" })).toBe(1);
    expect(moved("portal_server_actions_total", { action: "decide", outcome: "refused" })).toBe(1);
    expect(moved("portal_server_actions_total", { action: "decide", outcome: "ok" })).toBe(2);
    expect(moved("portal_server_actions_total", { action: "decide", outcome: "error" })).toBe(0);

    expect(moved("portal_executor_lag_seconds_count")).toBe(1);
    const lag = moved("portal_executor_lag_seconds_sum");
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan((Date.now() - request.decidedAt!.getTime()) / 1000 + 1);

    const modify = { service: "workspaces", operation: "ModifyWorkspaceProperties" };
    expect(moved("portal_aws_calls_total", modify)).toBe(1);
    expect(moved("portal_aws_throttles_total", modify)).toBe(1);
    expect(moved("portal_aws_call_duration_seconds_count", modify)).toBe(1);
    expect(moved("portal_aws_errors_total", { ...modify, reason: "throttled" })).toBe(0);

    // Mail to the manager (submitted) and the requester (approved, done), through the local outbox.
    expect(moved("portal_mail_deliveries_total", { outcome: "delivered" })).toBeGreaterThanOrEqual(2);
    expect(moved("portal_webhook_deliveries_total", { outcome: "delivered" })).toBe(1);
    expect(receiver.received).toHaveLength(1);

    // Drained: nothing of this request is waiting any more.
    expect(value(after, "portal_outbox_jobs", { kind: "request.execute", status: "PENDING" })).toBe(0);
    // The process's own metrics are there too.
    expect(value(after, "portal_process_resident_memory_bytes")).toBeGreaterThan(0);
  }, 120_000);

  it("count a call that fails after its retries by the portal's reason", async () => {
    const before = await scrape();
    const faults = await fetch(`${fx.world.sandbox.url}/__sandbox/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Sandbox-Token": fx.world.sandbox.controlToken },
      body: JSON.stringify({ failNext: { operation: "DescribeWorkspaces", code: "AccessDeniedException" } }),
    });
    expect(faults.ok).toBe(true);
    await expect(fx.world.gateway.region("us-east-1").workspaces.getWorkspace(fx.ownerWorkspaceId)).rejects.toThrow();
    const after = await scrape();
    const labels = { service: "workspaces", operation: "DescribeWorkspaces", reason: "not_allowed" };
    expect(value(after, "portal_aws_errors_total", labels) - value(before, "portal_aws_errors_total", labels)).toBe(1);
  });
});
