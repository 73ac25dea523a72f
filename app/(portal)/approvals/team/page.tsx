import type { Metadata } from "next";
import Link from "next/link";
import { ApprovalTabs } from "@/components/approvals/tabs";
import { RequestTable } from "@/components/requests/request-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StateBadge } from "@/components/workspaces/state-badge";
import { monthlyCostText, runningModeText } from "@/components/workspaces/facts";
import { requireRole } from "@/lib/auth/session";
import { formatMoney } from "@/lib/domain";
import { teamOpenRequests } from "@/lib/queries/approvals";
import { listTeamWorkspaces } from "@/lib/queries/workspaces";
import { bundleNameLabel, computeTypeLabel, workspaceDisplayName } from "@/lib/presentation/labels";

export const metadata: Metadata = { title: "My team" };

export default async function TeamPage() {
  const user = await requireRole("MANAGER");
  const [workspaces, open] = await Promise.all([listTeamWorkspaces(user.id), teamOpenRequests(user.id)]);
  const total = workspaces.reduce((sum, w) => sum + (w.monthlyCost?.cents ?? 0), 0);
  const unknown = workspaces.filter((w) => !w.monthlyCost).length;
  return (
    <>
      <PageHeader title="Approvals" description="Your team's WorkSpaces, what they cost, and what they asked for." />
      <ApprovalTabs current="/approvals/team" />
      <section aria-labelledby="team-ws" className="mb-8">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="team-ws" className="text-lg font-semibold text-brand-900">
            My team&apos;s WorkSpaces ({workspaces.length})
          </h2>
          <p className="text-sm text-slate-800">
            Total:{" "}
            <span className="font-semibold" data-testid="team-total">
              {formatMoney({ cents: total, currency: "USD" })} / month
            </span>
            {unknown ? ` (${unknown} without an estimate)` : ""}
          </p>
        </div>
        {workspaces.length === 0 ? (
          <EmptyState title="Nobody in your team has a WorkSpace yet" />
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <caption className="sr-only">Team WorkSpaces with monthly cost</caption>
              <thead className="bg-slate-50 text-xs uppercase text-slate-600">
                <tr>
                  <th scope="col" className="p-3">
                    Person
                  </th>
                  <th scope="col" className="p-3">
                    WorkSpace
                  </th>
                  <th scope="col" className="p-3">
                    State
                  </th>
                  <th scope="col" className="p-3">
                    Compute · mode
                  </th>
                  <th scope="col" className="p-3 text-right">
                    Monthly cost
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {workspaces.map((w) => (
                  <tr key={w.id}>
                    <td className="p-3 font-medium">{w.ownerName ?? w.userName}</td>
                    <td className="p-3">
                      <span className="font-medium text-slate-900">{workspaceDisplayName(w)}</span>
                      <span className="block text-xs text-slate-700">
                        {bundleNameLabel(w.bundleName)} · {w.directoryName}
                      </span>
                      <code data-raw-id className="text-xs text-slate-600">
                        {w.id}
                      </code>
                    </td>
                    <td className="p-3">
                      <StateBadge state={w.state} label={w.stateLabel} tone={w.stateTone} withHint={false} />
                    </td>
                    <td className="p-3">
                      {w.computeType ? computeTypeLabel(w.computeType) : "—"} · {runningModeText(w)}
                    </td>
                    <td className="p-3 text-right">{monthlyCostText(w)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="team-open">
        <h2 id="team-open" className="mb-3 text-lg font-semibold text-brand-900">
          Their open requests ({open.length})
        </h2>
        {open.length === 0 ? (
          <p className="text-sm text-slate-600">
            Nothing open.{" "}
            <Link href="/approvals/history" className="text-brand-600 underline">
              See what you decided
            </Link>
            .
          </p>
        ) : (
          <RequestTable caption="Team open requests" now={new Date()} items={open.map((r) => ({ ...r, who: r.requesterName }))} />
        )}
      </section>
    </>
  );
}
