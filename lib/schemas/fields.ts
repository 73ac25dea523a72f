import { z } from "zod";
import { isStorableText } from "./text";

// Shared zod building blocks for the inputs every feature has: dates, day filters and paging cursors.
// A date outside a sane window (or no date at all) is refused here with a plain sentence, before it can
// reach PostgreSQL, whose timestamp range is narrower than JavaScript's.

export const EARLIEST_DATE = new Date("2000-01-01T00:00:00.000Z");
/** Exclusive: the last accepted instant is the end of 2099. */
export const LATEST_DATE = new Date("2100-01-01T00:00:00.000Z");

const WINDOW = "between 2000 and 2099";
const inWindow = (d: Date) => d.getTime() >= EARLIEST_DATE.getTime() && d.getTime() < LATEST_DATE.getTime();
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === "string" && value.length <= 40 && ISO_DATE_TIME.test(value.trim())) {
    const d = new Date(value.trim());
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/**
 * A point in time from a form (an ISO date or date-time string) or a Date: a real date in the window.
 * Numbers, booleans and anything else are refused rather than coerced.
 */
export function dateInput(label: string) {
  return z.unknown().transform((value, ctx) => {
    const d = toDate(value);
    if (!d) {
      ctx.addIssue({ code: "custom", message: `Enter the ${label} as a date, for example 2026-07-01.` });
      return z.NEVER;
    }
    if (!inWindow(d)) {
      ctx.addIssue({ code: "custom", message: `The ${label} must be ${WINDOW}.` });
      return z.NEVER;
    }
    return d;
  });
}

/** Whether "YYYY-MM-DD" names a day that exists (no 2026-02-30) in the window. */
export function isDayInWindow(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.getUTCMonth() + 1 === Number(m[2]) && d.getUTCDate() === Number(m[3]) && inWindow(d);
}

/** A day as a filter takes it ("2026-07-01"): an existing day in the window. */
export const dayInput = z.string().trim().max(10).refine(isDayInWindow, `Enter a date ${WINDOW} as YYYY-MM-DD.`);

/** PostgreSQL's bigint: the largest id a cursor can name. */
export const MAX_BIGINT_ID = 9_223_372_036_854_775_807n;

/** A paging cursor naming a bigint id: digits only, 1 to 2^63−1. */
export const bigintCursor = z
  .string()
  .trim()
  .max(19, "That page link is not valid.")
  .regex(/^[1-9]\d*$/, "That page link is not valid.")
  // Zod runs every check even after one failed, so this one looks only at 19-digit values.
  .refine((v) => !/^\d{19}$/.test(v) || BigInt(v) <= MAX_BIGINT_ID, "That page link is not valid.");

/** Free text from a filter box: bounded, and only characters the database can hold. */
export function filterText(max: number) {
  return z.string().trim().max(max).refine(isStorableText, "Remove the invalid characters from the filter.");
}
