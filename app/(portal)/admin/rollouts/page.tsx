import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { rolloutMethodLabel, rolloutStatusLabel, utcMinute, waveLabel } from "@/lib/presentation/rollout";
import { listRollouts } from "@/lib/queries/admin-rollouts";

export const metadata: Metadata = { title: "Rollouts" };
export const dynamic = "force-dynamic";

export default async function RolloutsPage() {
  await requireRole("ADMIN");
  const rollouts = await listRollouts();
  return (
    <>
      <PageHeader
        title="Rollouts"
        description="A bundle's new image brought to its WorkSpaces in waves: a canary first, your Continue, then waves of at most 25."
      />
      <p className="mb-4 text-sm text-slate-600">
        To start one, open a custom bundle under{" "}
        <Link href="/admin/bundles" className="text-brand-700 underline">
          Bundles
        </Link>{" "}
        and choose &quot;Roll out to its WorkSpaces&quot;.
      </p>
      {rollouts.length === 0 ? (
        <p className="text-sm text-slate-600">No rollout yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Rollouts, newest first</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th scope="col" className="px-3 py-2">
                  Rollout
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="px-3 py-2">
                  Wave
                </th>
                <th scope="col" className="px-3 py-2">
                  Progress
                </th>
                <th scope="col" className="px-3 py-2">
                  Started
                </th>
              </tr>
            </thead>
            <tbody>
              {rollouts.map((r) => (
                <tr key={r.id} className="border-b border-slate-100">
                  <td className="px-3 py-2">
                    <Link href={`/admin/rollouts/${r.id}`} className="text-brand-700 underline">
                      {rolloutMethodLabel(r.method)} {r.bundleName}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{rolloutStatusLabel(r.status)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {waveLabel(r.currentWave)} of {r.waveCount}
                  </td>
                  <td className="px-3 py-2">
                    {r.done} done · {r.failed} failed · {r.pending} to go
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {utcMinute(r.createdAt)} by {r.createdBy}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
