import type { Metadata } from "next";
import Link from "next/link";
import { FleetFilters } from "@/components/admin/fleet-filters";
import { StateBar } from "@/components/charts/state-bar";
import { FleetTable } from "@/components/admin/fleet-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { recentBulkOperations } from "@/lib/queries/admin-bulk";
import { fleetFacets, fleetStateCounts, listFleet } from "@/lib/queries/admin-fleet";
import { catalogFor } from "@/lib/queries/catalog";
import { fleetFilterProblem, fleetQueryString, parseFleetFilter } from "@/lib/schemas/admin-fleet-filter";
import { bulkActionLabel } from "@/lib/presentation/describe";
import { bundleNameLabel, computeTypeLabel, runningModeLabel, workspaceStateLabel } from "@/lib/presentation/labels";

export const metadata: Metadata = { title: "Fleet" };

export default async function FleetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN");
  const params = await searchParams;
  const filter = parseFleetFilter(params);
  const problem = fleetFilterProblem(params);
  const [{ rows, total, exact }, facets, recent, stateCounts] = await Promise.all([
    listFleet(filter),
    fleetFacets(),
    recentBulkOperations(5),
    fleetStateCounts(filter),
  ]);
  const { page: _page, size: _size, sort: _sort, dir: _dir, count: _count, ...onlyFilter } = filter;
  const catalog = await catalogFor(facets.regions);
  const migrationTargets = [
    ...new Map(catalog.bundles.map((b) => [b.id, { id: b.id, name: `${bundleNameLabel(b.name)} (${b.region})` }])).values(),
  ].sort((a, b) => a.name.localeCompare(b.name, "en"));
  const plain = (values: string[]) => values.map((v) => ({ value: v, label: v }));
  const named = (values: { id: string; name: string }[]) => values.map((v) => ({ value: v.id, label: v.name }));
  const states = [...new Set([...facets.states, ...(filter.state ? [filter.state] : []), "TERMINATED"])];
  const options = {
    states: states.map((s) => ({ value: s, label: workspaceStateLabel(s) })),
    accounts: named(facets.accounts ?? []),
    regions: plain(facets.regions),
    directories: named(facets.directories),
    bundles: named(facets.bundles),
    computeTypes: facets.computeTypes.map((c) => ({ value: c, label: computeTypeLabel(c) })),
    runningModes: facets.runningModes.map((m) => ({ value: m, label: runningModeLabel(m) })),
    costCenters: plain(facets.costCenters),
    owners: named(facets.owners),
  };
  const listQuery = { ...filter, page: undefined, count: undefined };
  const stateHref = (state: string) => `/admin/fleet?${fleetQueryString({ ...listQuery, state })}`;
  const exportHref = `/api/admin/fleet/export?${fleetQueryString({ ...onlyFilter, sort: filter.sort, dir: filter.dir })}`;
  return (
    <>
      <PageHeader
        title="Fleet"
        description="Every WorkSpace the inventory knows, refreshed from AWS in the background."
        actions={
          <a href={exportHref} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100" download>
            Export CSV
          </a>
        }
      />
      {problem && (
        <div className="mb-4">
          <Alert tone="warning" role="status">
            {problem}
          </Alert>
        </div>
      )}
      {/* Keyed by the URL, so a state chosen on the bar (a plain link) also shows in the menus. */}
      <FleetFilters key={fleetQueryString(filter)} filter={filter} facets={options} />
      <StateBar
        counts={stateCounts}
        hrefFor={stateHref}
        current={filter.state}
        clearHref={`/admin/fleet?${fleetQueryString({ ...listQuery, state: undefined })}`}
      />
      <FleetTable rows={rows} total={total} exact={exact} filter={filter} migrationTargets={migrationTargets} />
      {recent.length > 0 && (
        <section aria-labelledby="recent-bulk" className="mt-8">
          <h2 id="recent-bulk" className="mb-2 text-lg font-medium text-brand-900">
            Recent bulk operations
          </h2>
          <ul className="space-y-1 text-sm">
            {recent.map((op) => (
              <li key={op.id}>
                <Link href={`/admin/fleet/bulk/${op.id}`} className="text-brand-700 underline">
                  {bulkActionLabel(op.action, op.params)} · {op.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC
                </Link>{" "}
                — {op.done} done, {op.failed} failed, {op.pending} pending · by {op.createdBy}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
