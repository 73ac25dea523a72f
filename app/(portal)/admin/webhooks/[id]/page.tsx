import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RedeliverButton } from "@/components/admin/webhooks/redeliver-button";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { utc } from "@/lib/presentation/format";
import { getWebhookLog } from "@/lib/queries/admin-webhooks";
import { webhookLogQuery } from "@/lib/schemas/webhooks";

export const metadata: Metadata = { title: "Webhook deliveries" };
export const dynamic = "force-dynamic";

const STATUS = {
  DELIVERED: { label: "Delivered", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
  PENDING: { label: "Pending", tone: "warning" },
} as const;

export default async function WebhookLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("ADMIN");
  const { id } = await params;
  const { page } = webhookLogQuery.parse(await searchParams);
  const log = await getWebhookLog(id.slice(0, 64), page);
  if (!log) notFound();
  const { webhook, deliveries } = log;
  return (
    <>
      <PageHeader title={`Deliveries to ${webhook.name}`} description={webhook.url} />
      <p className="mb-4 text-sm">
        <Link href="/admin/webhooks" className="text-brand-700 underline">
          All endpoints
        </Link>
        {!webhook.active && <span className="ml-2 text-slate-600">This endpoint is disabled; nothing is sent to it.</span>}
      </p>
      {deliveries.length === 0 ? (
        <EmptyState title="Nothing delivered yet">Deliveries appear here when one of its events happens.</EmptyState>
      ) : (
        <ol className="space-y-3">
          {deliveries.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={STATUS[d.status].tone}>{STATUS[d.status].label}</Badge>
                <span className="font-mono text-xs text-slate-800">{d.event.type}</span>
                <span className="font-mono text-xs text-slate-600">{d.event.id}</span>
                <span className="text-xs text-slate-600">{utc(d.event.occurredAt)}</span>
                <span className="ml-auto">
                  <RedeliverButton deliveryId={d.id} />
                </span>
              </div>
              {d.status === "PENDING" && d.nextAttemptAt && <p className="mt-1 text-xs text-slate-600">Next try {utc(d.nextAttemptAt)}</p>}
              {d.log.length > 0 && (
                <table className="mt-2 w-full text-xs">
                  <caption className="sr-only">Attempts</caption>
                  <thead className="text-left text-slate-600">
                    <tr>
                      <th scope="col" className="pr-3 font-medium">
                        Attempt
                      </th>
                      <th scope="col" className="pr-3 font-medium">
                        Answer
                      </th>
                      <th scope="col" className="pr-3 font-medium">
                        Took
                      </th>
                      <th scope="col" className="font-medium">
                        Error
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.log.map((a) => (
                      <tr key={a.id} className="align-top">
                        <td className="pr-3 text-slate-700">{utc(a.at)}</td>
                        <td className="pr-3">{a.statusCode ?? "none"}</td>
                        <td className="pr-3">{a.durationMs} ms</td>
                        <td className="break-all text-red-700">{a.error ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ol>
      )}
      {log.pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
          {page > 1 && (
            <Link href={`/admin/webhooks/${webhook.id}?page=${page - 1}`} className="text-brand-700 underline">
              Newer
            </Link>
          )}
          <span className="text-slate-600">
            Page {page} of {log.pages} ({log.total} deliveries)
          </span>
          {page < log.pages && (
            <Link href={`/admin/webhooks/${webhook.id}?page=${page + 1}`} className="text-brand-700 underline">
              Older
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
