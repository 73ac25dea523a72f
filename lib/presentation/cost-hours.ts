// The sentences under the request form's cost-against-hours chart, also its description for screen readers.
// Written on the server with the rest of the catalog, so the form's browser code only draws the lines.

export interface CostCurveNumbers {
  alwaysOnCents: number;
  autoStopBaseCents: number;
  autoStopHourlyCents: number;
  /** Hours a month above which AlwaysOn costs less; 0 when it always does, null when it never does. */
  breakEvenHours: number | null;
}

export interface CostHoursText {
  alwaysOn: string;
  autoStop: string;
  breakEven: string;
}

const dollars = (cents: number) =>
  `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: cents % 100 ? 2 : 0, maximumFractionDigits: 2 })}`;

export function costHoursSummary(curve: CostCurveNumbers): CostHoursText {
  return {
    alwaysOn: `AlwaysOn: ${dollars(curve.alwaysOnCents)} a month, however many hours you use it.`,
    autoStop: `AutoStop: ${dollars(curve.autoStopBaseCents)} a month plus ${dollars(curve.autoStopHourlyCents)} an hour used.`,
    breakEven:
      curve.breakEvenHours === null
        ? "AutoStop costs less at any number of hours."
        : curve.breakEvenHours === 0
          ? "AlwaysOn costs less at any number of hours."
          : `Break-even at about ${Math.round(curve.breakEvenHours)} hours a month: below it AutoStop costs less, above it AlwaysOn does.`,
  };
}
