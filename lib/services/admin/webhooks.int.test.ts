import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WEBHOOK_EVENT_TYPES, WEBHOOK_SIGNATURE_TOLERANCE_S, type WebhookEventType } from "@/lib/domain";
import { webhookEventBody, type WebhookEventBody } from "@/lib/schemas/api";
import { verifyWebhookSignature } from "@/lib/core/webhook-secrets";
import { kickExecutor } from "@/lib/core/signal";
import { cancelRequest } from "@/lib/services/requests/cancel";
import { decideRequest } from "@/lib/services/requests/decide";
import { submitRequest } from "@/lib/services/requests/submit";
import { startWebhookReceiver, type ReceivedDelivery, type WebhookReceiver } from "@/test/webhook-receiver";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { signInAs } from "@/test/entry-points/session";
import { createWebhook, deleteWebhook, redeliverWebhook, rotateWebhookSecret, setWebhookActive, setWebhookNetwork } from "./webhooks";

vi.mock("next/headers", () => import("@/test/entry-points/next-headers"));
vi.mock("next-auth", () => import("@/test/entry-points/next-auth"));
// Outside a Next.js server there is no router to refresh and forbidden() refuses to run.
vi.mock("next/navigation", async (original) => ({
  ...(await original<typeof import("next/navigation")>()),
  useRouter: () => ({ refresh: () => undefined }),
  forbidden: () => {
    throw new Error("forbidden() was called");
  },
}));

// Webhooks end to end: the portal's own executor delivers to a real HTTP receiver on 127.0.0.1 (allowed
// only with the private-address setting on, outside production), which checks what a receiver would.

const REQUEST_EVENTS = WEBHOOK_EVENT_TYPES.filter((t) => t.startsWith("request."));
const DAY_MS = 24 * 3_600_000;

