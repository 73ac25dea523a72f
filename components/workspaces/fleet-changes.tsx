import { Badge } from "@/components/ui/badge";
import { relativeTime, utc } from "@/lib/presentation/format";

export interface FleetChange {
  id: string;
  what: string;
  by: string;
  startedAt: Date;
  status: "PENDING" | "DONE" | "FAILED";
  reason: string | null;
  finishedAt: Date | null;
}

const OUTCOME = {
  PENDING: { label: "In progress", tone: "busy" },
  DONE: { label: "Completed", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
} as const;

/** Changes IT made to this WorkSpace as part of a fleet operation, with how each went. */
export function FleetChanges({ items, now }: { items: FleetChange[]; now: Date }) {
  return (
    <ul aria-label="Changes made by IT administrators" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {items.map((c) => (
        <li key={c.id} className="flex flex-col gap-1 p-4 sm:flex-row sm:items-center sm:justify-between">
          <div className="min-w-0">
            <p className="font-medium text-slate-900">{c.what}, by IT</p>
            <p className="text-xs text-slate-600">
              Started by {c.by} ·{" "}
              <time dateTime={c.startedAt.toISOString()} title={utc(c.startedAt)}>
                {relativeTime(c.startedAt, now)}
              </time>
              {c.status === "FAILED" && c.reason ? ` · ${c.reason}` : ""}
            </p>
          </div>
          <Badge tone={OUTCOME[c.status].tone}>{OUTCOME[c.status].label}</Badge>
        </li>
      ))}
    </ul>
  );
}
