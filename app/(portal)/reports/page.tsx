import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { BarChart } from "@/components/charts/bar-chart";
import { LineChart } from "@/components/charts/line-chart";
import { ReportFilters } from "@/components/reports/report-filters";
import { ReportSection, ReportTable } from "@/components/reports/report-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { formatMoney } from "@/lib/domain/client";
import { reportScopeFor } from "@/lib/domain/reports";
import { utc } from "@/lib/presentation/format";
import { bundleNameLabel } from "@/lib/presentation/labels";
import { LATENCY_TARGET_MS, loadReports } from "@/lib/queries/reports";
import { reportTables, type ReportTable as Table } from "@/lib/queries/reports-tables";
import { parseReportFilter, type ReportFilter } from "@/lib/schemas/reports";

export const metadata: Metadata = { title: "Reports" };

const dollars = (cents: number) => formatMoney({ cents: Math.round(cents), currency: "USD" });

function csvHref(id: string, filter: ReportFilter): string {
  const q = new URLSearchParams({ period: filter.period });
  if (filter.region) q.set("region", filter.region);
  if (filter.directory) q.set("directory", filter.directory);
  return `/api/reports/${id}?${q.toString()}`;
}

function CostChart({ table, filter }: { table: Table; filter: ReportFilter }) {
  const top = table.rows[0];
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-800">{table.caption}</h3>
      <BarChart
        id={table.id}
        title={table.caption}
        description={
          top
            ? `${table.rows.length} groups; the largest is ${top.label} at ${dollars(Number(top.monthlyCostCents))} a month.`
            : "No WorkSpaces."
        }
        categories={table.rows.map((r) => String(r.label))}
        series={[{ name: "Estimated monthly cost", values: table.rows.map((r) => Number(r.monthlyCostCents) / 100) }]}
        format={(v) => `$${Math.round(v).toLocaleString("en-US")}`}
        emptyMessage="No WorkSpaces in this view."
      />
      <ReportTable table={table} csvHref={csvHref(table.id, filter)} />
    </div>
  );
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const scope = reportScopeFor(user);
  if (!scope) forbidden();
  const parsed = parseReportFilter(await searchParams);
  const header = (
    <PageHeader
      title="Reports"
      description={
        scope.kind === "fleet"
          ? "Estimated cost, savings and health of every WorkSpace."
          : "Estimated cost, savings and health of your team's WorkSpaces."
      }
    />
  );
  if (!parsed.ok)
    return (
      <>
        {header}
        <Alert tone="error" title="These filters cannot be used" role="alert">
          {parsed.error} <a href="/reports">Show the reports without filters.</a>
        </Alert>
      </>
    );
  const filter = parsed.value;
  const data = await loadReports(scope, filter);
  const tables = reportTables(data);
  // Bundles by the name people read: "… (DCV)", not AWS's "… (WSP)".
  const byBundle = {
    ...tables["cost-by-bundle"],
    rows: tables["cost-by-bundle"].rows.map((r) => ({ ...r, label: bundleNameLabel(String(r.label)) })),
  };
  const trend = tables["monthly-trend"];
  const failures = tables["connection-failures"];
  const sessions = tables["session-performance"];
  const savings = data.savings;
  const failed = data.failuresByDay.reduce((n, d) => n + d.connectionFailures, 0);
  const attempts = data.failuresByDay.reduce((n, d) => n + d.connectionAttempts, 0);
  return (
    <>
      {header}
      <ReportFilters filter={filter} regions={data.regions} directories={data.directories} />
      <p className="mb-4 text-sm text-slate-600">
        {data.totals.workspaces.toLocaleString("en-US")} WorkSpaces, estimated {dollars(data.totals.monthlyCostCents)} a month
        {data.costSource.kind === "snapshot" ? ` (snapshot of ${utc(data.costSource.day).slice(0, 10)})` : " (as they are now)"}.{" "}
        {data.totals.unpriced > 0 && `${data.totals.unpriced} WorkSpaces have no price yet and are not counted in the cost. `}
        Usage as of {data.usageAsOf ? utc(data.usageAsOf) : "— no usage has been read yet"}.
        {data.usageError && ` The last usage update failed (${data.usageError}); the figures are from the last good one.`}
      </p>
      <div className="grid gap-6">
        <ReportSection title="Estimated monthly cost">
          <div className="grid gap-6 lg:grid-cols-2">
            <CostChart table={tables["cost-by-cost-centre"]} filter={filter} />
            <CostChart table={byBundle} filter={filter} />
            <CostChart table={tables["cost-by-running-mode"]} filter={filter} />
            <CostChart table={tables["cost-by-region"]} filter={filter} />
          </div>
        </ReportSection>
        <ReportSection title="Monthly trend">
          {!data.trendFollowsFilter && (
            <p className="mb-2 text-sm text-slate-600">
              The trend covers your whole team; the Region and directory filters do not apply to it.
            </p>
          )}
          <LineChart
            id="monthly-trend"
            title={trend.caption}
            description={`Estimated monthly cost over ${trend.rows.length} months, one point per month from its last daily snapshot.`}
            labels={data.trend.map((t) => t.month)}
            series={[{ name: "Estimated monthly cost", values: data.trend.map((t) => t.monthlyCostCents / 100) }]}
            format={(v) => `$${Math.round(v).toLocaleString("en-US")}`}
            emptyMessage="No daily snapshots yet; the first is taken at start-up and then every night."
          />
          <ReportTable table={trend} csvHref={csvHref(trend.id, filter)} />
        </ReportSection>
        <ReportSection title="Savings">
          <dl className="grid gap-4 sm:grid-cols-2">
            {savings.map((s) => (
              <div key={s.origin} className="rounded-md bg-slate-50 p-3">
                <dt className="text-sm text-slate-600">{s.origin === "optimizer" ? "Running-mode optimizer" : "Reclaimed WorkSpaces"}</dt>
                <dd className="text-lg font-semibold text-slate-900">
                  {dollars(s.thisMonthCents)} a month from this month&apos;s requests · {dollars(s.totalCents)} a month in total
                </dd>
              </div>
            ))}
          </dl>
          <ReportTable table={tables.savings} csvHref={csvHref("savings", filter)} />
        </ReportSection>
        <ReportSection title="Fleet health">
          <div className="grid gap-6 lg:grid-cols-2">
            <div>
              <BarChart
                id="fleet-health"
                title={tables["fleet-health"].caption}
                description={`${data.totals.available} available, ${data.totals.unhealthy} unhealthy, ${data.totals.stopped} stopped.`}
                categories={tables["fleet-health"].rows.map((r) => String(r.state))}
                series={[{ name: "WorkSpaces", values: tables["fleet-health"].rows.map((r) => Number(r.workspaces)) }]}
                format={(v) => Math.round(v).toLocaleString("en-US")}
                emptyMessage="No WorkSpaces in this view."
              />
              <ReportTable table={tables["fleet-health"]} csvHref={csvHref("fleet-health", filter)} />
            </div>
            <div>
              <LineChart
                id="connection-failures"
                title={failures.caption}
                description={`${failed} failed connections in ${attempts} attempts over the last 30 days.`}
                labels={data.failuresByDay.map((d) => d.day.toISOString().slice(5, 10))}
                series={[
                  { name: "Attempts", values: data.failuresByDay.map((d) => d.connectionAttempts) },
                  { name: "Failures", values: data.failuresByDay.map((d) => d.connectionFailures) },
                ]}
                format={(v) => Math.round(v).toLocaleString("en-US")}
                emptyMessage="No usage has been read for the last 30 days."
              />
              <ReportTable table={failures} csvHref={csvHref(failures.id, filter)} />
            </div>
          </div>
        </ReportSection>
        <ReportSection title="Session performance">
          <p className="mb-2 text-sm text-slate-600">
            Percentiles of the WorkSpaces&apos; daily averages over the last 30 days. A good experience needs a round trip under{" "}
            {LATENCY_TARGET_MS} ms.
          </p>
          <div className="grid gap-6 lg:grid-cols-2">
            <BarChart
              id="session-latency"
              title="In-session latency per directory, p50 and p95"
              description={`Latency per directory against the ${LATENCY_TARGET_MS} ms target; ${
                data.sessions.filter((s) => (s.latencyP95Ms ?? 0) > LATENCY_TARGET_MS).length
              } directories have a p95 above it.`}
              categories={data.sessions.map((s) => s.directoryName)}
              series={[
                { name: "p50", values: data.sessions.map((s) => s.latencyP50Ms) },
                { name: "p95", values: data.sessions.map((s) => s.latencyP95Ms) },
              ]}
              format={(v) => `${Math.round(v)} ms`}
              target={{ value: LATENCY_TARGET_MS, label: `Target ${LATENCY_TARGET_MS} ms` }}
              emptyMessage="No sessions in the last 30 days."
            />
            <BarChart
              id="session-launch"
              title="Session launch time per directory, p50 and p95"
              description="How long sessions took to start, per directory."
              categories={data.sessions.map((s) => s.directoryName)}
              series={[
                { name: "p50", values: data.sessions.map((s) => s.launchP50Seconds) },
                { name: "p95", values: data.sessions.map((s) => s.launchP95Seconds) },
              ]}
              format={(v) => `${v.toFixed(0)} s`}
              emptyMessage="No sessions in the last 30 days."
            />
          </div>
          <ReportTable table={sessions} csvHref={csvHref(sessions.id, filter)} />
        </ReportSection>
      </div>
    </>
  );
}