describe("webhooks delivered to a real receiver", () => {
  let world: TestWorld;
  let receiver: WebhookReceiver;
  let webhookId: string;
  let secret: string;
  let aliceWs: string;
  // The delivery handler's clock: moved forward to spend the retry window without waiting a day.
  let clockOffsetMs = 0;
  let cmdb: { webhookId: string; secret: string } | undefined;
  const admin = () => world.people.carol;
  const prisma = () => world.database.prisma;

  beforeAll(async () => {
    world = await createTestWorld({ clockSpeed: 600 });
    receiver = await startWebhookReceiver();
    world.executor({ webhooks: { now: () => new Date(Date.now() + clockOffsetMs), timeoutMs: 3_000 } }).start();
    const ws = await prisma().workspace.findFirstOrThrow({
      where: { ownerId: world.people.alice.id, region: "us-east-1", directoryId: { not: "" }, state: "AVAILABLE" },
    });
    aliceWs = ws.id;
  }, 120_000);
  afterAll(async () => {
    await receiver?.close();
    await world?.close();
  });

  /** What the receiver got, parsed, for one request's events. */
  const bodiesFor = (requestId: string, from: ReceivedDelivery[] = receiver.received) =>
    from
      .filter((r) => r.status === 200)
      .map((r) => ({ r, body: webhookEventBody.parse(JSON.parse(r.body)) as WebhookEventBody }))
      .filter(({ body }) => body.data.id === requestId);

  /** Due now: the retries the handler scheduled by its own (moved) clock. */
  const makeRetriesDue = async () => {
    await prisma().outboxJob.updateMany({ where: { kind: "webhook.deliver", status: "PENDING" }, data: { runAt: new Date() } });
    kickExecutor();
  };

  it("refuses a loopback or private address until private addresses are allowed", async () => {
    await expect(createWebhook(admin(), { name: "ITSM", url: "http://127.0.0.1:9/hooks", events: ["request.submitted"] })).rejects.toThrow(
      /loopback address \(127\.0\.0\.1\)/,
    );
    await expect(createWebhook(admin(), { name: "ITSM", url: "https://10.0.0.5/hooks", events: ["request.submitted"] })).rejects.toThrow(
      "This address resolves to a private network address (10.0.0.5); allow private addresses first.",
    );
    await expect(
      createWebhook(admin(), { name: "ITSM", url: "https://169.254.169.254/latest", events: ["request.submitted"] }),
    ).rejects.toThrow(/link-local/);
    await expect(createWebhook(world.people.bob, { name: "ITSM", url: receiver.url, events: ["request.submitted"] })).rejects.toThrow(
      /Only admins/,
    );

    await setWebhookNetwork(admin(), { allowPrivate: true });
    await expect(
      createWebhook(admin(), { name: "Metadata", url: "http://169.254.169.254/", events: ["request.submitted"] }),
    ).rejects.toThrow(/never allowed/);
    ({ webhookId, secret } = await createWebhook(admin(), { name: "ITSM", url: receiver.url, events: [...REQUEST_EVENTS] }));
    expect(secret).toMatch(/^whsec_/);
    const stored = await prisma().webhook.findUniqueOrThrow({ where: { id: webhookId } });
    expect(stored.secret).not.toContain(secret.slice(6));
    const audit = await prisma().auditEvent.findMany({ where: { action: { startsWith: "webhook." } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["webhook.network_changed", "webhook.created"]);
    expect(JSON.stringify(audit, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(secret.slice(6));
  });

  it("sends request.submitted, request.approved and request.succeeded, signed, in order of their time", async () => {
    const submitted = await submitRequest(world.people.alice, {
      change: { type: "volumes", workspaceId: aliceWs, userVolumeGb: 100 },
      justification: "Datasets",
    });
    expect(submitted).toMatchObject({ ok: true, status: "PENDING_APPROVAL" });
    if (!submitted.ok) return;
    await decideRequest(world.people.bob, { requestId: submitted.requestId, decision: "APPROVED", channel: "WEB" });
    await eventually(
      async () => (await prisma().request.findUniqueOrThrow({ where: { id: submitted.requestId } })).status === "SUCCEEDED",
      60_000,
      "the volume change",
    );
    const got = await eventually(async () => {
      const found = bodiesFor(submitted.requestId);
      return found.length >= 3 ? found : null;
    }, 20_000);
    expect(got).toHaveLength(3);

    const ordered = [...got].sort((a, b) => a.body.time.localeCompare(b.body.time));
    expect(ordered.map((g) => g.body.type)).toEqual(["request.submitted", "request.approved", "request.succeeded"]);
    expect(ordered.map((g) => g.body.data.status)).toEqual(["PENDING_APPROVAL", "APPROVED", "SUCCEEDED"]);
    for (const { r, body } of got) {
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["user-agent"]).toMatch(/Portal/);
      expect(r.headers["portal-event-id"]).toBe(body.id);
      expect(r.headers["portal-event-type"]).toBe(body.type);
      const signature = r.headers["portal-signature"] as string;
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(secret, r.body, signature, Math.floor(Date.now() / 1000), WEBHOOK_SIGNATURE_TOLERANCE_S)).toBe(true);
      expect(verifyWebhookSignature("whsec_wrong", r.body, signature, Math.floor(Date.now() / 1000), WEBHOOK_SIGNATURE_TOLERANCE_S)).toBe(
        false,
      );
    }
    // The body sent is the one stored, byte for byte.
    const stored = await prisma().webhookEvent.findUniqueOrThrow({ where: { id: ordered[0]!.body.id } });
    expect(ordered[0]!.r.body).toBe(JSON.stringify(stored.body));
    // The receiver has each body before the handler records the attempt: wait for the records.
    const deliveries = await eventually(async () => {
      const rows = await prisma().webhookDelivery.findMany({
        where: { eventId: { in: got.map((g) => g.body.id) } },
        include: { log: true },
      });
      return rows.length === 3 && rows.every((d) => d.status !== "PENDING") ? rows : null;
    }, 20_000);
    expect(deliveries.map((d) => [d.status, d.attempts, d.log.length, d.log[0]!.statusCode])).toEqual(
      Array(3).fill(["DELIVERED", 1, 1, 200]),
    );
  });

  it("delivers what happened while the receiver was down once it is back", async () => {
    await receiver.close();
    const before = receiver.received.length;
    const submitted = await submitRequest(world.people.alice, {
      change: { type: "reboot", workspaceId: aliceWs },
      justification: "Frozen",
    });
    expect(submitted).toMatchObject({ ok: true, status: "APPROVED" });
    if (!submitted.ok) return;
    await eventually(
      async () => (await prisma().request.findUniqueOrThrow({ where: { id: submitted.requestId } })).status === "SUCCEEDED",
      60_000,
      "the reboot",
    );
    // Every one of its three events tried once, refused at the connection, and scheduled again.
    const tried = await eventually(async () => {
      const rows = await prisma().webhookDelivery.findMany({
        where: { webhookId, event: { body: { path: ["data", "id"], equals: submitted.requestId } } },
        include: { log: true },
      });
      return rows.length === 3 && rows.every((d) => d.attempts >= 1) ? rows : null;
    }, 20_000);
    for (const d of tried) {
      expect(d.status).toBe("PENDING");
      expect(d.log[0]).toMatchObject({ statusCode: null, error: expect.stringMatching(/ECONNREFUSED/) });
      expect(d.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    }
    expect(receiver.received.length).toBe(before);

    await receiver.reopen();
    await makeRetriesDue();
    const got = await eventually(async () => {
      const found = bodiesFor(submitted.requestId, receiver.received.slice(before));
      return found.length >= 3 ? found : null;
    }, 20_000);
    expect(got.map((g) => g.body.type).sort()).toEqual(["request.approved", "request.submitted", "request.succeeded"]);
    // Each event exactly once, by event id.
    expect(new Set(got.map((g) => g.body.id)).size).toBe(3);
    await eventually(async () => {
      const rows = await prisma().webhookDelivery.findMany({ where: { id: { in: tried.map((d) => d.id) } } });
      return rows.every((d) => d.status === "DELIVERED" && d.attempts === 2);
    });
  });

  it("marks a delivery FAILED once it has failed for 24 hours, and Redeliver sends it again", async () => {
    receiver.answer(500);
    const submitted = await submitRequest(world.people.alice, {
      change: { type: "computeType", workspaceId: aliceWs, computeType: "POWER" },
      justification: "Builds are slow",
    });
    if (!submitted.ok) throw new Error("not submitted");
    await cancelRequest(world.people.alice, submitted.requestId);
    const first = await eventually(async () => {
      const rows = await prisma().webhookDelivery.findMany({
        where: { webhookId, event: { body: { path: ["data", "id"], equals: submitted.requestId } } },
        include: { log: true, event: true },
      });
      return rows.length === 2 && rows.every((d) => d.attempts === 1) ? rows : null;
    }, 20_000);
    expect(first.map((d) => d.event.type).sort()).toEqual(["request.cancelled", "request.submitted"]);
    expect(first.every((d) => d.status === "PENDING" && d.log[0]!.statusCode === 500)).toBe(true);
    expect(first[0]!.log[0]!.error).toMatch(/answered 500/);

    // A day later by the handler's clock: the next failure spends the window.
    clockOffsetMs = DAY_MS;
    await makeRetriesDue();
    await eventually(async () => {
      const rows = await prisma().webhookDelivery.findMany({ where: { id: { in: first.map((d) => d.id) } } });
      return rows.every((d) => d.status === "FAILED" && d.attempts === 2 && d.nextAttemptAt === null);
    });
    // The handler settles the delivery, then the executor completes its job: no job is left to run.
    await eventually(async () => (await prisma().outboxJob.count({ where: { kind: "webhook.deliver", status: "PENDING" } })) === 0);

    // Redeliver, with a rotated secret: it arrives, signed with the new one.
    receiver.answer(200);
    const { secret: rotated } = await rotateWebhookSecret(admin(), { webhookId });
    const failed = first.find((d) => d.event.type === "request.cancelled")!;
    const before = receiver.received.length;
    await redeliverWebhook(admin(), { deliveryId: failed.id });
    const again = await eventually(async () => bodiesFor(submitted.requestId, receiver.received.slice(before))[0], 20_000);
    expect(again.body.id).toBe(failed.eventId);
    const signature = again.r.headers["portal-signature"] as string;
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhookSignature(rotated, again.r.body, signature, now, WEBHOOK_SIGNATURE_TOLERANCE_S)).toBe(true);
    expect(verifyWebhookSignature(secret, again.r.body, signature, now, WEBHOOK_SIGNATURE_TOLERANCE_S)).toBe(false);
    secret = rotated;
    await eventually(async () => (await prisma().webhookDelivery.findUniqueOrThrow({ where: { id: failed.id } })).status === "DELIVERED");

    // A delivered one is sent again only on Redeliver.
    await redeliverWebhook(admin(), { deliveryId: failed.id });
    await eventually(async () => bodiesFor(submitted.requestId, receiver.received.slice(before)).length === 2, 20_000);
    const audit = await prisma().auditEvent.findMany({ where: { action: "webhook.redelivered" } });
    expect(audit).toHaveLength(2);
    clockOffsetMs = 0;
  });

  it("queues nothing for a disabled endpoint, and a deleted one takes its log with it", async () => {
    await setWebhookActive(admin(), { webhookId, active: false });
    const events = await prisma().webhookEvent.count();
    const submitted = await submitRequest(world.people.alice, {
      change: { type: "computeType", workspaceId: aliceWs, computeType: "POWER" },
      justification: "Builds are slow",
    });
    if (!submitted.ok) throw new Error("not submitted");
    await cancelRequest(world.people.alice, submitted.requestId);
    expect(await prisma().webhookEvent.count()).toBe(events);
    await expect(redeliverWebhook(admin(), { deliveryId: (await prisma().webhookDelivery.findFirstOrThrow()).id })).rejects.toThrow(
      /Enable the endpoint/,
    );

    await setWebhookActive(admin(), { webhookId, active: true });
    await deleteWebhook(admin(), { webhookId });
    expect(await prisma().webhookDelivery.count({ where: { webhookId } })).toBe(0);
    const actions = (await prisma().auditEvent.findMany({ where: { action: { startsWith: "webhook." } } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["webhook.disabled", "webhook.enabled", "webhook.deleted", "webhook.secret_rotated"]));
  });

  it("tells an endpoint when the inventory finds a WorkSpace in another state", async () => {
    const states = await startWebhookReceiver();
    try {
      const types: WebhookEventType[] = ["workspace.state_changed"];
      cmdb = await createWebhook(admin(), { name: "CMDB", url: states.url, events: types });
      const ws = await prisma().workspace.findFirstOrThrow({ where: { state: "AVAILABLE", goneAt: null, id: { not: aliceWs } } });
      // The cache says STOPPED; AWS (the sandbox) says AVAILABLE: the next sync notices.
      await prisma().workspace.update({ where: { id: ws.id }, data: { state: "STOPPED", raw: {} } });
      await world.sync();
      const got = await eventually(async () => {
        const found = states.received.map((r) => webhookEventBody.parse(JSON.parse(r.body)));
        return found.find((b) => (b.data.workspace as { id: string }).id === ws.id);
      }, 20_000);
      expect(got).toMatchObject({
        type: "workspace.state_changed",
        data: { previousState: "STOPPED", workspace: { id: ws.id, state: "AVAILABLE" } },
      });
    } finally {
      await states.close();
    }
  });

  async function renderList(userId: string) {
    const { default: WebhooksPage } = await import("@/app/(portal)/admin/webhooks/page");
    const { renderToStaticMarkup } = await import("react-dom/server");
    await signInAs(userId);
    return renderToStaticMarkup(await WebhooksPage());
  }

  it("shows admins the endpoints, their last outcome and delivery log, never a secret", async () => {
    const html = await renderList(admin().id);
    expect(html).toContain("CMDB");
    expect(html).toContain("workspace.state_changed");
    expect(html).toContain("Delivered");
    expect(html).toContain("Allow webhooks to private network addresses");
    expect(html).toContain("An idle WorkSpace&#x27;s owner was warned it will be reclaimed");
    const stored = await prisma().webhook.findMany({ select: { secret: true } });
    for (const s of [cmdb!.secret, ...stored.map((w) => w.secret)]) expect(html).not.toContain(s);

    const { default: WebhookLogPage } = await import("@/app/(portal)/admin/webhooks/[id]/page");
    const { renderToStaticMarkup } = await import("react-dom/server");
    const log = renderToStaticMarkup(
      await WebhookLogPage({ params: Promise.resolve({ id: cmdb!.webhookId }), searchParams: Promise.resolve({ page: "1" }) }),
    );
    const delivery = await prisma().webhookDelivery.findFirstOrThrow({ where: { webhookId: cmdb!.webhookId }, include: { event: true } });
    expect(log).toContain("Deliveries to CMDB");
    expect(log).toContain(delivery.event.id);
    expect(log).toContain(">200<");
    expect(log).toContain("Redeliver");
  });

  it("is for admins only", async () => {
    await expect(renderList(world.people.bob.id)).rejects.toThrow("forbidden() was called");
  });
});
