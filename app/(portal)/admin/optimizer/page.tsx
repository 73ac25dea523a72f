import type { Metadata } from "next";
import Link from "next/link";
import { OptimizerSettingsForm } from "@/components/admin/optimizer-settings";
import { OptimizerSubmit } from "@/components/admin/optimizer-submit";
import { RefreshUsage } from "@/components/admin/refresh-usage";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { inputClass } from "@/components/ui/styles";
import { requireRole } from "@/lib/auth/session";
import { COMPUTE_TYPES, formatMoney } from "@/lib/domain/client";
import { computeTypeLabel, runningModeLabel } from "@/lib/presentation/labels";
import { utc } from "@/lib/presentation/format";
import { optimizerDryRun, type OptimizerRow } from "@/lib/queries/optimizer";
import { OPTIMIZER_RECOMMENDATIONS, optimizerQueryString, parseOptimizerFilter } from "@/lib/schemas/optimizer";

export const metadata: Metadata = { title: "Cost optimizer" };
export const dynamic = "force-dynamic";

/** Rows shown at once; the CSV has all of them. */
const SHOWN = 500;

const REC_LABELS: Record<(typeof OPTIMIZER_RECOMMENDATIONS)[number], string> = {
  switch: "Any switch",
  SWITCH_TO_ALWAYS_ON: "Switch to AlwaysOn",
  SWITCH_TO_AUTO_STOP: "Switch to AutoStop",
  KEEP: "Keep",
  EXEMPT: "Exempt (Skip_Convert)",
  NO_THRESHOLD: "No threshold",
};

function Recommendation({ row }: { row: OptimizerRow }) {
  const { action } = row.advice;
  const tone = action === "EXEMPT" || action === "NO_THRESHOLD" ? "neutral" : action === "KEEP" ? "success" : "warning";
  return (
    <>
      <Badge tone={tone}>{action === "EXEMPT" ? "Exempt" : REC_LABELS[action]}</Badge>
      <span className="mt-1 block text-xs text-slate-600">{row.advice.reason}</span>
    </>
  );
}

function money(row: OptimizerRow): string {
  if (row.monthlyDeltaCents === null) return row.costProblem ?? "—";
  const amount = formatMoney({ cents: Math.abs(row.monthlyDeltaCents), currency: "USD" });
  const pace = row.projectedHours === null ? "" : ` at this month's pace (about ${row.projectedHours} hours)`;
  return row.monthlyDeltaCents < 0 ? `saves ${amount} a month${pace}` : `costs ${amount} more a month${pace}`;
}

