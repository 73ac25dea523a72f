import type { TimelineStep } from "@/lib/presentation/timeline";
import { utc } from "@/lib/presentation/format";

const DOT = { neutral: "bg-slate-400", success: "bg-emerald-600", danger: "bg-red-600", busy: "bg-sky-600" };

export function Timeline({ steps, pendingNote }: { steps: TimelineStep[]; pendingNote?: string | null }) {
  return (
    <ol className="relative space-y-4 border-l-2 border-slate-200 pl-6">
      {steps.map((s, i) => (
        <li key={i} className="relative">
          <span aria-hidden className={`absolute -left-[1.95rem] top-1 h-3.5 w-3.5 rounded-full ring-4 ring-white ${DOT[s.tone]}`} />
          <p className="font-medium text-slate-900">{s.title}</p>
          <p className="text-xs text-slate-600">
            <time dateTime={s.at.toISOString()}>{utc(s.at)}</time>
          </p>
          {s.body && <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{s.body}</p>}
        </li>
      ))}
      {pendingNote && (
        <li className="relative">
          <span
            aria-hidden
            className="absolute -left-[1.95rem] top-1 h-3.5 w-3.5 animate-pulse rounded-full bg-amber-500 ring-4 ring-white"
          />
          <p className="font-medium text-slate-700">{pendingNote}</p>
        </li>
      )}
    </ol>
  );
}
