import type { Metadata } from "next";
import { ApprovalInbox } from "@/components/approvals/inbox";
import { ApprovalTabs } from "@/components/approvals/tabs";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { monthlyAndAnnual, relativeTime } from "@/lib/presentation/format";
import { approvalInbox } from "@/lib/queries/approvals";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const user = await requireRole("MANAGER");
  const rows = await approvalInbox(user);
  const now = new Date();
  const items = rows.map((r) => {
    const cost = monthlyAndAnnual(r.costDeltaCents);
    const deadline =
      r.escalated || r.escalatesAt <= now
        ? `expires ${relativeTime(r.expiresAt, now)}`
        : `escalates to admins ${relativeTime(r.escalatesAt, now)}, expires ${relativeTime(r.expiresAt, now)}`;
    return {
      id: r.id,
      requesterName: r.requesterName,
      what: r.what,
      justification: r.justification,
      monthly: cost?.monthly ?? "Cost unknown",
      annual: cost?.annual ?? "cannot be estimated",
      approvalReason: r.approvalReason,
      age: relativeTime(r.createdAt, now),
      deadline,
      delegatedFrom: r.delegatedFrom,
      stepLabel: r.stepLabel,
      whyAsked: r.whyAsked,
    };
  });
  return (
    <>
      <PageHeader title="Approvals" description="Requests waiting for your decision, including those delegated to you." />
      <ApprovalTabs current="/approvals" waiting={items.length} />
      <AutoRefresh active intervalMs={15000} />
      <ApprovalInbox items={items} />
    </>
  );
}
