"use client";

import type { ColumnDef } from "@tanstack/react-table";
import type { IpGroupView } from "@/lib/queries/admin-ip-groups";
import { DataTable } from "./data-table";

const columns: ColumnDef<IpGroupView, unknown>[] = [
  { accessorKey: "name", header: "Name", cell: (c) => <a href={`#group-${c.row.original.groupId}`} className="text-brand-700 underline">{c.row.original.name}</a> },
  { accessorKey: "region", header: "Region" },
  { id: "rules", header: "Rules", accessorFn: (g) => g.rules.length },
  { id: "usedBy", header: "Used by directories", accessorFn: (g) => g.usedBy.map((d) => d.name).join(", ") || "—" },
];

export function IpGroupTable({ groups }: { groups: IpGroupView[] }) {
  return <DataTable label="IP access control groups" data={groups} columns={columns} getRowId={(g) => `${g.region}/${g.groupId}`} maxHeight="40vh" />;
}
