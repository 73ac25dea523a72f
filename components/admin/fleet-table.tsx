"use client";

import { getCoreRowModel, useReactTable, type ColumnDef, type OnChangeFn, type RowSelectionState, type SortingState, type Updater } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FleetRow } from "@/lib/queries/admin-fleet";
import { fleetQueryString, type FleetFilter, type FleetSort } from "@/lib/queries/admin-fleet-filter";
import { BulkPanel } from "./bulk-panel";
import { SortableHeaderCell } from "./sortable-header";

interface FleetColumn {
  id: FleetSort;
  header: string;
  render: (r: FleetRow) => React.ReactNode;
}

const mono = (text: string) => <span className="font-mono text-xs">{text}</span>;
const orDash = (text: string | null) => text ?? "—";

const COLUMNS: FleetColumn[] = [
  { id: "id", header: "WorkSpace", render: (r) => mono(r.id) },
  { id: "userName", header: "User", render: (r) => r.userName },
  { id: "owner", header: "Owner", render: (r) => (r.ownerId ? <Link href={`/admin/users/${r.ownerId}`} prefetch={false} className="text-brand-700 underline">{r.ownerName}</Link> : "—") },
  { id: "state", header: "State", render: (r) => r.state },
  { id: "region", header: "Region", render: (r) => r.region },
  { id: "directoryId", header: "Directory", render: (r) => mono(r.directoryId) },
  { id: "bundleId", header: "Bundle", render: (r) => mono(r.bundleId) },
  { id: "computeType", header: "Compute", render: (r) => orDash(r.computeType) },
  { id: "runningMode", header: "Running mode", render: (r) => orDash(r.runningMode) },
  { id: "costCenter", header: "Cost centre", render: (r) => orDash(r.costCenter) },
];

// TanStack Table owns the header, the (server-side) sort state and the row selection. The body cells are
// rendered straight from COLUMNS: TanStack's per-cell context objects cost more than the rest of the page
// together at 50–200 rows, and the fleet never sorts or filters in the browser.
const tableColumns: ColumnDef<FleetRow, unknown>[] = [
  {
    id: "select",
    enableSorting: false,
    header: ({ table }) => (
      <input type="checkbox" aria-label="Select all on this page" checked={table.getIsAllRowsSelected()} onChange={table.getToggleAllRowsSelectedHandler()} />
    ),
  },
  // An accessor makes the column sortable in TanStack's eyes; the sorting itself happens on the server.
  ...COLUMNS.map((c): ColumnDef<FleetRow, unknown> => ({ id: c.id, header: c.header, accessorFn: (r) => (r as unknown as Record<string, unknown>)[c.id] })),
];


export interface FleetGridProps {
  rows: FleetRow[];
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  rowSelection: RowSelectionState;
  onRowSelectionChange: OnChangeFn<RowSelectionState>;
}

/** The fleet's table: sortable headers (Enter/Space), aria-sort, a header row that stays in view, selectable rows. */
export function FleetGrid({ rows, sorting, onSortingChange, rowSelection, onRowSelectionChange }: FleetGridProps) {
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table returns new functions each render by design.
  const table = useReactTable({
    data: rows,
    columns: tableColumns,
    getRowId: (r) => r.id,
    state: { sorting, rowSelection },
    onSortingChange,
    onRowSelectionChange,
    enableRowSelection: true,
    manualSorting: true,
    getCoreRowModel: getCoreRowModel(),
  });
  const bodyRows = table.getRowModel().rows;

  return (
    <div className="overflow-auto rounded-lg border border-slate-200 bg-white" style={{ maxHeight: "70vh" }} role="region" aria-label="Fleet" tabIndex={0}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Fleet</caption>
        <thead className="sticky top-0 z-10 bg-slate-50 text-slate-700 shadow-[0_1px_0_0_rgb(226,232,240)]">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => <SortableHeaderCell key={header.id} header={header} />)}
            </tr>
          ))}
        </thead>
        <tbody>
          {bodyRows.length === 0 ? (
            <tr>
              <td colSpan={tableColumns.length} className="px-3 py-6 text-center text-slate-500">No WorkSpace matches these filters.</td>
            </tr>
          ) : (
            bodyRows.map((row) => {
              const selected = row.getIsSelected();
              return (
                <tr key={row.id} className={`border-t border-slate-100 ${selected ? "bg-brand-50" : ""}`}>
                  <td className="px-3 py-2 align-top">
                    <input type="checkbox" aria-label={`Select ${row.id}`} checked={selected} onChange={row.getToggleSelectedHandler()} />
                  </td>
                  {COLUMNS.map((c) => (
                    <td key={c.id} className="px-3 py-2 align-top">{c.render(row.original)}</td>
                  ))}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}

export function FleetTable({ rows, total, exact, filter }: { rows: FleetRow[]; total: number; exact: boolean; filter: FleetFilter }) {
  const router = useRouter();
  const [selection, setSelection] = useState<RowSelectionState>({});
  const sorting: SortingState = [{ id: filter.sort, desc: filter.dir === "desc" }];
  const go = (patch: Partial<FleetFilter>) => router.push(`/admin/fleet?${fleetQueryString({ ...filter, ...patch })}`);
  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = typeof updater === "function" ? updater(sorting) : updater;
    const first = next[0];
    go({ sort: (first?.id as FleetSort) ?? "userName", dir: first?.desc ? "desc" : "asc", page: 1 });
  };
  const from = rows.length === 0 ? 0 : (filter.page - 1) * filter.size + 1;
  const to = from === 0 ? 0 : from + rows.length - 1;
  // Past the count's cap the number of pages is unknown; a full page means there may be another.
  const pages = exact ? Math.max(1, Math.ceil(total / filter.size)) : undefined;
  const hasNext = pages !== undefined ? filter.page < pages : rows.length === filter.size;
  const selectedIds = Object.keys(selection).filter((id) => selection[id]);

  return (
    <>
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {exact ? `${total.toLocaleString("en")} WorkSpaces match` : `More than ${total.toLocaleString("en")} WorkSpaces match`} · showing {from}–{to}
        {!exact && (
          <>
            {" · "}
            <Link href={`/admin/fleet?${fleetQueryString({ ...filter, count: "exact" })}`} className="text-brand-700 underline">
              Count them all
            </Link>
          </>
        )}
      </p>
      <FleetGrid rows={rows} sorting={sorting} onSortingChange={onSortingChange} rowSelection={selection} onRowSelectionChange={setSelection} />
      <nav aria-label="Pages" className="mt-2 flex items-center gap-2 text-sm">
        <button type="button" disabled={filter.page <= 1} onClick={() => go({ page: filter.page - 1 })} className="rounded border border-slate-300 px-2 py-1 disabled:opacity-50">
          Previous page
        </button>
        <span>{pages !== undefined ? `Page ${filter.page} of ${pages}` : `Page ${filter.page}`}</span>
        <button type="button" disabled={!hasNext} onClick={() => go({ page: filter.page + 1 })} className="rounded border border-slate-300 px-2 py-1 disabled:opacity-50">
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
      <BulkPanel filter={filter} total={total} exact={exact} selectedIds={selectedIds} />
    </>
  );
}
