import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { getMail } from "@/lib/queries/mail";

export const metadata: Metadata = { title: "Mail" };

export default async function MailMessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("ADMIN");
  const { id } = await params;
  const message = await getMail(id);
  if (!message) notFound();
  return (
    <>
      <PageHeader
        title={message.subject}
        description={`To ${message.to} · ${message.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC`}
      />
      <Link href="/admin/mail" className="text-sm font-medium text-brand-600 underline">
        Back to the outbox
      </Link>
      {/* The mail as its recipient sees it, isolated from the portal: a sandboxed frame runs no script. */}
      <iframe
        title={`Mail: ${message.subject}`}
        sandbox="allow-popups allow-top-navigation-by-user-activation"
        srcDoc={message.html}
        className="mt-4 h-[32rem] w-full rounded-lg border border-slate-200 bg-white"
      />
      <details className="mt-4">
        <summary className="cursor-pointer text-sm font-medium">Plain-text version</summary>
        <pre className="mt-2 whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-4 text-sm">{message.text}</pre>
      </details>
    </>
  );
}
