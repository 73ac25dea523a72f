"use client";

import { useMemo, useState, type ReactNode } from "react";
import { nextSort, sortRows, type SortDirection, type SortState, type SortValue } from "./table-sort";

export interface DataColumn<T> {
  id: string;
  header: ReactNode;
  /** The value the column sorts by; a column without one does not sort. */
  sortValue?: (row: T) => SortValue;
  /** What the cell shows; defaults to the sort value, or "—" when there is none. */
  cell?: (row: T) => ReactNode;
}

export interface DataTableProps<T> {
  label: string;
  data: T[];
  columns: DataColumn<T>[];
  getRowId: (row: T) => string;
  maxHeight?: string;
  empty?: ReactNode;
}

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

/**
 * A column header that sorts on click (Enter/Space from the keyboard, being a button) and tells assistive
 * technology how the column is sorted. Not sortable: plain content and no aria-sort.
 */
export function SortHeaderCell({
  sortable,
  sorted,
  onSort,
  children,
}: {
  sortable: boolean;
  sorted: SortDirection | false;
  onSort?: () => void;
  children: ReactNode;
}) {
  return (
    <th
      scope="col"
      className="px-3 py-2 font-medium whitespace-nowrap"
      aria-sort={sorted ? ARIA_SORT[sorted] : sortable ? "none" : undefined}
    >
      {sortable ? (
        <button
          type="button"
          onClick={onSort}
          className="inline-flex items-center gap-1 rounded hover:underline focus:outline-2 focus:outline-brand-600"
        >
          {children}
          <span aria-hidden="true" className="text-xs text-slate-400">
            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
          </span>
        </button>
      ) : (
        children
      )}
    </th>
  );
}

/** The scroll container, caption and sticky header row every admin table shares. */
export function TableFrame({
  label,
  maxHeight = "70vh",
  head,
  children,
}: {
  label: string;
  maxHeight?: string;
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <div
      className="overflow-auto rounded-lg border border-slate-200 bg-white"
      style={{ maxHeight }}
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{label}</caption>
        <thead className="sticky top-0 z-10 bg-slate-50 text-slate-700 shadow-[0_1px_0_0_rgb(226,232,240)]">
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function EmptyRow({ colSpan, children }: { colSpan: number; children?: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-6 text-center text-slate-500">
        {children ?? "Nothing to show."}
      </td>
    </tr>
  );
}

/**
 * Tables across the admin console: header buttons sort (Enter/Space from the keyboard), aria-sort says how,
 * and the header row stays in view while the body scrolls. Sorting is local to the page's rows.
 */
export function DataTable<T>({ label, data, columns, getRowId, maxHeight, empty }: DataTableProps<T>) {
  const [sort, setSort] = useState<SortState | null>(null);
  const sortColumn = sort ? columns.find((c) => c.id === sort.id && c.sortValue) : undefined;
  const rows = useMemo(
    () => (sort && sortColumn?.sortValue ? sortRows(data, sortColumn.sortValue, sort.dir) : data),
    [data, sort, sortColumn],
  );

  const head = columns.map((c) => (
    <SortHeaderCell
      key={c.id}
      sortable={Boolean(c.sortValue)}
      sorted={sort?.id === c.id && sortColumn ? sort.dir : false}
      onSort={() => setSort((s) => nextSort(s, c.id))}
    >
      {c.header}
    </SortHeaderCell>
  ));

  return (
    <TableFrame label={label} maxHeight={maxHeight} head={head}>
      {rows.length === 0 ? (
        <EmptyRow colSpan={columns.length}>{empty}</EmptyRow>
      ) : (
        rows.map((row) => (
          <tr key={getRowId(row)} className="border-t border-slate-100">
            {columns.map((c) => (
              <td key={c.id} className="px-3 py-2 align-top">
                {renderCell(c, row)}
              </td>
            ))}
          </tr>
        ))
      )}
    </TableFrame>
  );
}

function renderCell<T>(column: DataColumn<T>, row: T): ReactNode {
  if (column.cell) return column.cell(row);
  return column.sortValue?.(row) ?? "—";
}
