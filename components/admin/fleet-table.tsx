"use client";

import type { ColumnDef, RowSelectionState, SortingState, Updater } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FleetRow } from "@/lib/queries/admin-fleet";
import { fleetQueryString, type FleetFilter, type FleetSort } from "@/lib/queries/admin-fleet-filter";
import { BulkPanel } from "./bulk-panel";
import { DataTable } from "./data-table";

const col = (id: FleetSort, header: string, cell?: (r: FleetRow) => React.ReactNode): ColumnDef<FleetRow, unknown> => ({
  id,
  header,
  accessorFn: (r) => (r as unknown as Record<string, unknown>)[id],
  cell: cell ? (c) => cell(c.row.original) : (c) => (c.getValue() as string | null) ?? "—",
});

export const fleetColumns: ColumnDef<FleetRow, unknown>[] = [
  {
    id: "select",
    enableSorting: false,
    header: ({ table }) => (
      <input type="checkbox" aria-label="Select all on this page" checked={table.getIsAllRowsSelected()} onChange={table.getToggleAllRowsSelectedHandler()} />
    ),
    cell: ({ row }) => <input type="checkbox" aria-label={`Select ${row.original.id}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />,
  },
  col("id", "WorkSpace", (r) => <span className="font-mono text-xs">{r.id}</span>),
  col("userName", "User"),
  col("owner", "Owner", (r) => (r.ownerId ? <Link href={`/admin/users/${r.ownerId}`} className="text-brand-700 underline">{r.ownerName}</Link> : "—")),
  col("state", "State"),
  col("region", "Region"),
  col("directoryId", "Directory", (r) => <span className="font-mono text-xs">{r.directoryId}</span>),
  col("bundleId", "Bundle", (r) => <span className="font-mono text-xs">{r.bundleId}</span>),
  col("computeType", "Compute"),
  col("runningMode", "Running mode"),
  col("costCenter", "Cost centre"),
];

export function FleetTable({ rows, total, filter }: { rows: FleetRow[]; total: number; filter: FleetFilter }) {
  const router = useRouter();
  const [selection, setSelection] = useState<RowSelectionState>({});
  const sorting: SortingState = [{ id: filter.sort, desc: filter.dir === "desc" }];
  const go = (patch: Partial<FleetFilter>) => router.push(`/admin/fleet?${fleetQueryString({ ...filter, ...patch })}`);
  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = typeof updater === "function" ? updater(sorting) : updater;
    const first = next[0];
    go({ sort: (first?.id as FleetSort) ?? "userName", dir: first?.desc ? "desc" : "asc", page: 1 });
  };
  const pages = Math.max(1, Math.ceil(total / filter.size));
  const from = total === 0 ? 0 : (filter.page - 1) * filter.size + 1;
  const selectedIds = Object.keys(selection).filter((id) => selection[id]);

  return (
    <>
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {total.toLocaleString("en")} WorkSpaces match · showing {from}–{Math.min(total, filter.page * filter.size)}
      </p>
      <DataTable label="Fleet" data={rows} columns={fleetColumns} getRowId={(r) => r.id} sorting={sorting} onSortingChange={onSortingChange} rowSelection={selection} onRowSelectionChange={setSelection} empty="No WorkSpace matches these filters." />
      <nav aria-label="Pages" className="mt-2 flex items-center gap-2 text-sm">
        <button type="button" disabled={filter.page <= 1} onClick={() => go({ page: filter.page - 1 })} className="rounded border border-slate-300 px-2 py-1 disabled:opacity-50">
          Previous page
        </button>
        <span>
          Page {filter.page} of {pages}
        </span>
        <button type="button" disabled={filter.page >= pages} onClick={() => go({ page: filter.page + 1 })} className="rounded border border-slate-300 px-2 py-1 disabled:opacity-50">
          Next page
        </button>
        <label className="ml-4">
          Rows per page{" "}
          <select value={filter.size} onChange={(e) => go({ size: Number(e.target.value), page: 1 })} className="rounded border border-slate-300 px-1 py-0.5">
            {[25, 30, 50, 100, 200].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
      </nav>
      <BulkPanel filter={filter} total={total} selectedIds={selectedIds} />
    </>
  );
}
