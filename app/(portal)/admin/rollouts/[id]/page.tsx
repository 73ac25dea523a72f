import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RolloutControls } from "@/components/admin/rollout-controls";
import { ProgressBar } from "@/components/charts/progress-bar";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { canContinue, canRetryFailures, canStop } from "@/lib/domain/rollout";
import { rolloutItemStatusLabel, rolloutMethodLabel, rolloutStatusLabel, utcMinute, waveLabel } from "@/lib/presentation/rollout";
import { getRollout } from "@/lib/queries/admin-rollouts";

export const metadata: Metadata = { title: "Rollout" };
export const dynamic = "force-dynamic";

const section = "mb-4 rounded-lg border border-slate-200 bg-white p-4";
const TONE: Record<string, string> = {
  DONE: "text-emerald-800",
  FAILED: "text-red-800",
  IN_PROGRESS: "text-brand-800",
  PENDING: "text-slate-600",
};

export default async function RolloutPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("ADMIN");
  const found = await getRollout((await params).id);
  if (!found) notFound();
  const { rollout, counts, waves, bundleName, sourceBundleName } = found;
  const title = `${rolloutMethodLabel(rollout.method)} ${bundleName}`;
  const now = new Date();
  const facts: [string, string][] = [
    ["Status", rolloutStatusLabel(rollout.status)],
    ["Started", `${utcMinute(rollout.createdAt)} by ${rollout.createdBy}`],
    ...(sourceBundleName ? ([["Migrating from", sourceBundleName]] as [string, string][]) : []),
    ["Canary wave", `${rollout.canarySize} WorkSpace${rollout.canarySize === 1 ? "" : "s"}, then waves of at most ${rollout.waveSize}`],
    ["Pause between waves", `${rollout.pauseMinutes} minute${rollout.pauseMinutes === 1 ? "" : "s"}`],
    ["Stops when", `more than ${rollout.failureThresholdPercent}% of a wave fails`],
    ["Current wave", `${waveLabel(rollout.currentWave)} of ${rollout.waveCount} waves`],
  ];
  if (rollout.status === "RUNNING" && rollout.nextWaveAt && rollout.nextWaveAt > now)
    facts.push(["Next wave starts", utcMinute(rollout.nextWaveAt)]);
  if (rollout.status === "WAITING_FOR_CONTINUE" && rollout.nextWaveAt)
    facts.push(["Next wave", `after Continue, not before ${utcMinute(rollout.nextWaveAt)}`]);
  if (rollout.finishedAt) facts.push(["Finished", utcMinute(rollout.finishedAt)]);

  return (
    <>
      <Breadcrumbs trail={[{ label: "Rollouts", href: "/admin/rollouts" }]} current={title} />
      <PageHeader
        title={title}
        description={found.loss}
        actions={
          <Link href={`/admin/bundles/${rollout.bundleId}?region=${rollout.region}`} className="text-sm text-brand-700 underline">
            The bundle
          </Link>
        }
      />
      {rollout.status === "WAITING_FOR_CONTINUE" && (
        <p role="status" className="mb-4 rounded-md border border-brand-200 bg-brand-50 p-3 text-sm text-brand-900">
          The canary wave is through. Check that its WorkSpaces work as they should (ask their owners to sign in), then choose Continue. The
          owners of the next wave have been told.
        </p>
      )}
      {rollout.stoppedReason && rollout.status === "STOPPED" && (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {rollout.stoppedReason}
        </p>
      )}
      <RolloutControls
        rolloutId={rollout.id}
        canContinue={canContinue(rollout.status)}
        canStop={canStop(rollout.status)}
        canRetry={canRetryFailures(rollout.status, { failed: counts.failed, inProgress: counts.inProgress })}
        failed={counts.failed}
        live={rollout.status === "RUNNING" || counts.inProgress > 0}
      />
      <ProgressBar
        label="Rollout progress"
        counts={{ done: counts.done, failed: counts.failed, pending: counts.pending + counts.inProgress }}
      />
      <section aria-labelledby="facts" className={`${section} mt-4`}>
        <h2 id="facts" className="mb-2 text-lg font-medium text-brand-900">
          About this rollout
        </h2>
        <dl className="grid grid-cols-[minmax(0,11rem)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-600">{k}</dt>
              <dd className="break-words">{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      {waves.map((wave) => (
        <section key={wave.wave} aria-labelledby={`wave-${wave.wave}`} className={section}>
          <h2 id={`wave-${wave.wave}`} className="mb-1 text-lg font-medium text-brand-900">
            {waveLabel(wave.wave)}
          </h2>
          <p className="mb-2 text-sm text-slate-600">
            {wave.done} done · {wave.failed} failed · {wave.pending} to go
          </p>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{waveLabel(wave.wave)}: each WorkSpace and how far it is</caption>
              <thead>
                <tr className="border-b border-slate-200 text-slate-600">
                  <th scope="col" className="py-1 pr-3">
                    WorkSpace
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Owner
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Progress
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Last snapshot
                  </th>
                  <th scope="col" className="py-1">
                    AWS request id
                  </th>
                </tr>
              </thead>
              <tbody>
                {wave.items.map((i) => (
                  <tr key={i.workspaceId} className="border-b border-slate-100 align-top" data-status={i.status}>
                    <td className="py-1 pr-3">
                      <Link href={`/admin/fleet/${i.result?.id ?? i.workspaceId}`} prefetch={false} className="text-brand-700 underline">
                        {i.result && i.result.state ? i.result.name : i.name}
                      </Link>
                      <br />
                      <code data-raw-id className="text-xs text-slate-600">
                        {i.workspaceId}
                        {i.result ? ` → ${i.result.id}` : ""}
                      </code>
                    </td>
                    <td className="py-1 pr-3">{i.owner ?? "—"}</td>
                    <td className={`py-1 pr-3 ${TONE[i.status] ?? ""}`}>
                      {rolloutItemStatusLabel(i.status)}
                      {i.reason ? <span className="block text-xs">{i.reason}</span> : null}
                      {i.warnedAt && i.ownerId && i.status === "PENDING" ? (
                        <span className="block text-xs text-slate-600">Owner told {utcMinute(i.warnedAt)}</span>
                      ) : null}
                    </td>
                    <td className="py-1 pr-3 whitespace-nowrap">
                      {i.lastSnapshotAt ? utcMinute(i.lastSnapshotAt) : i.warnedAt ? "None found" : "Checked before its wave"}
                    </td>
                    <td className="py-1">
                      {i.awsRequestId ? (
                        <code data-raw-id className="text-xs break-all text-slate-600">
                          {i.awsRequestId}
                        </code>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
