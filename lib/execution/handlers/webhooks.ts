import "server-only";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { performance } from "node:perf_hooks";
import { webhookRetryAt } from "../../domain";
import { readSetting, WEBHOOK_NETWORK_SETTING, type WebhookNetworkSettings } from "../../core/settings";
import type { PrismaClient } from "../../generated/prisma/client";
import { decryptWebhookSecret, signWebhookBody } from "../../core/webhook-secrets";
import { checkWebhookTarget, type Lookup, type ResolvedAddress } from "../../core/webhook-targets";
import type { JobHandler } from "../worker";
import { countWebhookDelivery } from "../../observability/metrics";

// Delivers one webhook event to one endpoint per job ("webhook.deliver", payload { deliveryId }).
// Each try is one POST of the stored body, signed, to an address checked just before (and connected to
// exactly, so a DNS answer that changes meanwhile cannot redirect it); its outcome is logged as a
// WebhookAttempt. A 2xx answer delivers it; anything else is tried again on the domain's backoff until
// 24 hours after the event, then the delivery is FAILED. A DELIVERED delivery is never sent again by
// the portal itself: only an admin's Redeliver puts it back to PENDING with a new job.

export interface WebhookDeliveryOptions {
  /** Production: https only, loopback never. */
  production: boolean;
  /** The clock the retry schedule is judged by (tests drive it forward). */
  now?: () => Date;
  timeoutMs?: number;
  userAgent?: string;
  /** How host names are resolved (default: the system resolver). */
  lookup?: Lookup;
}

const MAX_ERROR_CHARS = 500;
const SETTING_TTL_MS = 5_000;

interface SendResult {
  statusCode: number | null;
  error: string | null;
}

/** A `lookup` for http.request that answers with the vetted address only. */
function pinnedLookup(address: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  }) as unknown as LookupFunction;
}

function post(
  url: URL,
  address: ResolvedAddress,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  agents: { http: http.Agent; https: https.Agent },
  signal: AbortSignal,
): Promise<SendResult> {
  return new Promise((resolve) => {
    const secure = url.protocol === "https:";
    const request = (secure ? https : http).request(
      url,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(address),
        agent: secure ? agents.https : agents.http,
        timeout: timeoutMs,
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (text.length < MAX_ERROR_CHARS) text += chunk;
        });
        response.on("error", () => undefined);
        response.on("end", () => {
          if (status >= 200 && status < 300) return resolve({ statusCode: status, error: null });
          const redirect = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
          const said = text.trim() ? `: ${text.trim().slice(0, 200)}` : "";
          resolve({ statusCode: status, error: `The endpoint answered ${status}${redirect}${said}`.slice(0, MAX_ERROR_CHARS) });
        });
      },
    );
    request.on("timeout", () => request.destroy(new Error(`No answer within ${Math.round(timeoutMs / 1000)} s`)));
    request.on("error", (error: NodeJS.ErrnoException) => {
      const reason =
        error.name === "AbortError" || error.name === "TimeoutError" ? `No answer within ${Math.round(timeoutMs / 1000)} s` : error.message;
      resolve({
        statusCode: null,
        error: `${error.code && !reason.includes(error.code) ? `${error.code}: ` : ""}${reason}`.slice(0, MAX_ERROR_CHARS),
      });
    });
    request.end(body);
  });
}

function readSecret(stored: string): string | null {
  try {
    return decryptWebhookSecret(stored);
  } catch {
    return null;
  }
}

export function webhookDeliveryHandler(options: WebhookDeliveryOptions): JobHandler {
  const clock = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const userAgent = options.userAgent ?? "WorkSpaces-Portal-Webhooks/1";
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
  };
  // The network setting is read at most every few seconds: a burst of deliveries need not ask each time.
  let network: { at: number; value: Promise<WebhookNetworkSettings> } | undefined;
  const networkSetting = (db: PrismaClient) => {
    if (!network || Date.now() - network.at > SETTING_TTL_MS) {
      const value = readSetting(db, WEBHOOK_NETWORK_SETTING);
      value.catch(() => (network = undefined));
      network = { at: Date.now(), value };
    }
    return network.value;
  };
  return {
    async run(job, ctx) {
      const { db } = ctx;
      const { deliveryId } = job.payload as { deliveryId: string };
      const delivery = await db.webhookDelivery.findUnique({
        where: { id: deliveryId },
        include: { webhook: true, event: true },
      });
      // Deleted with its endpoint, or already settled: nothing to send.
      if (!delivery || delivery.status !== "PENDING") return;
      const { webhook, event } = delivery;
      const startedAt = clock();
      if (!webhook.active) {
        await ctx.fenced(async (tx) => {
          await tx.webhookAttempt.create({
            data: { deliveryId, at: startedAt, durationMs: 0, error: "Not sent: the endpoint is disabled." },
          });
          await tx.webhookDelivery.updateMany({
            where: { id: deliveryId, status: "PENDING" },
            data: { status: "FAILED", nextAttemptAt: null },
          });
        });
        countWebhookDelivery("failed");
        return;
      }

      const network = await networkSetting(db);
      const target = await checkWebhookTarget(
        webhook.url,
        { allowPrivate: network.allowPrivate, production: options.production },
        options.lookup,
      );
      const body = JSON.stringify(event.body);
      let result: SendResult;
      let secret: string | null;
      const began = performance.now();
      if (!target.ok) {
        result = { statusCode: null, error: `Not sent: ${target.reason}` };
      } else if (!(secret = readSecret(webhook.secret))) {
        result = { statusCode: null, error: "Not sent: the signing secret cannot be read (AUTH_SECRET changed?); rotate the secret." };
      } else {
        const timestamp = Math.floor(Date.now() / 1000);
        const headers = {
          "Content-Type": "application/json",
          "User-Agent": userAgent,
          "Portal-Event-Id": event.id,
          "Portal-Event-Type": event.type,
          "Portal-Delivery-Id": delivery.id,
          "Portal-Signature": signWebhookBody(secret, body, timestamp),
        };
        // Right before sending: the job is still ours, so no second worker is sending it too.
        await ctx.assertLease();
        result = await post(target.url, target.addresses[0]!, headers, body, timeoutMs, agents, ctx.signal);
      }
      const durationMs = Math.round(performance.now() - began);
      const now = clock();
      const attempts = delivery.attempts + 1;
      const delivered = result.error === null;
      const retryAt = delivered ? null : webhookRetryAt(event.occurredAt, attempts, now);
      await ctx.fenced(async (tx) => {
        await tx.webhookAttempt.create({
          data: { deliveryId, at: startedAt, statusCode: result.statusCode, durationMs, error: result.error },
        });
        await tx.webhookDelivery.updateMany({
          where: { id: deliveryId, status: "PENDING" },
          data: delivered
            ? { status: "DELIVERED", attempts, deliveredAt: now, nextAttemptAt: null }
            : retryAt
              ? { attempts, nextAttemptAt: retryAt }
              : { status: "FAILED", attempts, nextAttemptAt: null },
        });
      });
      countWebhookDelivery(delivered ? "delivered" : retryAt ? "retry" : "failed");
      if (retryAt) return { done: false, runAt: retryAt, countsAsAttempt: false, note: result.error ?? undefined };
    },
  };
}
