import type { Metadata } from "next";
import Link from "next/link";
import { RequestTable } from "@/components/requests/request-table";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { isOpenRequest } from "@/lib/presentation/status";
import { listMyRequests } from "@/lib/queries/requests";

export const metadata: Metadata = { title: "My requests" };

export default async function MyRequestsPage() {
  const user = await requireUser();
  const requests = await listMyRequests(user.id);
  const open = requests.filter((r) => isOpenRequest(r.status));
  const done = requests.filter((r) => !isOpenRequest(r.status));
  const now = new Date();
  return (
    <>
      <PageHeader title="My requests" description="Everything you asked for, with its approval and progress." />
      <AutoRefresh active={open.length > 0} />
      {requests.length === 0 ? (
        <EmptyState title="No requests yet">
          Requests you make from{" "}
          <Link href="/" className="text-brand-600 underline">
            My WorkSpaces
          </Link>{" "}
          show up here.
        </EmptyState>
      ) : (
        <div className="space-y-8">
          <section aria-labelledby="open-heading">
            <h2 id="open-heading" className="mb-3 text-lg font-semibold text-brand-900">
              Open ({open.length})
            </h2>
            {open.length ? (
              <RequestTable items={open} now={now} caption="Open requests" />
            ) : (
              <p className="text-sm text-slate-600">Nothing is waiting or running.</p>
            )}
          </section>
          <section aria-labelledby="done-heading">
            <h2 id="done-heading" className="mb-3 text-lg font-semibold text-brand-900">
              Finished ({done.length})
            </h2>
            {done.length ? (
              <RequestTable items={done} now={now} caption="Finished requests" />
            ) : (
              <p className="text-sm text-slate-600">No finished requests yet.</p>
            )}
          </section>
        </div>
      )}
    </>
  );
}
