import { userVisibleState, type StateTone, type WorkspaceState } from "@/lib/domain/client";
import { workspaceStateLabel } from "@/lib/presentation/labels";
import { layoutSegments } from "./segments";

// The fleet's states as one bar, drawn on the server. Each segment is a link that filters the table to that
// state; the counts are also written out beside it, so nobody has to read them off the picture.

const WIDTH = 1000;
const HEIGHT = 28;
/** A state with a single WorkSpace in a fleet of thousands still gets a segment wide enough to see and click. */
const MIN_SEGMENT = 14;

/** Each tone's colours, darkest first: states sharing a tone (Error, Having problems) still differ in the bar. */
const TONE_FILLS: Record<StateTone, string[]> = {
  ready: ["#15803d", "#166534", "#22c55e"],
  busy: ["#2563eb", "#1e3a8a", "#60a5fa"],
  off: ["#64748b", "#334155", "#94a3b8"],
  problem: ["#dc2626", "#7f1d1d", "#f87171"],
  gone: ["#1e293b", "#475569", "#0f172a"],
};

/** A colour per state: its tone's, in the order the states appear, so neighbours of one tone are told apart. */
export function stateFills(states: readonly string[]): Map<string, string> {
  const used = new Map<StateTone, number>();
  const out = new Map<string, string>();
  for (const state of states) {
    const tone = stateTone(state);
    const n = used.get(tone) ?? 0;
    used.set(tone, n + 1);
    const fills = TONE_FILLS[tone];
    out.set(state, fills[n % fills.length]!);
  }
  return out;
}

export function stateTone(state: string): StateTone {
  return userVisibleState(state as WorkspaceState)?.tone ?? "busy";
}

const plural = (n: number) => `${n.toLocaleString("en")} WorkSpace${n === 1 ? "" : "s"}`;

export function StateBar({
  id = "fleet-states",
  counts,
  hrefFor,
  current,
  clearHref,
}: {
  id?: string;
  counts: { state: string; count: number }[];
  /** The fleet page's link for one state (the rest of the filter kept). */
  hrefFor: (state: string) => string;
  /** The state the table is filtered by, if any: its segment is outlined. */
  current?: string;
  /** Where "Every state" leads while a state is chosen. */
  clearHref?: string;
}) {
  const segments = layoutSegments(
    counts.map((c) => ({ key: c.state, count: c.count })),
    WIDTH,
    MIN_SEGMENT,
  );
  if (segments.length === 0) return null;
  const fills = stateFills(segments.map((s) => s.key));
  const total = segments.reduce((sum, s) => sum + s.count, 0);
  const summary = segments.map((s) => `${workspaceStateLabel(s.key)} ${s.count.toLocaleString("en")}`).join(", ");
  return (
    <section aria-labelledby={`${id}-heading`} className="mb-4 rounded-lg border border-slate-200 bg-white p-3">
      <h2 id={`${id}-heading`} className="mb-2 text-sm font-semibold text-slate-800">
        {plural(total)} by state
        <span className="font-normal text-slate-600"> · choose a state to show only those</span>
        {current && clearHref && (
          <>
            {" · "}
            <a href={clearHref} className="font-normal text-brand-700 underline">
              Every state
            </a>
          </>
        )}
      </h2>
      <svg
        aria-labelledby={`${id}-title`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
        preserveAspectRatio="none"
        className="block overflow-visible"
      >
        <title id={`${id}-title`}>{`WorkSpaces by state: ${summary}`}</title>
        {segments.map((s) => {
          const label = workspaceStateLabel(s.key);
          const selected = s.key === current;
          return (
            <a
              key={s.key}
              href={hrefFor(s.key)}
              aria-label={`${label}: ${plural(s.count)} (${s.percent}%)`}
              aria-current={selected ? "true" : undefined}
              className="group focus:outline-none"
              data-state={s.key}
            >
              <title>{`${label}: ${plural(s.count)}`}</title>
              <rect
                x={s.x}
                y={0}
                width={s.width}
                height={HEIGHT}
                fill={fills.get(s.key)}
                stroke="#ffffff"
                strokeWidth={2}
                vectorEffect="non-scaling-stroke"
                className="group-hover:opacity-80"
              />
              {/* The focus ring and the current state's outline, drawn inside the segment so neighbours never hide it. */}
              <rect
                x={s.x + 2}
                y={2}
                width={Math.max(0, s.width - 4)}
                height={HEIGHT - 4}
                fill="none"
                stroke="#0f172a"
                strokeWidth={3}
                vectorEffect="non-scaling-stroke"
                className={selected ? "" : "hidden group-focus-visible:inline"}
              />
            </a>
          );
        })}
      </svg>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700" aria-label="Counts by state">
        {segments.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <svg width="10" height="10" aria-hidden="true" className="shrink-0">
              <rect width="10" height="10" fill={fills.get(s.key)} />
            </svg>
            <span className={s.key === current ? "font-semibold" : ""}>
              {workspaceStateLabel(s.key)} {s.count.toLocaleString("en")}
            </span>
            <span className="text-slate-600">({s.percent}%)</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
