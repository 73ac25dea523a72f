import Link from "next/link";
import { RequestStatusBadge } from "@/components/ui/request-status";
import { signedMoney, relativeTime } from "@/lib/presentation/format";

export interface RequestListItem {
  id: string;
  what: string;
  status: string;
  createdAt: Date;
  costDeltaCents?: number | null;
  who?: string;
}

/** A list of requests that reads as a table on wide screens and as cards on a phone. */
export function RequestTable({ items, now, caption }: { items: RequestListItem[]; now: Date; caption: string }) {
  return (
    <ul aria-label={caption} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {items.map((r) => (
        <li key={r.id} className="flex flex-col gap-1 p-4 sm:flex-row sm:items-center sm:justify-between">
          <div className="min-w-0">
            <Link href={`/requests/${r.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
              {r.what}
            </Link>
            <p className="text-xs text-slate-600">
              {r.who ? `${r.who} · ` : ""}
              <time dateTime={r.createdAt.toISOString()}>{relativeTime(r.createdAt, now)}</time>
              {typeof r.costDeltaCents === "number" && r.costDeltaCents !== 0 ? ` · ${signedMoney(r.costDeltaCents)} / month` : ""}
            </p>
          </div>
          <RequestStatusBadge status={r.status} />
        </li>
      ))}
    </ul>
  );
}
