import { scaleBand, scaleLinear } from "d3-scale";
import { ChartEmpty, ChartSvg, SERIES_COLOURS, SeriesLegend, type ChartText } from "./chart-frame";

export interface BarSeries {
  name: string;
  values: (number | null)[];
}

export interface BarChartProps extends ChartText {
  categories: string[];
  series: BarSeries[];
  format: (value: number) => string;
  /** A reference line across the bars, such as a latency target. */
  target?: { value: number; label: string };
  emptyMessage?: string;
}

const WIDTH = 640;
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 90;
const ROW = 26;
const TOP = 8;
const AXIS = 24;

/** Horizontal bars, one group per category, drawn on the server: no chart code reaches the browser. */
export function BarChart({ id, title, description, categories, series, format, target, emptyMessage }: BarChartProps) {
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  if (categories.length === 0 || values.length === 0) return <ChartEmpty title={title} message={emptyMessage ?? "Nothing to show yet."} />;
  const bandHeight = ROW * Math.max(1, series.length) + 8;
  const height = TOP + categories.length * bandHeight + AXIS + (series.length > 1 || target ? 20 : 0);
  const y = scaleBand<string>()
    .domain(categories)
    .range([TOP, TOP + categories.length * bandHeight])
    .paddingInner(0.15);
  const max = Math.max(...values, target?.value ?? 0);
  const x = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice()
    .range([LABEL_WIDTH, WIDTH - VALUE_WIDTH]);
  const inner = scaleBand<number>()
    .domain(series.map((_, i) => i))
    .range([0, y.bandwidth()])
    .paddingInner(0.1);
  const axisY = TOP + categories.length * bandHeight;
  return (
    <ChartSvg id={id} title={title} description={description} width={WIDTH} height={height}>
      <g aria-hidden="true" fontSize="11">
        {x.ticks(4).map((t) => (
          <g key={t} transform={`translate(${x(t)},0)`}>
            <line y1={TOP} y2={axisY} stroke="#e2e8f0" />
            <text y={axisY + 14} textAnchor="middle" fill="currentColor">
              {format(t)}
            </text>
          </g>
        ))}
      </g>
      {categories.map((category, ci) => (
        <g key={category} transform={`translate(0,${y(category)})`}>
          <CategoryLabel text={category} middle={y.bandwidth() / 2} />
          {series.map((s, si) => {
            const v = s.values[ci];
            if (v === null || v === undefined) return null;
            return (
              <g key={s.name} data-series={s.name}>
                <rect
                  x={LABEL_WIDTH}
                  y={inner(si)}
                  width={Math.max(0, x(v) - LABEL_WIDTH)}
                  height={inner.bandwidth()}
                  fill={SERIES_COLOURS[si % SERIES_COLOURS.length]}
                  data-value={v}
                />
                <text x={x(v) + 4} y={(inner(si) ?? 0) + inner.bandwidth() / 2} dy="0.35em" fontSize="11" fill="currentColor">
                  {format(v)}
                </text>
              </g>
            );
          })}
        </g>
      ))}
      {target && (
        <g data-target={target.value}>
          <line x1={x(target.value)} x2={x(target.value)} y1={TOP - 4} y2={axisY} stroke="#dc2626" strokeDasharray="4 3" strokeWidth="2" />
          <text x={x(target.value)} y={axisY + 30} textAnchor="middle" fontSize="11" fill="#b91c1c">
            {target.label}
          </text>
        </g>
      )}
      <SeriesLegend names={series.map((s) => s.name)} x={LABEL_WIDTH} y={height - 6} spacing={110} />
    </ChartSvg>
  );
}

const LINE_CHARS = 30;

/** A category name on up to two lines, cut at a word where it can be; the full name stays in a tooltip. */
function CategoryLabel({ text, middle }: { text: string; middle: number }) {
  const lines = labelLines(text);
  return (
    <text x={LABEL_WIDTH - 8} y={middle} textAnchor="end" fontSize="11" fill="currentColor">
      <title>{text}</title>
      {lines.map((line, i) => (
        <tspan key={i} x={LABEL_WIDTH - 8} dy={i === 0 ? `${0.35 - (lines.length - 1) * 0.55}em` : "1.1em"}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

export function labelLines(text: string): string[] {
  if (text.length <= LINE_CHARS) return [text];
  const cut = text.lastIndexOf(" ", LINE_CHARS);
  const at = cut > 8 ? cut : LINE_CHARS;
  const rest = text.slice(at).trim();
  return [text.slice(0, at).trim(), rest.length > LINE_CHARS ? `${rest.slice(0, LINE_CHARS - 1)}…` : rest];
}
