import "server-only";
import { csvLine } from "./admin-csv";
import { LATENCY_TARGET_MS, type ReportData } from "./reports";

// Every figure the reports draw, as a table: shown beside its chart and downloadable as CSV, from the
// same rows, so the file always says what the page says.

export const REPORT_TABLE_IDS = [
  "cost-by-cost-centre",
  "cost-by-bundle",
  "cost-by-running-mode",
  "cost-by-region",
  "monthly-trend",
  "savings",
  "fleet-health",
  "connection-failures",
  "session-performance",
] as const;
export type ReportTableId = (typeof REPORT_TABLE_IDS)[number];

export type CellKind = "text" | "count" | "money" | "seconds" | "ms" | "date";
export type Cell = string | number | Date | null;

export interface ReportTable {
  id: ReportTableId;
  caption: string;
  columns: { key: string; label: string; kind: CellKind }[];
  rows: Record<string, Cell>[];
}

const costColumns = (first: string) => [
  { key: "label", label: first, kind: "text" as const },
  { key: "workspaces", label: "WorkSpaces", kind: "count" as const },
  { key: "monthlyCostCents", label: "Estimated monthly cost (USD)", kind: "money" as const },
];

export function reportTables(data: ReportData): Record<ReportTableId, ReportTable> {
  const cost = (id: ReportTableId, caption: string, first: string, rows: ReportData["costBy"]["region"]): ReportTable => ({
    id,
    caption,
    columns: costColumns(first),
    rows: rows.map((r) => ({ label: r.label, workspaces: r.workspaces, monthlyCostCents: r.monthlyCostCents })),
  });
  return {
    "cost-by-cost-centre": cost("cost-by-cost-centre", "Estimated monthly cost by cost centre", "Cost centre", data.costBy.costCenter),
    "cost-by-bundle": cost("cost-by-bundle", "Estimated monthly cost by bundle", "Bundle", data.costBy.bundle),
    "cost-by-running-mode": cost("cost-by-running-mode", "Estimated monthly cost by running mode", "Running mode", data.costBy.runningMode),
    "cost-by-region": cost("cost-by-region", "Estimated monthly cost by Region", "Region", data.costBy.region),
    "monthly-trend": {
      id: "monthly-trend",
      caption: "Estimated monthly cost per month (each month's last daily snapshot)",
      columns: [
        { key: "month", label: "Month", kind: "text" },
        { key: "day", label: "Snapshot of", kind: "date" },
        { key: "workspaces", label: "WorkSpaces", kind: "count" },
        { key: "monthlyCostCents", label: "Estimated monthly cost (USD)", kind: "money" },
      ],
      rows: data.trend.map((t) => ({ ...t })),
    },
    savings: {
      id: "savings",
      caption: "Monthly savings from completed optimizer and reclaim requests",
      columns: [
        { key: "source", label: "Source", kind: "text" },
        { key: "requests", label: "Requests", kind: "count" },
        { key: "thisMonthCents", label: "Completed this month (USD per month)", kind: "money" },
        { key: "totalCents", label: "All time (USD per month)", kind: "money" },
      ],
      rows: data.savings.map((s) => ({
        source: s.origin === "optimizer" ? "Running-mode optimizer" : "Reclaimed WorkSpaces",
        requests: s.requests,
        thisMonthCents: s.thisMonthCents,
        totalCents: s.totalCents,
      })),
    },
    "fleet-health": {
      id: "fleet-health",
      caption: "WorkSpaces by state",
      columns: [
        { key: "state", label: "State", kind: "text" },
        { key: "workspaces", label: "WorkSpaces", kind: "count" },
      ],
      rows: [
        { state: "Available", workspaces: data.totals.available },
        { state: "Unhealthy", workspaces: data.totals.unhealthy },
        { state: "Stopped", workspaces: data.totals.stopped },
        {
          state: "Other (starting, changing, in error…)",
          workspaces: data.totals.workspaces - data.totals.available - data.totals.unhealthy - data.totals.stopped,
        },
      ],
    },
    "connection-failures": {
      id: "connection-failures",
      caption: "Connection attempts and failures per day, last 30 days",
      columns: [
        { key: "day", label: "Day", kind: "date" },
        { key: "connectionAttempts", label: "Connection attempts", kind: "count" },
        { key: "connectionFailures", label: "Connection failures", kind: "count" },
      ],
      rows: data.failuresByDay.map((d) => ({ ...d })),
    },
    "session-performance": {
      id: "session-performance",
      caption: `Session launch time and in-session latency per directory, last 30 days (target under ${LATENCY_TARGET_MS} ms)`,
      columns: [
        { key: "directoryName", label: "Directory", kind: "text" },
        { key: "directoryId", label: "Directory id", kind: "text" },
        { key: "region", label: "Region", kind: "text" },
        { key: "launchP50Seconds", label: "Launch p50 (s)", kind: "seconds" },
        { key: "launchP95Seconds", label: "Launch p95 (s)", kind: "seconds" },
        { key: "latencyP50Ms", label: "Latency p50 (ms)", kind: "ms" },
        { key: "latencyP95Ms", label: "Latency p95 (ms)", kind: "ms" },
      ],
      rows: data.sessions.map((s) => ({ ...s })),
    },
  };
}

/** A cell as the CSV has it: dollars with cents, days as YYYY-MM-DD, measurements to one decimal. */
function csvValue(kind: CellKind, value: Cell): unknown {
  if (value === null) return "";
  if (kind === "money") return (Number(value) / 100).toFixed(2);
  if (kind === "date" && value instanceof Date) return value.toISOString().slice(0, 10);
  if (kind === "seconds" || kind === "ms") return Number(value).toFixed(1);
  return value;
}

export function reportTableCsv(table: ReportTable): string {
  return (
    csvLine(table.columns.map((c) => c.label)) +
    table.rows.map((r) => csvLine(table.columns.map((c) => csvValue(c.kind, r[c.key]!)))).join("")
  );
}
