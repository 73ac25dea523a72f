import "server-only";
import { randomUUID } from "node:crypto";
import type { WebhookEventType } from "../domain";
import { requestResource, workspaceResource } from "./api-resources";
import { enqueueJobs } from "./outbox";
import { toJson, type Tx } from "./tx";

// Webhook events are written in the transaction of the change that causes them: the event, one
// delivery per subscribed endpoint and one outbox job per delivery land (or roll back) with the change,
// so they are exactly as durable as it is. With no endpoint subscribed, an emission costs one small
// query and writes nothing.

/** A delivery's outbox job may be retried this often; the handler itself gives up after 24 hours. */
export const WEBHOOK_JOB_MAX_ATTEMPTS = 1000;

export const webhookJobKey = (deliveryId: string) => `webhook:${deliveryId}`;

/** The active endpoints that receive `type` (one query on the small Webhook table). */
export async function webhookSubscribers(tx: Tx, type: WebhookEventType): Promise<string[]> {
  const rows = await tx.webhook.findMany({ where: { active: true, events: { has: type } }, select: { id: true } });
  return rows.map((r) => r.id);
}

export interface EmittedEvent {
  id: string;
  deliveryIds: string[];
}

/** The JSON every endpoint receives for one event: { id, type, time, data }, with a new event id. */
export function webhookEventBodyFor(type: WebhookEventType, data: Record<string, unknown>, now: Date) {
  return { id: `evt_${randomUUID().replaceAll("-", "")}`, type, time: now.toISOString(), data };
}

async function emit(
  tx: Tx,
  type: WebhookEventType,
  data: () => Promise<Record<string, unknown> | null>,
  now: Date,
  subscribers?: string[],
): Promise<EmittedEvent | null> {
  const webhookIds = subscribers ?? (await webhookSubscribers(tx, type));
  if (!webhookIds.length) return null;
  const payload = await data();
  if (!payload) return null;
  const body = webhookEventBodyFor(type, payload, now);
  const { id } = body;
  await tx.webhookEvent.create({ data: { id, type, occurredAt: now, body: toJson(body) } });
  const deliveryIds = webhookIds.map(() => `whd_${randomUUID().replaceAll("-", "")}`);
  await tx.webhookDelivery.createMany({
    data: webhookIds.map((webhookId, i) => ({ id: deliveryIds[i]!, webhookId, eventId: id, nextAttemptAt: now, createdAt: now })),
  });
  await enqueueJobs(
    tx,
    deliveryIds.map((deliveryId) => ({
      kind: "webhook.deliver",
      payload: { deliveryId },
      dedupeKey: webhookJobKey(deliveryId),
      maxAttempts: WEBHOOK_JOB_MAX_ATTEMPTS,
    })),
  );
  return { id, deliveryIds };
}

/**
 * Records one event inside the caller's transaction and queues its delivery to every active endpoint
 * subscribed to `type`; null (and nothing written) when none is.
 */
export function emitWebhookEvent(tx: Tx, type: WebhookEventType, data: Record<string, unknown>, now = new Date()) {
  return emit(tx, type, async () => data, now);
}

/** request.*: the request as GET /api/v1/requests/{id} shows it, read inside the transaction that changed it. */
export function emitRequestEvent(tx: Tx, type: WebhookEventType & `request.${string}`, requestId: string, now = new Date()) {
  return emit(tx, type, async () => (await requestResource(tx, requestId)) as Record<string, unknown> | null, now);
}

/** workspace.state_changed: the WorkSpace as it is now, and the state it had before. */
export function emitWorkspaceStateChanged(
  tx: Tx,
  workspaceId: string,
  previousState: string | null,
  now = new Date(),
  subscribers?: string[],
) {
  return emit(
    tx,
    "workspace.state_changed",
    async () => {
      const workspace = await workspaceResource(tx, workspaceId);
      return workspace ? { workspace, previousState } : null;
    },
    now,
    subscribers,
  );
}

/** reclaim.warning: the idle WorkSpace, its owner, and the day it will be reclaimed unless kept. */
export function emitReclaimWarning(
  tx: Tx,
  notice: { id: string; workspaceId: string; ownerId: string | null; idleSince: Date; neverUsed: boolean; reclaimOn: Date },
  now = new Date(),
) {
  return emit(
    tx,
    "reclaim.warning",
    async () => {
      const workspace = await workspaceResource(tx, notice.workspaceId);
      const owner = notice.ownerId
        ? await tx.user.findUnique({ where: { id: notice.ownerId }, select: { id: true, email: true, name: true } })
        : null;
      if (!workspace || !owner) return null;
      return {
        noticeId: notice.id,
        workspace,
        owner,
        idleSince: notice.idleSince.toISOString(),
        neverUsed: notice.neverUsed,
        reclaimOn: notice.reclaimOn.toISOString(),
      };
    },
    now,
  );
}
