"use client";

import { flexRender, type Header } from "@tanstack/react-table";

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

/** A column header that sorts on click or Enter and tells assistive technology how the column is sorted. */
export function SortableHeaderCell<T>({ header }: { header: Header<T, unknown> }) {
  const sorted = header.column.getIsSorted();
  const canSort = header.column.getCanSort();
  const content = header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext());
  return (
    <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap" aria-sort={sorted ? ARIA_SORT[sorted] : canSort ? "none" : undefined}>
      {canSort ? (
        <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 rounded hover:underline focus:outline-2 focus:outline-brand-600">
          {content}
          <span aria-hidden="true" className="text-xs text-slate-400">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
        </button>
      ) : (
        content
      )}
    </th>
  );
}
