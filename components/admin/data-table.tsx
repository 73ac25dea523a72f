"use client";

import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type RowSelectionState,
  type SortingState,
} from "@tanstack/react-table";
import { useState } from "react";
import { SortableHeaderCell } from "./sortable-header";

export interface DataTableProps<T> {
  label: string;
  data: T[];
  columns: ColumnDef<T, unknown>[];
  getRowId: (row: T) => string;
  /** Server-side sorting (the fleet): the table shows the state and reports clicks; otherwise it sorts itself. */
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  rowSelection?: RowSelectionState;
  onRowSelectionChange?: OnChangeFn<RowSelectionState>;
  maxHeight?: string;
  empty?: React.ReactNode;
}


/**
 * Tables across the admin console: header buttons sort (Enter/Space from the keyboard), aria-sort says how,
 * and the header row stays in view while the body scrolls.
 */
export function DataTable<T>({ label, data, columns, getRowId, sorting, onSortingChange, rowSelection, onRowSelectionChange, maxHeight = "70vh", empty }: DataTableProps<T>) {
  const [localSorting, setLocalSorting] = useState<SortingState>([]);
  const manual = sorting !== undefined;
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table returns new functions each render by design.
  const table = useReactTable({
    data,
    columns,
    getRowId,
    state: { sorting: manual ? sorting : localSorting, ...(rowSelection ? { rowSelection } : {}) },
    onSortingChange: manual ? onSortingChange : setLocalSorting,
    onRowSelectionChange,
    enableRowSelection: Boolean(onRowSelectionChange),
    manualSorting: manual,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: manual ? undefined : getSortedRowModel(),
  });

  return (
    <div className="overflow-auto rounded-lg border border-slate-200 bg-white" style={{ maxHeight }} role="region" aria-label={label} tabIndex={0}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{label}</caption>
        <thead className="sticky top-0 z-10 bg-slate-50 text-slate-700 shadow-[0_1px_0_0_rgb(226,232,240)]">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => <SortableHeaderCell key={header.id} header={header} />)}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-6 text-center text-slate-500">{empty ?? "Nothing to show."}</td>
            </tr>
          ) : (
            table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={`border-t border-slate-100 ${row.getIsSelected() ? "bg-brand-50" : ""}`}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="px-3 py-2 align-top">{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
