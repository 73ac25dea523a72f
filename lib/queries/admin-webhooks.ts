import "server-only";
import { db } from "../db";
import { readSetting, WEBHOOK_NETWORK_SETTING } from "../core/settings";

// What /admin/webhooks shows: the endpoints with their last outcome and recent failures, the network
// setting, and one endpoint's delivery log. Secrets never leave the database here.

export interface WebhookRow {
  id: string;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
  last: { status: "PENDING" | "DELIVERED" | "FAILED"; at: Date; statusCode: number | null; error: string | null } | null;
  failedLastDay: number;
  pending: number;
}

export async function listWebhooks(now = new Date()): Promise<{ webhooks: WebhookRow[]; allowPrivate: boolean }> {
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const [webhooks, failed, pending, network] = await Promise.all([
    db().webhook.findMany({
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        name: true,
        url: true,
        events: true,
        active: true,
        createdAt: true,
        deliveries: {
          orderBy: { createdAt: "desc" },
          take: 1,
          select: {
            status: true,
            createdAt: true,
            log: { orderBy: { at: "desc" }, take: 1, select: { at: true, statusCode: true, error: true } },
          },
        },
      },
    }),
    db().webhookDelivery.groupBy({ by: ["webhookId"], where: { status: "FAILED", createdAt: { gte: since } }, _count: { _all: true } }),
    db().webhookDelivery.groupBy({ by: ["webhookId"], where: { status: "PENDING" }, _count: { _all: true } }),
    readSetting(db(), WEBHOOK_NETWORK_SETTING),
  ]);
  const failedBy = new Map(failed.map((f) => [f.webhookId, f._count._all]));
  const pendingBy = new Map(pending.map((f) => [f.webhookId, f._count._all]));
  return {
    allowPrivate: network.allowPrivate,
    webhooks: webhooks.map(({ deliveries, ...w }) => {
      const d = deliveries[0];
      const attempt = d?.log[0];
      return {
        ...w,
        last: d
          ? { status: d.status, at: attempt?.at ?? d.createdAt, statusCode: attempt?.statusCode ?? null, error: attempt?.error ?? null }
          : null,
        failedLastDay: failedBy.get(w.id) ?? 0,
        pending: pendingBy.get(w.id) ?? 0,
      };
    }),
  };
}

export const WEBHOOK_LOG_PAGE_SIZE = 25;

/** One endpoint and a page of its deliveries, newest first, each with its attempts. */
export async function getWebhookLog(webhookId: string, page: number) {
  const webhook = await db().webhook.findUnique({
    where: { id: webhookId },
    select: { id: true, name: true, url: true, events: true, active: true, createdAt: true },
  });
  if (!webhook) return null;
  const [total, deliveries] = await Promise.all([
    db().webhookDelivery.count({ where: { webhookId } }),
    db().webhookDelivery.findMany({
      where: { webhookId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * WEBHOOK_LOG_PAGE_SIZE,
      take: WEBHOOK_LOG_PAGE_SIZE,
      select: {
        id: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        deliveredAt: true,
        createdAt: true,
        event: { select: { id: true, type: true, occurredAt: true } },
        log: { orderBy: { at: "desc" }, take: 20, select: { id: true, at: true, statusCode: true, durationMs: true, error: true } },
      },
    }),
  ]);
  return {
    webhook,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / WEBHOOK_LOG_PAGE_SIZE)),
    deliveries: deliveries.map((d) => ({ ...d, log: d.log.map((a) => ({ ...a, id: a.id.toString() })) })),
  };
}
