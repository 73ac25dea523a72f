"use client";

import type { IpGroupView } from "@/lib/queries/admin-ip-groups";
import { DataTable, type DataColumn } from "./data-table";

const columns: DataColumn<IpGroupView>[] = [
  {
    id: "name",
    header: "Name",
    sortValue: (g) => g.name,
    cell: (g) => (
      <a href={`#group-${g.groupId}`} className="text-brand-700 underline">
        {g.name}
      </a>
    ),
  },
  { id: "region", header: "Region", sortValue: (g) => g.region },
  { id: "rules", header: "Rules", sortValue: (g) => g.rules.length },
  { id: "usedBy", header: "Used by directories", sortValue: (g) => g.usedBy.map((d) => d.name).join(", ") || "—" },
];

export function IpGroupTable({ groups }: { groups: IpGroupView[] }) {
  return (
    <DataTable
      label="IP access control groups"
      data={groups}
      columns={columns}
      getRowId={(g) => `${g.region}/${g.groupId}`}
      maxHeight="40vh"
    />
  );
}
