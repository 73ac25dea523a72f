import type { CostCurveNumbers, CostHoursText } from "@/lib/presentation/cost-hours";
import { ChartSvg } from "./chart-frame";

// A bundle's monthly cost against the hours it is used: AlwaysOn is flat, AutoStop climbs by the hour, and
// where they cross (the break-even) is marked. Plain SVG from a pure function, no chart library, so the
// request form can redraw it in the browser when another bundle is chosen without growing its bundle.

export type CostCurve = CostCurveNumbers;

export const CHART = { width: 360, height: 200, left: 52, right: 12, top: 12, bottom: 36 } as const;

export interface Point {
  x: number;
  y: number;
}

export interface CostHoursGeometry {
  maxHours: number;
  maxCents: number;
  alwaysOn: [Point, Point];
  autoStop: [Point, Point];
  breakEven: (Point & { hours: number }) | null;
  xTicks: { hours: number; x: number }[];
  yTicks: { cents: number; y: number }[];
}

/** A round step (1, 2 or 5 × a power of ten) that splits `max` into about `parts` pieces. */
function niceStep(max: number, parts: number): number {
  const raw = max / parts;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/** Where the lines, the break-even and the ticks go, in the chart's own coordinates. Pure, so it is tested alone. */
export function costHoursGeometry(curve: CostCurve): CostHoursGeometry {
  // Show the crossing well inside the picture: about 1.75 × the break-even, at least 160 hours, at most a month.
  const wanted = curve.breakEvenHours && curve.breakEvenHours > 0 ? curve.breakEvenHours * 1.75 : 160;
  const hourStep = niceStep(Math.min(730, Math.max(160, wanted)), 4);
  const maxHours = Math.min(730, Math.ceil(Math.max(160, wanted) / hourStep) * hourStep);
  const autoStopAtMax = curve.autoStopBaseCents + curve.autoStopHourlyCents * maxHours;
  const top = Math.max(curve.alwaysOnCents, autoStopAtMax, 100);
  const centStep = niceStep(top, 4);
  const maxCents = Math.ceil(top / centStep) * centStep;

  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = CHART.height - CHART.top - CHART.bottom;
  const x = (hours: number) => CHART.left + (hours / maxHours) * plotW;
  const y = (cents: number) => CHART.top + plotH - (cents / maxCents) * plotH;

  const breakEven =
    curve.breakEvenHours !== null && curve.breakEvenHours > 0 && curve.breakEvenHours <= maxHours
      ? { hours: curve.breakEvenHours, x: x(curve.breakEvenHours), y: y(curve.alwaysOnCents) }
      : null;
  const xTicks: CostHoursGeometry["xTicks"] = [];
  for (let h = 0; h <= maxHours + 1e-9; h += hourStep) xTicks.push({ hours: h, x: x(h) });
  const yTicks: CostHoursGeometry["yTicks"] = [];
  for (let c = 0; c <= maxCents + 1e-9; c += centStep) yTicks.push({ cents: c, y: y(c) });
  return {
    maxHours,
    maxCents,
    alwaysOn: [
      { x: x(0), y: y(curve.alwaysOnCents) },
      { x: x(maxHours), y: y(curve.alwaysOnCents) },
    ],
    autoStop: [
      { x: x(0), y: y(curve.autoStopBaseCents) },
      { x: x(maxHours), y: y(autoStopAtMax) },
    ],
    breakEven,
    xTicks,
    yTicks,
  };
}

// Axis labels only: whole dollars.
const dollars = (cents: number) => `$${Math.round(cents / 100)}`;

const ALWAYS_ON = "#1d4ed8";
const AUTO_STOP = "#b45309";

/** `text` comes from costHoursSummary (lib/presentation/cost-hours), written on the server. */
export function CostHoursChart({ id, curve, text }: { id: string; curve: CostCurve; text: CostHoursText }) {
  const g = costHoursGeometry(curve);
  const line = ([a, b]: [Point, Point]) => ({ x1: a.x, y1: a.y, x2: b.x, y2: b.y });
  return (
    <figure className="min-w-0" data-testid="cost-hours-chart">
      <ChartSvg
        id={id}
        title="Monthly cost against hours used, AlwaysOn and AutoStop"
        description={`${text.alwaysOn} ${text.autoStop} ${text.breakEven}`}
        width={CHART.width}
        height={CHART.height}
      >
        <g aria-hidden="true" fontSize="10">
          {g.yTicks.map((t) => (
            <g key={t.cents}>
              <line x1={CHART.left} x2={CHART.width - CHART.right} y1={t.y} y2={t.y} stroke="#e2e8f0" />
              <text x={CHART.left - 4} y={t.y} dy="0.35em" textAnchor="end" fill="currentColor">
                {dollars(t.cents)}
              </text>
            </g>
          ))}
          {g.xTicks.map((t) => (
            <text key={t.hours} x={t.x} y={CHART.height - CHART.bottom + 13} textAnchor="middle" fill="currentColor">
              {t.hours} h
            </text>
          ))}
          <text x={CHART.left + (CHART.width - CHART.left - CHART.right) / 2} y={CHART.height - 4} textAnchor="middle" fill="currentColor">
            Hours used in a month
          </text>
          <line {...line(g.alwaysOn)} stroke={ALWAYS_ON} strokeWidth={2.5} data-series="always-on" />
          <line {...line(g.autoStop)} stroke={AUTO_STOP} strokeWidth={2.5} strokeDasharray="6 3" data-series="auto-stop" />
          <text x={g.alwaysOn[1].x - 2} y={g.alwaysOn[1].y - 5} textAnchor="end" fill={ALWAYS_ON} fontWeight="600">
            AlwaysOn
          </text>
          <text
            x={g.autoStop[1].x - 2}
            y={g.autoStop[1].y + (g.autoStop[1].y < g.alwaysOn[1].y ? 22 : -5)}
            textAnchor="end"
            fill={AUTO_STOP}
            fontWeight="600"
          >
            AutoStop
          </text>
          {g.breakEven && (
            <g data-break-even={g.breakEven.hours}>
              <line
                x1={g.breakEven.x}
                x2={g.breakEven.x}
                y1={CHART.top}
                y2={CHART.height - CHART.bottom}
                stroke="#334155"
                strokeDasharray="2 3"
              />
              <circle cx={g.breakEven.x} cy={g.breakEven.y} r={4} fill="#334155" />
              <text
                x={g.breakEven.x + (g.breakEven.x > CHART.width * 0.65 ? -4 : 4)}
                y={CHART.top + 10}
                textAnchor={g.breakEven.x > CHART.width * 0.65 ? "end" : "start"}
                fill="#334155"
              >
                Break-even {Math.round(g.breakEven.hours)} h
              </text>
            </g>
          )}
        </g>
      </ChartSvg>
      <figcaption className="mt-2 space-y-1 text-xs text-slate-700">
        <p>{text.alwaysOn}</p>
        <p>{text.autoStop}</p>
        <p className="font-medium text-slate-900" data-testid="break-even">
          {text.breakEven}
        </p>
      </figcaption>
    </figure>
  );
}
