import "server-only";
import { getConfig } from "../config";
import { enqueueJob } from "./outbox";
import type { Tx } from "./tx";
import { renderMail, type MailContent } from "./mail-render";

export interface NotificationSpec {
  userId: string;
  requestId?: string;
  /** e.g. "request.approved"; the UI groups and styles by it. */
  kind: string;
  title: string;
  body: string;
  /** A path inside the portal, e.g. /requests/abc. */
  link?: string;
  /** Also send it by mail; `actions` become buttons (the approve/reject links of an approval mail). */
  mail?: { actions?: MailContent["actions"] };
}

/** The kind of the notification that asks someone to decide a request. */
export const APPROVAL_NEEDED = "approval.needed";

/**
 * Marks read every "needs your approval" notification about a request, once nobody is asked to decide what
 * they were told about: the request was decided (by anyone, through any channel), moved to its next step,
 * cancelled, expired or routed to someone else. Call it in the transaction that records that.
 */
export async function retireApprovalNotifications(tx: Tx, requestId: string, now: Date): Promise<number> {
  const { count } = await tx.notification.updateMany({
    where: { requestId, kind: APPROVAL_NEEDED, readAt: null },
    data: { readAt: now },
  });
  return count;
}

/** In-app notification plus, optionally, a mail queued through the outbox (sent after commit). */
export async function notify(tx: Tx, spec: NotificationSpec): Promise<void> {
  await tx.notification.create({
    data: {
      userId: spec.userId,
      requestId: spec.requestId ?? null,
      kind: spec.kind,
      title: spec.title,
      body: spec.body,
      link: spec.link ?? null,
    },
  });
  if (!spec.mail) return;
  const user = await tx.user.findUnique({ where: { id: spec.userId }, select: { email: true, name: true } });
  if (!user) return;
  const { portalUrl, mail } = getConfig();
  const rendered = renderMail({
    greetingName: user.name,
    title: spec.title,
    body: spec.body,
    link: spec.link ? `${portalUrl}${spec.link}` : undefined,
    actions: spec.mail.actions,
  });
  const message = await tx.mailMessage.create({
    data: { to: user.email, subject: spec.title, text: rendered.text, html: rendered.html, transport: mail.smtpUrl ? "smtp" : "local" },
  });
  await enqueueJob(tx, { kind: "mail.send", payload: { mailId: message.id }, dedupeKey: `mail:${message.id}` });
}

/** Everyone who can act as an admin approver. */
export async function adminIds(tx: Tx): Promise<string[]> {
  const admins = await tx.user.findMany({ where: { role: "ADMIN" }, select: { id: true } });
  return admins.map((a) => a.id);
}
