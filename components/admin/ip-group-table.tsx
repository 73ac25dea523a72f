"use client";

import Link from "next/link";
import type { IpGroupView } from "@/lib/queries/admin-ip-groups";
import { DataTable, type DataColumn } from "./data-table";

const columns: DataColumn<IpGroupView>[] = [
  {
    id: "name",
    header: "Name",
    sortValue: (g) => g.name,
    cell: (g) => (
      <>
        <Link href={`/admin/ip-groups/${g.groupId}`} className="font-medium text-brand-700 underline">
          {g.name}
        </Link>
        <code data-raw-id className="block text-xs text-slate-600">
          {g.groupId}
        </code>
      </>
    ),
  },
  { id: "region", header: "Region", sortValue: (g) => g.region },
  { id: "rules", header: "Rules", sortValue: (g) => g.rules.length },
  { id: "usedBy", header: "Used by directories", sortValue: (g) => g.usedBy.map((d) => d.name).join(", ") || "None" },
];

/** Every group by name, opening its own page. */
export function IpGroupTable({ groups }: { groups: IpGroupView[] }) {
  return (
    <DataTable
      label="IP access control groups"
      data={groups}
      columns={columns}
      getRowId={(g) => `${g.region}/${g.groupId}`}
      empty="No IP access control group yet: connections are accepted from any network."
    />
  );
}
