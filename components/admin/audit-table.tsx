"use client";

import type { AuditRow } from "@/lib/queries/admin-audit";
import { DataTable, type DataColumn } from "./data-table";

const summary = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value).slice(0, 160));

const columns: DataColumn<AuditRow>[] = [
  {
    id: "at",
    header: "When (UTC)",
    sortValue: (e) => e.at,
    cell: (e) => <span className="whitespace-nowrap">{e.at.replace("T", " ").slice(0, 19)}</span>,
  },
  { id: "actorLabel", header: "Actor", sortValue: (e) => e.actorLabel },
  { id: "action", header: "Action", sortValue: (e) => e.action, cell: (e) => <span className="font-mono text-xs">{e.action}</span> },
  {
    id: "target",
    header: "Target",
    sortValue: (e) => `${e.targetType} ${e.targetId}`,
    cell: (e) => (
      <span className="text-xs">
        {e.targetType} <span className="font-mono">{e.targetId}</span>
      </span>
    ),
  },
  {
    id: "aws",
    header: "AWS request ids",
    sortValue: (e) => e.awsRequestIds.join(" "),
    cell: (e) => <span className="font-mono text-xs break-all">{e.awsRequestIds.join(" ") || "—"}</span>,
  },
  { id: "detail", header: "Change", cell: (e) => <span className="text-xs text-slate-600 break-all">{summary(e.after ?? e.detail)}</span> },
];

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return <DataTable label="Audit events" data={rows} columns={columns} getRowId={(e) => e.id} empty="No events match these filters." />;
}
