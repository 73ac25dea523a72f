import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RequestStatusBadge } from "@/components/ui/request-status";
import { primaryButton } from "@/components/ui/styles";
import { WorkspaceCard } from "@/components/workspaces/workspace-card";
import { requireUser } from "@/lib/auth/session";
import { relativeTime } from "@/lib/presentation/format";
import { isTransitional } from "@/lib/presentation/status";
import { myDashboard } from "@/lib/queries/workspaces";

export const metadata: Metadata = { title: "My WorkSpaces" };

export default async function MyWorkspacesPage() {
  const user = await requireUser();
  const { workspaces, coming } = await myDashboard(user.id);
  const now = new Date();
  const moving = workspaces.some((w) => isTransitional(w.state) || w.openRequests.length > 0) || coming.length > 0;
  return (
    <>
      <PageHeader
        title="My WorkSpaces"
        description="Your cloud desktops, what they cost, and what is happening to them."
        actions={
          <Link href="/workspaces/new" className={primaryButton}>
            Request a WorkSpace
          </Link>
        }
      />
      <AutoRefresh active={moving} />
      {coming.length > 0 && (
        <section aria-label="WorkSpaces on their way" className="mb-6 space-y-2">
          {coming.map((r) => (
            <div
              key={r.id}
              className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-brand-100 bg-brand-50 p-4 text-sm"
            >
              <p>
                <span className="font-semibold text-brand-900">A new WorkSpace is on its way.</span>{" "}
                <span className="text-slate-700">Requested {relativeTime(r.createdAt, now)}.</span>
              </p>
              <span className="flex items-center gap-3" aria-live="polite">
                <RequestStatusBadge status={r.status} />
                <Link href={`/requests/${r.id}`} className="font-medium text-brand-600 underline">
                  Follow the request
                </Link>
              </span>
            </div>
          ))}
        </section>
      )}
      {workspaces.length === 0 ? (
        coming.length === 0 && (
          <EmptyState title="You have no WorkSpace yet">
            <p>Ask for one: pick a bundle, see what it costs, and your manager is asked to approve if needed.</p>
            <Link href="/workspaces/new" className={`${primaryButton} mt-4`}>
              Request your first WorkSpace
            </Link>
          </EmptyState>
        )
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {workspaces.map((ws) => (
            <WorkspaceCard key={ws.id} ws={ws} now={now} />
          ))}
        </div>
      )}
    </>
  );
}
