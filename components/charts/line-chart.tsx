import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { ChartEmpty, ChartSvg, SERIES_COLOURS, SeriesLegend, type ChartText } from "./chart-frame";

export interface LineSeries {
  name: string;
  values: (number | null)[];
}

export interface LineChartProps extends ChartText {
  /** The x positions in order (months, days), as they are labelled. */
  labels: string[];
  series: LineSeries[];
  format: (value: number) => string;
  emptyMessage?: string;
}

const WIDTH = 640;
const HEIGHT = 240;
const LEFT = 70;
const RIGHT = 16;
const TOP = 12;
const BOTTOM = 44;

/** A line per series over evenly spaced points, drawn on the server; gaps (null) break the line. */
export function LineChart({ id, title, description, labels, series, format, emptyMessage }: LineChartProps) {
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  if (labels.length === 0 || values.length === 0) return <ChartEmpty title={title} message={emptyMessage ?? "Nothing to show yet."} />;
  const x = scalePoint<string>()
    .domain(labels)
    .range([LEFT, WIDTH - RIGHT])
    .padding(0.3);
  const max = Math.max(...values);
  const y = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice()
    .range([HEIGHT - BOTTOM, TOP]);
  const every = Math.max(1, Math.ceil(labels.length / 8));
  return (
    <ChartSvg id={id} title={title} description={description} width={WIDTH} height={HEIGHT}>
      <g aria-hidden="true" fontSize="11">
        {y.ticks(4).map((t) => (
          <g key={t} transform={`translate(0,${y(t)})`}>
            <line x1={LEFT} x2={WIDTH - RIGHT} stroke="#e2e8f0" />
            <text x={LEFT - 6} dy="0.35em" textAnchor="end" fill="currentColor">
              {format(t)}
            </text>
          </g>
        ))}
        {labels.map((l, i) =>
          i % every === 0 ? (
            <text key={l} x={x(l)} y={HEIGHT - BOTTOM + 16} textAnchor="middle" fill="currentColor">
              {l}
            </text>
          ) : null,
        )}
      </g>
      {series.map((s, si) => {
        const points = labels.map((l, i) => [x(l) ?? 0, s.values[i] ?? null] as const);
        const path = line<readonly [number, number | null]>()
          .defined((p) => p[1] !== null)
          .x((p) => p[0])
          .y((p) => y(p[1] ?? 0))(points);
        const colour = SERIES_COLOURS[si % SERIES_COLOURS.length];
        return (
          <g key={s.name} data-series={s.name}>
            <path d={path ?? undefined} fill="none" stroke={colour} strokeWidth="2" />
            {points.map(([px, v], i) =>
              v === null ? null : <circle key={labels[i]} cx={px} cy={y(v)} r="3" fill={colour} data-value={v} />,
            )}
          </g>
        );
      })}
      <SeriesLegend names={series.map((s) => s.name)} x={LEFT} y={HEIGHT - 8} spacing={150} />
    </ChartSvg>
  );
}
