// Local sorting for the admin tables (DataTable): plain functions, so they are tested without a DOM.

export type SortValue = string | number | null | undefined;
export type SortDirection = "asc" | "desc";
export interface SortState {
  id: string;
  dir: SortDirection;
}

const isBlank = (v: SortValue): v is null | undefined => v === null || v === undefined;

/** Numbers compare as numbers, strings in the reader's collation (digits by value); blanks go last either way. */
export function compareSortValues(a: SortValue, b: SortValue, dir: SortDirection): number {
  if (isBlank(a) || isBlank(b)) return isBlank(a) ? (isBlank(b) ? 0 : 1) : -1;
  const order = typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b), undefined, { numeric: true });
  return dir === "desc" ? -order : order;
}

/** The rows sorted by one column; Array.prototype.sort is stable, so ties keep their original order. */
export function sortRows<T>(rows: readonly T[], sortValue: (row: T) => SortValue, dir: SortDirection): T[] {
  return rows
    .map((row) => ({ row, key: sortValue(row) }))
    .sort((x, y) => compareSortValues(x.key, y.key, dir))
    .map((x) => x.row);
}

/** A header click: first ascending, then descending, then back to the original order. */
export function nextSort(current: SortState | null, id: string): SortState | null {
  if (current?.id !== id) return { id, dir: "asc" };
  return current.dir === "asc" ? { id, dir: "desc" } : null;
}
