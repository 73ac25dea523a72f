"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FleetRow } from "@/lib/queries/admin-fleet";
import type { FleetFilter } from "@/lib/schemas/admin-fleet-filter";
import { fleetQueryString, type FleetSort } from "@/lib/presentation/fleet-url";
import { BulkPanel } from "./bulk-panel";
import { EmptyRow, SortHeaderCell, TableFrame } from "./data-table";

interface FleetColumn {
  id: FleetSort;
  header: string;
  render: (r: FleetRow) => React.ReactNode;
}

const orDash = (text: string | null) => text ?? "—";

/** What the fleet calls a WorkSpace: its computer name, or whose it is while AWS has not named it yet. */
export function fleetRowName(r: Pick<FleetRow, "computerName" | "ownerName" | "userName">): string {
  return r.computerName ?? `${r.ownerName ?? r.userName}'s WorkSpace`;
}

/** A name with its AWS id under it as small, selectable secondary text (the language checks skip data-raw-id). */
const withId = (name: React.ReactNode, id: string) => (
  <>
    {name}
    <br />
    <code data-raw-id className="text-xs text-slate-600 select-all">
      {id}
    </code>
  </>
);

const COLUMNS: FleetColumn[] = [
  {
    id: "computerName",
    header: "Computer name",
    render: (r) =>
      withId(
        <Link href={`/admin/fleet/${r.id}`} prefetch={false} className="font-medium whitespace-nowrap text-brand-700 underline">
          {fleetRowName(r)}
        </Link>,
        r.id,
      ),
  },
  { id: "userName", header: "User", render: (r) => r.userName },
  {
    id: "owner",
    header: "Owner",
    render: (r) =>
      r.ownerId ? (
        <Link href={`/admin/users/${r.ownerId}`} prefetch={false} className="text-brand-700 underline">
          {r.ownerName}
        </Link>
      ) : (
        "—"
      ),
  },
  { id: "state", header: "State", render: (r) => r.stateLabel },
  { id: "accountId", header: "Account", render: (r) => <span className="whitespace-nowrap">{r.accountName}</span> },
  { id: "region", header: "Region", render: (r) => <span className="whitespace-nowrap">{r.region}</span> },
  { id: "directoryId", header: "Directory", render: (r) => withId(r.directoryName, r.directoryId) },
  { id: "bundleId", header: "Bundle", render: (r) => withId(r.bundleName, r.bundleId) },
  { id: "computeType", header: "Compute", render: (r) => r.computeTypeLabel },
  { id: "runningMode", header: "Running mode", render: (r) => r.runningModeLabel },
  { id: "costCenter", header: "Cost centre", render: (r) => orDash(r.costCenter) },
  {
    id: "lastConnectedAt",
    header: "Last connected",
    render: (r) => (r.lastConnectedAt ? <time dateTime={r.lastConnectedAt}>{r.lastConnectedAt.slice(0, 10)}</time> : "Never"),
  },
];

/** The server's sort order, as the URL says it. */
export type FleetSorting = { id: FleetSort; desc: boolean };
/** Selected row ids; ids from another page stay selected until unticked. */
export type RowSelection = Record<string, boolean>;

export interface FleetGridProps {
  rows: FleetRow[];
  /** Sorting is server-side: the grid shows this order and reports the one a header click asks for. */
  sorting: FleetSorting;
  onSortingChange: (next: FleetSorting) => void;
  rowSelection: RowSelection;
  onRowSelectionChange: (next: RowSelection) => void;
}

