import type { Metadata } from "next";
import Link from "next/link";
import { ApprovalTabs } from "@/components/approvals/tabs";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RequestStatusBadge } from "@/components/ui/request-status";
import { requireRole } from "@/lib/auth/session";
import { signedMoney, utc } from "@/lib/presentation/format";
import { decisionHistory } from "@/lib/queries/approvals";

export const metadata: Metadata = { title: "Approval history" };

export default async function ApprovalHistoryPage() {
  const user = await requireRole("MANAGER");
  const rows = await decisionHistory(user.id);
  return (
    <>
      <PageHeader title="Approvals" description="What you decided, and what became of it." />
      <ApprovalTabs current="/approvals/history" />
      {rows.length === 0 ? (
        <EmptyState title="You have not decided anything yet" />
      ) : (
        <ul aria-label="Decided requests" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {rows.map((d) => (
            <li key={d.id} className="flex flex-col gap-1 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <Link href={`/requests/${d.requestId}`} className="font-medium text-brand-700 hover:underline">
                  {d.requesterName}: {d.what}
                </Link>
                <p className="text-xs text-slate-600">
                  {utc(d.decidedAt)}
                  {d.channel === "EMAIL" ? " · by email" : ""}
                  {d.costDeltaCents ? ` · ${signedMoney(d.costDeltaCents)} / month` : ""}
                  {d.comment ? ` · “${d.comment}”` : ""}
                </p>
              </div>
              <span className="flex gap-2">
                <Badge tone={d.decision === "APPROVED" ? "success" : "danger"}>
                  You {d.decision === "APPROVED" ? "approved" : "rejected"}
                </Badge>
                <RequestStatusBadge status={d.status} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
