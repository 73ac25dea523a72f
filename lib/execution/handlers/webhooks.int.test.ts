import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WEBHOOK_NETWORK_SETTING } from "@/lib/core/settings";
import { encryptWebhookSecret, generateWebhookSecret } from "@/lib/core/webhook-secrets";
import { emitWebhookEvent } from "@/lib/core/webhooks";
import type { Lookup } from "@/lib/core/webhook-targets";
import { Worker } from "@/lib/execution/worker";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/webhook-receiver";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { webhookDeliveryHandler, type WebhookDeliveryOptions } from "./webhooks";

// The delivery handler's own rules, one try each, against real sockets on 127.0.0.1.

describe("webhook delivery", () => {
  let database: TestDatabase;
  let receiver: WebhookReceiver;
  let silent: http.Server;
  let silentUrl: string;
  const prisma = () => database.prisma;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startWebhookReceiver();
    // Accepts connections and never answers.
    silent = http.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hooks`;
  });
  afterAll(async () => {
    silent.closeAllConnections();
    silent.close();
    await receiver.close();
    await database.close();
  });
  beforeEach(async () => {
    receiver.answer(200);
    receiver.received.length = 0;
    await prisma().webhook.deleteMany();
    await prisma().outboxJob.deleteMany();
    await allowPrivate(true);
  });

  async function allowPrivate(value: boolean) {
    await prisma().setting.upsert({
      where: { key: WEBHOOK_NETWORK_SETTING.key },
      create: { key: WEBHOOK_NETWORK_SETTING.key, value: { allowPrivate: value } },
      update: { value: { allowPrivate: value } },
    });
  }

  /** One endpoint, one event, one try by a worker with only the delivery handler; the delivery as it ends. */
  async function deliverOnce(url: string, options: Partial<WebhookDeliveryOptions> = {}, before?: (webhookId: string) => Promise<void>) {
    const webhook = await prisma().webhook.create({
      data: { name: "ITSM", url, events: ["request.submitted"], secret: encryptWebhookSecret(generateWebhookSecret()) },
    });
    await prisma().$transaction((tx) => emitWebhookEvent(tx, "request.submitted", { id: "req-1" }));
    await before?.(webhook.id);
    const worker = new Worker({
      db: prisma(),
      handlers: { "webhook.deliver": webhookDeliveryHandler({ production: false, timeoutMs: 1_000, ...options }) },
    });
    await worker.drain();
    return prisma().webhookDelivery.findFirstOrThrow({ where: { webhookId: webhook.id }, include: { log: true } });
  }

  it("does not follow a redirect", async () => {
    receiver.answer(302);
    const d = await deliverOnce(receiver.url);
    expect(d).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(d.log[0]).toMatchObject({ statusCode: 302, error: expect.stringContaining("redirects are not followed") });
    expect(receiver.received).toHaveLength(1);
  });

  it("gives up on an endpoint that does not answer within the timeout", async () => {
    const d = await deliverOnce(silentUrl, { timeoutMs: 300 });
    expect(d.status).toBe("PENDING");
    expect(d.log[0]).toMatchObject({ statusCode: null, error: expect.stringMatching(/No answer within/) });
    expect(d.log[0]!.durationMs).toBeGreaterThanOrEqual(250);
    expect(d.log[0]!.durationMs).toBeLessThan(5_000);
    const job = await prisma().outboxJob.findFirstOrThrow({ where: { kind: "webhook.deliver" } });
    expect(job.status).toBe("PENDING");
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
  });

  it("sends nothing to loopback once private addresses are no longer allowed", async () => {
    await allowPrivate(false);
    const d = await deliverOnce(receiver.url);
    expect(d.log[0]!.error).toMatch(/^Not sent: This address resolves to a loopback address \(127\.0\.0\.1\)/);
    expect(receiver.received).toHaveLength(0);
  });

  it("sends nothing over http in production, nor to loopback", async () => {
    const plain = await deliverOnce(receiver.url, { production: true });
    expect(plain.log[0]!.error).toBe("Not sent: Webhook addresses must use https.");
    const loopback = await deliverOnce(receiver.url.replace("http:", "https:"), { production: true });
    expect(loopback.log[0]!.error).toMatch(/loopback/);
    expect(receiver.received).toHaveLength(0);
  });

  it("connects to the address it checked, whatever the host name", async () => {
    // A host no resolver knows: the handler's own lookup answers, and the connection goes exactly there.
    const asked: string[] = [];
    const lookup: Lookup = async (host) => {
      asked.push(host);
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const d = await deliverOnce(receiver.url.replace("127.0.0.1", "itsm.invalid"), { lookup });
    expect(d.status).toBe("DELIVERED");
    expect(asked).toEqual(["itsm.invalid"]);
    expect(receiver.received[0]!.headers.host).toBe(`itsm.invalid:${receiver.port}`);
  });

  it("does not send a delivery whose endpoint was disabled, nor one that was delivered", async () => {
    const disabled = await deliverOnce(receiver.url, {}, (id) =>
      prisma()
        .webhook.update({ where: { id }, data: { active: false } })
        .then(() => undefined),
    );
    expect(disabled).toMatchObject({ status: "FAILED" });
    expect(disabled.log[0]!.error).toBe("Not sent: the endpoint is disabled.");
    const delivered = await deliverOnce(receiver.url, {}, async (id) => {
      await prisma().webhookDelivery.updateMany({ where: { webhookId: id }, data: { status: "DELIVERED" } });
    });
    expect(delivered.log).toHaveLength(0);
    expect(receiver.received).toHaveLength(0);
  });
});
