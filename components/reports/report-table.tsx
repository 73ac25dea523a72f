import { formatMoney } from "@/lib/domain/client";
import { utc } from "@/lib/presentation/format";

// Types only from the query layer's table shape, restated here so the component stays a plain renderer.
export type CellKind = "text" | "count" | "money" | "seconds" | "ms" | "date";
export interface TableData {
  id: string;
  caption: string;
  columns: { key: string; label: string; kind: CellKind }[];
  rows: Record<string, string | number | Date | null>[];
}

const count = new Intl.NumberFormat("en-US");

export function formatCell(kind: CellKind, value: string | number | Date | null): string {
  if (value === null || value === undefined) return "—";
  if (kind === "money") return formatMoney({ cents: Number(value), currency: "USD" });
  if (kind === "count") return count.format(Number(value));
  if (kind === "seconds") return `${Number(value).toFixed(1)} s`;
  if (kind === "ms") return `${Math.round(Number(value))} ms`;
  if (kind === "date" && value instanceof Date) return utc(value).slice(0, 10);
  return String(value);
}

/** The data behind a chart, as a table with its caption, and the same table as CSV. */
export function ReportTable({ table, csvHref }: { table: TableData; csvHref: string }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-brand-700">Show the data as a table</summary>
      <div className="mt-2 overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200">
          <caption className="py-1 text-left font-medium text-slate-800">{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} scope="col" className={`px-2 py-1 ${c.kind === "text" || c.kind === "date" ? "text-left" : "text-right"}`}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={table.columns.length} className="px-2 py-2 text-slate-600">
                  No rows.
                </td>
              </tr>
            ) : (
              table.rows.map((row, i) => (
                <tr key={i}>
                  {table.columns.map((c) => (
                    <td key={c.key} className={`px-2 py-1 ${c.kind === "text" || c.kind === "date" ? "" : "text-right tabular-nums"}`}>
                      {/* An AWS id column (directoryId…) is secondary text beside the name, as everywhere else. */}
                      {c.key.endsWith("Id") && row[c.key] ? (
                        <code data-raw-id className="text-xs text-slate-600">
                          {formatCell(c.kind, row[c.key] ?? null)}
                        </code>
                      ) : (
                        formatCell(c.kind, row[c.key] ?? null)
                      )}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <a href={csvHref} className="mt-2 inline-block text-brand-700 underline" download>
        Download CSV
      </a>
    </details>
  );
}

export function ReportSection({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 className="mb-3 text-lg font-semibold text-brand-900">{title}</h2>
      {children}
    </section>
  );
}
