import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { listMail } from "@/lib/queries/mail";

export const metadata: Metadata = { title: "Mail outbox" };

export default async function MailOutboxPage() {
  await requireRole("ADMIN");
  const messages = await listMail();
  return (
    <>
      <PageHeader title="Mail outbox" description="Every mail the portal sent. Without SMTP configured, this is where mail goes." />
      {messages.length === 0 ? (
        <EmptyState title="No mail yet">Approval requests and status changes appear here as they happen.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  To
                </th>
                <th scope="col" className="px-3 py-2">
                  Subject
                </th>
                <th scope="col" className="px-3 py-2">
                  Queued
                </th>
                <th scope="col" className="px-3 py-2">
                  Delivery
                </th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">{m.to}</td>
                  <td className="px-3 py-2">
                    <Link href={`/admin/mail/${m.id}`} className="font-medium text-brand-600 underline">
                      {m.subject}
                    </Link>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{m.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC</td>
                  <td className="px-3 py-2">
                    {m.error ? `Failed: ${m.error}` : m.sentAt ? (m.transport === "local" ? "Local outbox" : "Sent") : "Queued"}
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