export default async function OptimizerPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN");
  const filter = parseOptimizerFilter(await searchParams);
  const view = await optimizerDryRun(filter);
  const rows = [...view.rows].sort((a, b) => Number(b.target !== null) - Number(a.target !== null)).slice(0, SHOWN);
  const exportHref = `/api/admin/optimizer/export?${optimizerQueryString(filter)}`;
  const dirName = new Map(view.directories.map((d) => [d.id, d.name]));
  const asOf = view.usage.asOf ? utc(view.usage.asOf) : "— (no usage synced yet)";
  return (
    <>
      <PageHeader
        title="Cost optimizer"
        description={
          "A dry run: each WorkSpace's billable hours this month against the break-even hours of its compute type. " +
          "Nothing changes until you create requests; they follow the approval policy like any other request."
        }
        actions={
          <a href={exportHref} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100" download>
            Export CSV
          </a>
        }
      />
      <div className="mb-4 space-y-2">
        <p className="text-sm text-slate-700">
          Usage as of {asOf} · day {view.dayOfMonth} of {view.daysInMonth} · {view.switches} of {view.total} WorkSpaces have a recommended
          switch.
        </p>
        <RefreshUsage />
        {view.usage.lastError && (
          <Alert tone="warning" title="The last usage sync failed">
            {view.usage.lastError} The figures below are from the last good sync.
          </Alert>
        )}
      </div>
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm" aria-label="Filters">
        <label>
          <span className="block text-slate-600">Recommendation</span>
          <select name="rec" defaultValue={filter.rec ?? ""} className={inputClass}>
            <option value="">All</option>
            {OPTIMIZER_RECOMMENDATIONS.map((r) => (
              <option key={r} value={r}>
                {REC_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="block text-slate-600">Compute type</span>
          <select name="compute" defaultValue={filter.compute ?? ""} className={inputClass}>
            <option value="">All</option>
            {view.computeTypes.map((c) => (
              <option key={c} value={c}>
                {computeTypeLabel(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="block text-slate-600">Directory</span>
          <select name="directory" defaultValue={filter.directory ?? ""} className={inputClass}>
            <option value="">All</option>
            {view.directories.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="block text-slate-600">Owner</span>
          <input name="owner" defaultValue={filter.owner ?? ""} placeholder="Name, email or user name" className={inputClass} />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 hover:bg-slate-100">
          Filter
        </button>
        <Link href="/admin/optimizer" className="py-2 text-brand-700 underline">
          Clear
        </Link>
      </form>
      <OptimizerSubmit formId="optimizer-selection" switches={view.switches} />
      {rows.length === 0 ? (
        <EmptyState title="No WorkSpaces match">Change the filters to see more.</EmptyState>
      ) : (
        <form id="optimizer-selection" className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 bg-white text-sm">
            <caption className="sr-only">The optimizer&apos;s recommendation for each WorkSpace</caption>
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-2 py-2">
                  <span className="sr-only">Select</span>
                </th>
                <th scope="col" className="px-2 py-2">
                  WorkSpace
                </th>
                <th scope="col" className="px-2 py-2">
                  Owner
                </th>
                <th scope="col" className="px-2 py-2">
                  Directory
                </th>
                <th scope="col" className="px-2 py-2">
                  Compute
                </th>
                <th scope="col" className="px-2 py-2 text-right">
                  Billable hours
                </th>
                <th scope="col" className="px-2 py-2 text-right">
                  Threshold
                </th>
                <th scope="col" className="px-2 py-2">
                  Mode
                </th>
                <th scope="col" className="px-2 py-2">
                  Recommendation
                </th>
                <th scope="col" className="px-2 py-2">
                  Monthly
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.workspaceId}>
                  <td className="px-2 py-2">
                    {row.target && (
                      <input
                        type="checkbox"
                        name="ws"
                        value={row.workspaceId}
                        aria-label={`Select ${row.computerName ?? row.workspaceId}`}
                      />
                    )}
                  </td>
                  <td className="px-2 py-2">
                    {row.computerName ?? "—"}
                    <code data-raw-id className="block text-xs text-slate-600">
                      {row.workspaceId}
                    </code>
                  </td>
                  <td className="px-2 py-2">{row.owner?.name ?? row.userName}</td>
                  <td className="px-2 py-2">
                    {dirName.get(row.directoryId) ?? (
                      <>
                        Unknown directory{" "}
                        <code data-raw-id className="block text-xs text-slate-600">
                          {row.directoryId}
                        </code>
                      </>
                    )}
                  </td>
                  <td className="px-2 py-2">{computeTypeLabel(row.computeType)}</td>
                  <td className="px-2 py-2 text-right">{row.billableHours}</td>
                  <td className="px-2 py-2 text-right">{row.advice.thresholdHours ?? "—"}</td>
                  <td className="px-2 py-2">{runningModeLabel(row.runningMode)}</td>
                  <td className="max-w-xs px-2 py-2">
                    <Recommendation row={row} />
                  </td>
                  <td className="px-2 py-2">{row.target ? money(row) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.rows.length > SHOWN && (
            <p className="mt-2 text-sm text-slate-600">
              Showing {SHOWN} of {view.rows.length}, switches first; narrow the filters or export the CSV for all of them.
            </p>
          )}
        </form>
      )}
      <section aria-labelledby="optimizer-settings" className="mt-8">
        <h2 id="optimizer-settings" className="mb-2 text-lg font-medium text-brand-900">
          Settings
        </h2>
        <OptimizerSettingsForm settings={view.settings} computeTypes={COMPUTE_TYPES} />
      </section>
    </>
  );
}
