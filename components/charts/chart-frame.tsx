// The accessible frame every chart shares: an SVG image named by its title and described by its summary.

export interface ChartText {
  /** Unique on the page; the title and description ids derive from it. */
  id: string;
  title: string;
  /** A sentence saying what the chart shows, for people who cannot see it. */
  description: string;
}

export function ChartSvg({
  id,
  title,
  description,
  width,
  height,
  children,
}: ChartText & { width: number; height: number; children: React.ReactNode }) {
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      // Never drawn larger than its own size: a chart alone in a wide section would otherwise blow its text up.
      style={{ maxWidth: width }}
      className="text-slate-600"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

export function ChartEmpty({ title, message }: { title: string; message: string }) {
  return (
    <div role="note" aria-label={title} className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
      {message}
    </div>
  );
}

export const SERIES_COLOURS = ["#2563eb", "#f59e0b", "#059669", "#dc2626"];

/** The colour key under a chart with more than one series; hidden from screen readers, which read the table. */
export function SeriesLegend({ names, x, y, spacing }: { names: readonly string[]; x: number; y: number; spacing: number }) {
  if (names.length < 2) return null;
  return (
    <g aria-hidden="true" fontSize="11" transform={`translate(${x},${y})`}>
      {names.map((name, i) => (
        <g key={name} transform={`translate(${i * spacing},0)`}>
          <rect y={-9} width={10} height={10} fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} />
          <text x={14} fill="currentColor">
            {name}
          </text>
        </g>
      ))}
    </g>
  );
}
