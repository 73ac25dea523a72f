import type { Metadata } from "next";
import { DelegationForm, EndDelegationButton } from "@/components/approvals/delegation-form";
import { ApprovalTabs } from "@/components/approvals/tabs";
import { PageHeader } from "@/components/ui/page-header";
import { cardClass } from "@/components/ui/styles";
import { requireRole } from "@/lib/auth/session";
import { utc } from "@/lib/presentation/format";
import { myDelegations } from "@/lib/queries/approvals";

export const metadata: Metadata = { title: "Delegation" };

export default async function DelegationPage() {
  const user = await requireRole("MANAGER");
  const { given, candidates } = await myDelegations(user.id);
  const now = new Date();
  return (
    <>
      <PageHeader title="Approvals" description="Away? Let another manager decide your team's requests for a while." />
      <ApprovalTabs current="/approvals/delegation" />
      <section aria-labelledby="new-delegation" className={cardClass}>
        <h2 id="new-delegation" className="mb-3 text-lg font-semibold text-brand-900">
          Delegate my approvals
        </h2>
        {candidates.length ? (
          <DelegationForm candidates={candidates} today={now.toISOString().slice(0, 10)} />
        ) : (
          <p className="text-sm text-slate-600">There is no other manager to delegate to.</p>
        )}
      </section>
      <section aria-labelledby="current-delegations" className="mt-6">
        <h2 id="current-delegations" className="mb-3 text-lg font-semibold text-brand-900">
          Current and planned delegations
        </h2>
        {given.filter((d) => d.endsAt > now).length === 0 ? (
          <p className="text-sm text-slate-600">None. You decide your team&apos;s requests yourself.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {given
              .filter((d) => d.endsAt > now)
              .map((d) => (
                <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 p-4 text-sm">
                  <span>
                    <span className="font-medium">{d.delegate.name}</span> · {utc(d.startsAt)} → {utc(d.endsAt)}
                    {d.startsAt <= now ? " · active now" : ""}
                  </span>
                  <EndDelegationButton delegationId={d.id} />
                </li>
              ))}
          </ul>
        )}
      </section>
    </>
  );
}
