import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { getConfig } from "../../config";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { notFound, ServiceError } from "../../core/errors";
import { enqueueJob } from "../../core/outbox";
import { readSetting, saveSetting, WEBHOOK_NETWORK_SETTING } from "../../core/settings";
import { kickExecutor } from "../../core/signal";
import { encryptWebhookSecret, generateWebhookSecret } from "../../core/webhook-secrets";
import { checkWebhookTarget } from "../../core/webhook-targets";
import { WEBHOOK_JOB_MAX_ATTEMPTS, webhookJobKey } from "../../core/webhooks";
import type { Tx } from "../../core/tx";
import {
  webhookActiveInput,
  webhookCreateInput,
  webhookDeliveryIdInput,
  webhookIdInput,
  webhookNetworkInput,
} from "../../schemas/webhooks";
import { parseInput, requireAdmin, type AdminCaller } from "./guard";

// Webhook endpoints, for admins: registered with a generated secret (shown once), rotated, disabled,
// deleted, and deliveries sent again. Every change is audited; the secret itself never is.

async function policy(tx: Tx) {
  const network = await readSetting(tx, WEBHOOK_NETWORK_SETTING);
  return { allowPrivate: network.allowPrivate, production: getConfig().production };
}

/** The address must be safe to call now (scheme, and every address it resolves to). */
async function assertSafeUrl(url: string): Promise<void> {
  const check = await checkWebhookTarget(url, await policy(db()));
  if (!check.ok) throw new ServiceError("invalid", check.reason, [{ code: "url", message: check.reason }]);
}

async function findWebhook(webhookId: string) {
  const webhook = await db().webhook.findUnique({ where: { id: webhookId } });
  if (!webhook) throw notFound("That webhook");
  return webhook;
}

/** Registers an endpoint; the secret is returned this once and stored only encrypted. */
export async function createWebhook(
  caller: AdminCaller,
  raw: z.input<typeof webhookCreateInput>,
): Promise<{ webhookId: string; secret: string }> {
  const actor = await requireAdmin(caller);
  const input = parseInput(webhookCreateInput, raw);
  await assertSafeUrl(input.url);
  const secret = generateWebhookSecret();
  const events = [...new Set(input.events)];
  const webhook = await db().$transaction(async (tx) => {
    const created = await tx.webhook.create({
      data: { name: input.name, url: input.url, events, secret: encryptWebhookSecret(secret), createdById: actor.id },
    });
    await recordAudit(tx, {
      actor,
      action: "webhook.created",
      targetType: "webhook",
      targetId: created.id,
      after: { name: input.name, url: input.url, events },
    });
    return created;
  });
  return { webhookId: webhook.id, secret };
}

/** A new secret, effective for the next delivery; returned this once. */
export async function rotateWebhookSecret(caller: AdminCaller, raw: z.input<typeof webhookIdInput>): Promise<{ secret: string }> {
  const actor = await requireAdmin(caller);
  const { webhookId } = parseInput(webhookIdInput, raw);
  const webhook = await findWebhook(webhookId);
  const secret = generateWebhookSecret();
  await db().$transaction(async (tx) => {
    await tx.webhook.update({ where: { id: webhook.id }, data: { secret: encryptWebhookSecret(secret) } });
    await recordAudit(tx, {
      actor,
      action: "webhook.secret_rotated",
      targetType: "webhook",
      targetId: webhook.id,
      detail: { name: webhook.name },
    });
  });
  return { secret };
}

/** Disables or enables an endpoint; a disabled one is sent nothing, and events meanwhile are not queued for it. */
export async function setWebhookActive(caller: AdminCaller, raw: z.input<typeof webhookActiveInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { webhookId, active } = parseInput(webhookActiveInput, raw);
  const webhook = await findWebhook(webhookId);
  if (webhook.active === active) return;
  // Enabling again checks the address against today's rules and DNS.
  if (active) await assertSafeUrl(webhook.url);
  await db().$transaction(async (tx) => {
    await tx.webhook.update({ where: { id: webhook.id }, data: { active } });
    await recordAudit(tx, {
      actor,
      action: active ? "webhook.enabled" : "webhook.disabled",
      targetType: "webhook",
      targetId: webhook.id,
      before: { active: webhook.active },
      after: { active },
    });
  });
}

/** Deletes an endpoint with its delivery log; deliveries still queued for it are not sent. */
export async function deleteWebhook(caller: AdminCaller, raw: z.input<typeof webhookIdInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { webhookId } = parseInput(webhookIdInput, raw);
  const webhook = await findWebhook(webhookId);
  await db().$transaction(async (tx) => {
    await tx.webhook.delete({ where: { id: webhook.id } });
    await recordAudit(tx, {
      actor,
      action: "webhook.deleted",
      targetType: "webhook",
      targetId: webhook.id,
      before: { name: webhook.name, url: webhook.url, events: webhook.events },
    });
  });
}

/** The "Allow webhooks to private network addresses" setting. */
export async function setWebhookNetwork(caller: AdminCaller, raw: z.input<typeof webhookNetworkInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const value = parseInput(webhookNetworkInput, raw);
  await db().$transaction((tx) => saveSetting(tx, actor, WEBHOOK_NETWORK_SETTING, value, "webhook.network_changed"));
}

/**
 * Sends a delivery again, whatever became of it: back to PENDING with a new job (a fresh key, so it
 * runs even if the first job is long finished). It keeps its event id, so receivers see a repeat.
 */
export async function redeliverWebhook(caller: AdminCaller, raw: z.input<typeof webhookDeliveryIdInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { deliveryId } = parseInput(webhookDeliveryIdInput, raw);
  const delivery = await db().webhookDelivery.findUnique({
    where: { id: deliveryId },
    select: { id: true, status: true, eventId: true, webhook: { select: { id: true, name: true, active: true } } },
  });
  if (!delivery) throw notFound("That delivery");
  if (!delivery.webhook.active) throw new ServiceError("conflict", "Enable the endpoint before sending to it again.");
  const now = new Date();
  await db().$transaction(async (tx) => {
    await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "PENDING", nextAttemptAt: now, deliveredAt: null } });
    await enqueueJob(tx, {
      kind: "webhook.deliver",
      payload: { deliveryId: delivery.id },
      dedupeKey: `${webhookJobKey(delivery.id)}:redeliver:${randomUUID()}`,
      maxAttempts: WEBHOOK_JOB_MAX_ATTEMPTS,
    });
    await recordAudit(tx, {
      actor,
      action: "webhook.redelivered",
      targetType: "webhook",
      targetId: delivery.webhook.id,
      before: { status: delivery.status },
      after: { status: "PENDING" },
      detail: { deliveryId: delivery.id, eventId: delivery.eventId, name: delivery.webhook.name },
    });
  });
  kickExecutor();
}
