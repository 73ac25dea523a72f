"use client";

import type { ColumnDef } from "@tanstack/react-table";
import type { AuditRow } from "@/lib/queries/admin-audit";
import { DataTable } from "./data-table";

const summary = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value).slice(0, 160));

const columns: ColumnDef<AuditRow, unknown>[] = [
  { accessorKey: "at", header: "When (UTC)", cell: (c) => <span className="whitespace-nowrap">{c.row.original.at.replace("T", " ").slice(0, 19)}</span> },
  { accessorKey: "actorLabel", header: "Actor" },
  { accessorKey: "action", header: "Action", cell: (c) => <span className="font-mono text-xs">{c.row.original.action}</span> },
  { id: "target", header: "Target", accessorFn: (e) => `${e.targetType} ${e.targetId}`, cell: (c) => <span className="text-xs">{c.row.original.targetType} <span className="font-mono">{c.row.original.targetId}</span></span> },
  { id: "aws", header: "AWS request ids", accessorFn: (e) => e.awsRequestIds.join(" "), cell: (c) => <span className="font-mono text-xs break-all">{c.row.original.awsRequestIds.join(" ") || "—"}</span> },
  { id: "detail", header: "Change", enableSorting: false, cell: (c) => <span className="text-xs text-slate-600 break-all">{summary(c.row.original.after ?? c.row.original.detail)}</span> },
];

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return <DataTable label="Audit events" data={rows} columns={columns} getRowId={(e) => e.id} empty="No events match these filters." />;
}