/** The fleet's table: sortable headers (Enter/Space), aria-sort, a header row that stays in view, selectable rows. */
export function FleetGrid({ rows, sorting: current, onSortingChange, rowSelection, onRowSelectionChange }: FleetGridProps) {
  // The sorted column flips its direction; another column sorts ascending.
  const sortBy = (id: FleetSort) => onSortingChange({ id, desc: current.id === id ? !current.desc : false });
  const allSelected = rows.length > 0 && rows.every((r) => rowSelection[r.id]);
  const select = (ids: string[], checked: boolean) => {
    const next = { ...rowSelection };
    for (const id of ids) {
      if (checked) next[id] = true;
      else delete next[id];
    }
    onRowSelectionChange(next);
  };

  const head = (
    <>
      <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
        <input
          type="checkbox"
          aria-label="Select all on this page"
          checked={allSelected}
          onChange={(e) =>
            select(
              rows.map((r) => r.id),
              e.target.checked,
            )
          }
        />
      </th>
      {COLUMNS.map((c) => (
        <SortHeaderCell
          key={c.id}
          sortable
          sorted={current.id === c.id ? (current.desc ? "desc" : "asc") : false}
          onSort={() => sortBy(c.id)}
        >
          {c.header}
        </SortHeaderCell>
      ))}
    </>
  );

  return (
    <TableFrame label="Fleet" head={head}>
      {rows.length === 0 ? (
        <EmptyRow colSpan={COLUMNS.length + 1}>No WorkSpace matches these filters.</EmptyRow>
      ) : (
        rows.map((row) => {
          const selected = Boolean(rowSelection[row.id]);
          return (
            <tr key={row.id} className={`border-t border-slate-100 ${selected ? "bg-brand-50" : ""}`}>
              <td className="px-3 py-2 align-top">
                <input
                  type="checkbox"
                  aria-label={`Select ${fleetRowName(row)}`}
                  checked={selected}
                  onChange={(e) => select([row.id], e.target.checked)}
                />
              </td>
              {COLUMNS.map((c) => (
                <td key={c.id} className="px-3 py-2 align-top">
                  {c.render(row)}
                </td>
              ))}
            </tr>
          );
        })
      )}
    </TableFrame>
  );
}

export function FleetTable({
  rows,
  total,
  exact,
  filter,
  migrationTargets,
}: {
  rows: FleetRow[];
  total: number;
  exact: boolean;
  filter: FleetFilter;
  migrationTargets?: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [selection, setSelection] = useState<RowSelection>({});
  const go = (patch: Partial<FleetFilter>) => router.push(`/admin/fleet?${fleetQueryString({ ...filter, ...patch })}`);
  const sorting: FleetSorting = { id: filter.sort, desc: filter.dir === "desc" };
  const onSortingChange = (next: FleetSorting) => go({ sort: next.id, dir: next.desc ? "desc" : "asc", page: 1 });
  const from = rows.length === 0 ? 0 : (filter.page - 1) * filter.size + 1;
  const to = from === 0 ? 0 : from + rows.length - 1;
  // Past the count's cap the number of pages is unknown; a full page means there may be another.
  const pages = exact ? Math.max(1, Math.ceil(total / filter.size)) : undefined;
  const hasNext = pages !== undefined ? filter.page < pages : rows.length === filter.size;
  const selectedIds = Object.keys(selection).filter((id) => selection[id]);
  const matching = `${total.toLocaleString("en")} ${total === 1 ? "WorkSpace matches" : "WorkSpaces match"}`;

  return (
    <>
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {exact ? matching : `More than ${matching}`} · showing {from}–{to}
        {!exact && (
          <>
            {" · "}
            <Link href={`/admin/fleet?${fleetQueryString({ ...filter, count: "exact" })}`} className="text-brand-700 underline">
              Count them all
            </Link>
          </>
        )}
      </p>
      <FleetGrid
        rows={rows}
        sorting={sorting}
        onSortingChange={onSortingChange}
        rowSelection={selection}
        onRowSelectionChange={setSelection}
      />
      <nav aria-label="Pages" className="mt-2 flex items-center gap-2 text-sm">
        <button
          type="button"
          disabled={filter.page <= 1}
          onClick={() => go({ page: filter.page - 1 })}
          className="rounded border border-slate-300 px-2 py-1 disabled:opacity-50"
        >
          Previous page
        </button>
        <span>{pages !== undefined ? `Page ${filter.page} of ${pages}` : `Page ${filter.page}`}</span>
        <button
          type="button"
          disabled={!hasNext}
          onClick={() => go({ page: filter.page + 1 })}
          className="rounded border border-slate-300 px-2 py-1 disabled:opacity-50"
        >
          Next page
        </button>
        <label className="ml-4">
          Rows per page{" "}
          <select
            value={filter.size}
            onChange={(e) => go({ size: Number(e.target.value), page: 1 })}
            className="rounded border border-slate-300 px-1 py-0.5"
          >
            {[25, 30, 50, 100, 200].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
      </nav>
      <BulkPanel
        filter={filter}
        total={total}
        exact={exact}
        selectedIds={selectedIds}
        onClearSelection={() => setSelection({})}
        migrationTargets={migrationTargets}
      />
    </>
  );
}
