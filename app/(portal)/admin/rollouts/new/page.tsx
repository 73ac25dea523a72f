import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RolloutForm } from "@/components/admin/rollout-form";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { RawId } from "@/components/ui/raw-id";
import { requireRole } from "@/lib/auth/session";
import { MAX_WAVE_SIZE, ROLLOUT_DEFAULTS } from "@/lib/domain/rollout";
import { workspaceStateLabel } from "@/lib/presentation/labels";
import { rolloutMethodLabel, utcMinute, waveLabel } from "@/lib/presentation/rollout";
import { rolloutPlan } from "@/lib/queries/admin-rollouts";

export const metadata: Metadata = { title: "New rollout" };
export const dynamic = "force-dynamic";

const section = "mb-4 rounded-lg border border-slate-200 bg-white p-4";
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function NewRolloutPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN");
  const query = await searchParams;
  const bundleId = one(query.bundle);
  if (!bundleId) notFound();
  const method = one(query.method) === "migrate" ? "migrate" : "rebuild";
  const sourceBundleId = one(query.from);
  const plan = await rolloutPlan({ bundleId, region: one(query.region), method, sourceBundleId });
  if (!plan.bundle) {
    if (plan.errors.length) throw new Error(`Could not read the bundles: ${plan.errors.join("; ")}`);
    notFound();
  }
  const { bundle } = plan;
  const bundleHref = `/admin/bundles/${bundle.bundleId}?region=${bundle.region}`;
  const waves = Math.max(
    0,
    plan.workspaces.length ? Math.ceil(Math.max(0, plan.total - ROLLOUT_DEFAULTS.canarySize) / MAX_WAVE_SIZE) + 1 : 0,
  );
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: "Rollouts", href: "/admin/rollouts" },
          { label: bundle.name, href: bundleHref },
        ]}
        current="New rollout"
      />
      <PageHeader
        title={`Roll out a new image of ${bundle.name}`}
        description="A canary wave first, then waves of at most 25 WorkSpaces with a pause between them, through the executor."
      />
      <p className="mb-4 text-sm">
        <RawId value={bundle.bundleId} label="bundle id" />
      </p>
      {!bundle.custom && (
        <p role="alert" className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          This is one of Amazon&apos;s public bundles: its image cannot be changed. Roll out a custom bundle built from your own image.
        </p>
      )}
      {plan.activeRolloutId && (
        <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          A rollout of this bundle is still under way.{" "}
          <Link className="underline" href={`/admin/rollouts/${plan.activeRolloutId}`}>
            Open it
          </Link>
          ; a new one can start once it has ended.
        </p>
      )}

      <section aria-labelledby="how" className={section}>
        <h2 id="how" className="mb-2 text-lg font-medium text-brand-900">
          How the WorkSpaces get the image
        </h2>
        <form method="get" noValidate className="space-y-2 text-sm">
          <input type="hidden" name="bundle" value={bundle.bundleId} />
          <input type="hidden" name="region" value={bundle.region} />
          <fieldset>
            <legend className="font-medium text-slate-800">Method</legend>
            <label className="mt-1 flex items-start gap-2">
              <input type="radio" name="method" value="rebuild" defaultChecked={method === "rebuild"} className="mt-1" />
              <span>
                {rolloutMethodLabel("rebuild")}: each WorkSpace on {bundle.name} keeps its id, name and address and gets a fresh drive C
                from the new image.
              </span>
            </label>
            <label className="mt-1 flex items-start gap-2">
              <input type="radio" name="method" value="migrate" defaultChecked={method === "migrate"} className="mt-1" />
              <span>
                {rolloutMethodLabel("migrate")}: WorkSpaces on another bundle move to {bundle.name}; each gets a new id, computer name and
                address.
              </span>
            </label>
          </fieldset>
          <label className="block">
            <span className="block text-slate-800">Bundle to migrate from (for a migration)</span>
            <select name="from" defaultValue={sourceBundleId ?? ""} className="mt-1 max-w-full rounded border border-slate-300 px-2 py-1">
              <option value="">Choose a bundle</option>
              {plan.sources.map((s) => (
                <option key={s.bundleId} value={s.bundleId}>
                  {s.name} ({s.inUse} WorkSpace{s.inUse === 1 ? "" : "s"})
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
            Show the WorkSpaces
          </button>
        </form>
      </section>

      <section aria-labelledby="who" className={section}>
        <h2 id="who" className="mb-2 text-lg font-medium text-brand-900">
          {plan.total} WorkSpace{plan.total === 1 ? "" : "s"}
          {plan.total ? `, in about ${waves} wave${waves === 1 ? "" : "s"}` : ""}, and what each loses
        </h2>
        <p className="mb-2 text-sm text-slate-700">{plan.loss}</p>
        <p className="mb-3 text-sm text-slate-600">
          AWS snapshots each user volume about every 12 hours and brings the user drive back from the newest snapshot, so anything saved
          after it is gone. Check the times below; a WorkSpace without a recent snapshot is marked. Owners get a notification and a mail
          before their wave, asking them to save their work and sign out. AWS advises moving WorkSpaces in groups of at most 25, which is
          the largest wave here.
        </p>
        {plan.total === 0 ? (
          <p className="text-sm text-slate-600">
            {method === "migrate" && !sourceBundleId ? "Choose the bundle to migrate from." : "AWS lists no WorkSpace on this bundle."}
          </p>
        ) : (
          <div className="overflow-x-auto">
            {plan.total > plan.workspaces.length && (
              <p className="mb-2 text-sm font-medium text-slate-800">
                Snapshot times shown for the first {plan.snapshotLimit} of {plan.total} WorkSpaces; each WorkSpace&apos;s is checked before
                its wave and shown on the rollout&apos;s page.
              </p>
            )}
            <table className="w-full text-left text-sm">
              <caption className="sr-only">WorkSpaces in the rollout, their wave and last snapshot</caption>
              <thead>
                <tr className="border-b border-slate-200 text-slate-600">
                  <th scope="col" className="py-1 pr-3">
                    WorkSpace
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Owner
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    State
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Wave
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Last snapshot
                  </th>
                  <th scope="col" className="py-1">
                    User drive
                  </th>
                </tr>
              </thead>
              <tbody>
                {plan.workspaces.map((w) => (
                  <tr key={w.workspaceId} className="border-b border-slate-100 align-top">
                    <td className="py-1 pr-3">
                      <Link href={`/admin/fleet/${w.workspaceId}`} prefetch={false} className="text-brand-700 underline">
                        {w.name}
                      </Link>
                      <br />
                      <code data-raw-id className="text-xs text-slate-600">
                        {w.workspaceId}
                      </code>
                    </td>
                    <td className="py-1 pr-3">{w.owner}</td>
                    <td className="py-1 pr-3">{workspaceStateLabel(w.state)}</td>
                    <td className="py-1 pr-3 whitespace-nowrap">{waveLabel(w.wave)}</td>
                    <td className="py-1 pr-3 whitespace-nowrap">{w.lastSnapshotAt ? utcMinute(w.lastSnapshotAt) : "None yet"}</td>
                    <td className={`py-1 ${w.loss.warn ? "text-amber-800" : "text-slate-700"}`}>
                      {w.loss.warn ? <strong>Check first: </strong> : null}
                      {w.loss.userVolume}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {plan.total > plan.workspaces.length && (
              <p className="mt-2 text-sm text-slate-600">
                And {plan.total - plan.workspaces.length} more, not listed here; they are in the waves after these.
              </p>
            )}
          </div>
        )}
      </section>

      {bundle.custom && (
        <section aria-labelledby="start" className={section}>
          <h2 id="start" className="mb-2 text-lg font-medium text-brand-900">
            Start
          </h2>
          <p className="mb-3 text-sm text-slate-600">
            The canary wave runs first; the rollout then waits for you to check those WorkSpaces and choose Continue. After that each wave
            starts when the previous one is through and the pause has passed, and the rollout stops by itself when more than the share you
            set of a wave fails.
          </p>
          {plan.images.length === 0 ? (
            <p className="text-sm text-slate-600">No image is available in {bundle.region}.</p>
          ) : (
            <RolloutForm
              region={bundle.region}
              bundleId={bundle.bundleId}
              method={method}
              sourceBundleId={method === "migrate" ? sourceBundleId : undefined}
              images={plan.images.map((i) => ({ imageId: i.imageId, name: i.name }))}
              currentImageId={bundle.imageId}
              total={plan.total}
              defaults={ROLLOUT_DEFAULTS}
            />
          )}
        </section>
      )}
    </>
  );
}
