import { layoutSegments } from "./segments";

// A bulk operation's progress, drawn on the server: done, failed and still pending as one bar. It is a progressbar
// to assistive technology (finished of total), and the counts are written out beside it.

const WIDTH = 1000;
const HEIGHT = 20;

const PARTS = [
  { key: "done", label: "done", fill: "#15803d" },
  { key: "failed", label: "failed", fill: "#dc2626" },
  { key: "pending", label: "pending", fill: "#cbd5e1" },
] as const;

export interface ProgressCounts {
  done: number;
  failed: number;
  pending: number;
}

/** "12 of 30 finished: 10 done, 2 failed, 18 pending". */
export function progressText({ done, failed, pending }: ProgressCounts): string {
  const total = done + failed + pending;
  return `${done + failed} of ${total} finished: ${done} done, ${failed} failed, ${pending} pending`;
}

export function ProgressBar({ label, counts }: { label: string; counts: ProgressCounts }) {
  const total = counts.done + counts.failed + counts.pending;
  const finished = counts.done + counts.failed;
  const segments = layoutSegments(
    PARTS.map((p) => ({ key: p.key, count: counts[p.key] })),
    WIDTH,
    4,
  );
  const text = progressText(counts);
  return (
    <div className="mb-3">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={finished}
        aria-valuetext={text}
        className="overflow-hidden rounded border border-slate-300 bg-slate-100"
      >
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width="100%"
          height={HEIGHT}
          preserveAspectRatio="none"
          aria-hidden="true"
          className="block"
        >
          {segments.map((s) => (
            <rect
              key={s.key}
              x={s.x}
              y={0}
              width={s.width}
              height={HEIGHT}
              fill={PARTS.find((p) => p.key === s.key)!.fill}
              data-part={s.key}
            />
          ))}
        </svg>
      </div>
      <p className="mt-1 text-sm text-slate-700">
        {total === 0 ? "Nothing to do." : `${Math.round((finished / Math.max(1, total)) * 100)}% · ${text}`}
      </p>
    </div>
  );
}
