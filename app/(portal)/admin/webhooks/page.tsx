import type { Metadata } from "next";
import Link from "next/link";
import { WebhookActions } from "@/components/admin/webhooks/webhook-actions";
import { WebhookCreateForm } from "@/components/admin/webhooks/webhook-create-form";
import { WebhookNetworkForm } from "@/components/admin/webhooks/webhook-network-form";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { relativeTime, utc } from "@/lib/presentation/format";
import { listWebhooks, type WebhookRow } from "@/lib/queries/admin-webhooks";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

function LastOutcome({ last, now }: { last: WebhookRow["last"]; now: Date }) {
  if (!last) return <span className="text-slate-600">No deliveries yet</span>;
  const tone = last.status === "DELIVERED" ? "success" : last.status === "FAILED" ? "danger" : "warning";
  const label = last.status === "DELIVERED" ? "Delivered" : last.status === "FAILED" ? "Failed" : "Pending";
  return (
    <span title={utc(last.at)}>
      <Badge tone={tone}>{label}</Badge>{" "}
      <span className="text-xs text-slate-600">
        {last.statusCode ? `HTTP ${last.statusCode}, ` : ""}
        {relativeTime(last.at, now)}
      </span>
      {last.error && last.status !== "DELIVERED" && <span className="block max-w-xs truncate text-xs text-red-700">{last.error}</span>}
    </span>
  );
}

export default async function WebhooksPage() {
  await requireRole("ADMIN");
  const now = new Date();
  const { webhooks, allowPrivate } = await listWebhooks(now);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="IT service management tools that hear about requests, WorkSpace states and reclaim warnings as they happen."
      />
      <p className="mb-6 max-w-3xl text-sm text-slate-700">
        Each delivery is a signed JSON POST. Failed deliveries are tried again with growing pauses for 24 hours, then marked failed; each
        endpoint&apos;s delivery log shows every attempt and can send a delivery again.
      </p>
      <WebhookCreateForm />
      <WebhookNetworkForm allowPrivate={allowPrivate} />
      <h2 className="mb-2 text-lg font-medium text-brand-900">Endpoints</h2>
      {webhooks.length === 0 ? (
        <EmptyState title="No endpoints yet">Add one above; nothing is sent until then.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Webhook endpoints</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Endpoint
                </th>
                <th scope="col" className="px-3 py-2">
                  Events
                </th>
                <th scope="col" className="px-3 py-2">
                  Last delivery
                </th>
                <th scope="col" className="px-3 py-2">
                  Failed (24 h)
                </th>
                <th scope="col" className="px-3 py-2">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {webhooks.map((w) => (
                <tr key={w.id}>
                  <td className="px-3 py-2">
                    <Link href={`/admin/webhooks/${w.id}`} className="font-medium text-brand-700 underline">
                      {w.name}
                    </Link>{" "}
                    {!w.active && <Badge tone="muted">Disabled</Badge>}
                    <span className="block max-w-xs break-all font-mono text-xs text-slate-600">{w.url}</span>
                  </td>
                  <td className="px-3 py-2">
                    <ul className="font-mono text-xs text-slate-700">
                      {w.events.map((e) => (
                        <li key={e}>{e}</li>
                      ))}
                    </ul>
                  </td>
                  <td className="px-3 py-2">
                    <LastOutcome last={w.last} now={now} />
                    {w.pending > 0 && <span className="block text-xs text-slate-600">{w.pending} waiting</span>}
                  </td>
                  <td className="px-3 py-2">{w.failedLastDay > 0 ? <Badge tone="danger">{w.failedLastDay}</Badge> : "0"}</td>
                  <td className="px-3 py-2">
                    <WebhookActions webhookId={w.id} name={w.name} active={w.active} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
