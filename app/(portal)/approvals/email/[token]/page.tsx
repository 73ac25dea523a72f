import type { Metadata } from "next";
import Link from "next/link";
import { EmailDecisionForm } from "@/components/approvals/email-decision-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { formatMoney } from "@/lib/domain";
import { readEmailLink } from "@/lib/services/requests/email-decision";

export const metadata: Metadata = { title: "Confirm your decision" };

// Opening the link only shows what it would do; the decision is made by the button, signed in.
export default async function EmailDecisionPage({ params }: { params: Promise<{ token: string }> }) {
  const user = await requireRole("MANAGER");
  const { token } = await params;
  const link = await readEmailLink(user, decodeURIComponent(token));
  if (!link.ok) {
    return (
      <>
        <PageHeader title="This link cannot be used" />
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          {link.reason}
        </p>
        <Link href="/approvals" className="mt-4 inline-block text-sm font-medium text-brand-600 underline">
          Go to your approvals
        </Link>
      </>
    );
  }
  const { request, action, what, whyAsked } = link;
  const delta = request.costDeltaCents;
  return (
    <>
      <PageHeader title={action === "APPROVED" ? "Approve this request?" : "Reject this request?"} description={whyAsked ?? undefined} />
      <dl className="grid gap-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium text-slate-600">Requested by</dt>
        <dd>{request.requester.name}</dd>
        <dt className="font-medium text-slate-600">Change</dt>
        <dd>{what}</dd>
        <dt className="font-medium text-slate-600">Monthly cost</dt>
        <dd>
          {delta === null
            ? "Could not be estimated"
            : `${delta >= 0 ? "+" : "−"}${formatMoney({ cents: Math.abs(delta), currency: "USD" })} a month`}
        </dd>
        <dt className="font-medium text-slate-600">Why approval is needed</dt>
        <dd>{request.approvalReason}</dd>
        <dt className="font-medium text-slate-600">Justification</dt>
        <dd className="whitespace-pre-line">{request.justification}</dd>
      </dl>
      <EmailDecisionForm token={decodeURIComponent(token)} action={action} />
    </>
  );
}
