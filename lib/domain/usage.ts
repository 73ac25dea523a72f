import type { RunningMode } from "./types";

// Billable hours from CloudWatch's UserConnected metric, as the portal's optimizer and reports count
// them. Sources (see docs/domain.md, "Usage and billable hours"):
// - AWS's Cost Optimizer for Amazon WorkSpaces counts an hour as billable when UserConnected shows a
//   connection in it;
// - an AutoStop WorkSpace keeps running (and billing) for RunningModeAutoStopTimeoutInMinutes after the
//   user disconnects, so the idle timeout after each session is billed too; a session that starts
//   again within the timeout simply continues the running period.
// AlwaysOn WorkSpaces get the same count: it is what the month would have billed under AutoStop, which
// is the figure the optimizer compares with the break-even threshold. Manual WorkSpaces stop only when
// someone stops them, which UserConnected cannot show, so they count connected hours only.

export const HOURS_PER_DAY = 24;
const FULL_MASK = (1 << HOURS_PER_DAY) - 1;
const MS_PER_DAY = 86_400_000;

/** One UTC day's connected hours: bit h set when UserConnected showed a connection in hour h. */
export interface UsageMaskDay {
  connectedHourMask: number;
}

/** The number of connected hours in a day's mask. */
export function connectedHoursOf(mask: number): number {
  let count = 0;
  for (let bits = mask & FULL_MASK; bits !== 0; bits &= bits - 1) count += 1;
  return count;
}

/** A day's mask from the UTC hours (0–23) in which a user was connected; other numbers are refused. */
export function maskFromHours(hours: readonly number[]): number {
  let mask = 0;
  for (const hour of hours) {
    if (!Number.isInteger(hour) || hour < 0 || hour >= HOURS_PER_DAY) throw new RangeError(`Not an hour of a day: ${hour}`);
    mask |= 1 << hour;
  }
  return mask;
}

/** Whether the day's mask shows a connection in UTC hour `hour`. */
export function isConnectedHour(mask: number, hour: number): boolean {
  return ((mask >>> hour) & 1) === 1;
}

/**
 * Billable hours over consecutive UTC days given in order (usually the month so far).
 * Connected hours always count. For AUTO_STOP and ALWAYS_ON the `autoStopTimeoutHours` hours after each
 * run of connected hours count too, unless already counted, up to the end of the given days; the tail
 * after a session that ended just before the end of the range is billed even if those hours are still
 * ahead, because the WorkSpace will keep running through them.
 */
export function billableHours(days: readonly UsageMaskDay[], runningMode: RunningMode, autoStopTimeoutHours: number): number {
  const timeout = runningMode === "MANUAL" ? 0 : Math.max(0, Math.floor(autoStopTimeoutHours));
  let billed = 0;
  // The first hour index (over the whole range) no longer covered by the idle timeout.
  let runningUntil = 0;
  days.forEach((day, dayIndex) => {
    const mask = day.connectedHourMask & FULL_MASK;
    for (let hour = 0; hour < HOURS_PER_DAY; hour += 1) {
      const index = dayIndex * HOURS_PER_DAY + hour;
      if (isConnectedHour(mask, hour)) {
        billed += 1;
        runningUntil = index + 1 + timeout;
      } else if (index < runningUntil) {
        billed += 1;
      }
    }
  });
  return billed;
}

/** The UTC midnight starting the day that contains `at`. */
export function utcDayStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / MS_PER_DAY) * MS_PER_DAY);
}

/** `day` moved by `days` whole UTC days. */
export function addUtcDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * MS_PER_DAY);
}

/** The UTC days from `start` (inclusive) to `end` (exclusive), each at midnight. */
export function utcDaysBetween(start: Date, end: Date): Date[] {
  const days: Date[] = [];
  for (let day = utcDayStart(start); day < end; day = addUtcDays(day, 1)) days.push(day);
  return days;
}

export interface MonthRange {
  /** UTC midnight of the month's first day. */
  start: Date;
  /** UTC midnight of the next month's first day (exclusive). */
  end: Date;
  /** 1-based day of the month that contains `now`. */
  dayOfMonth: number;
  daysInMonth: number;
}

/** The UTC calendar month containing `now`. */
export function monthRange(now: Date): MonthRange {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return {
    start,
    end,
    dayOfMonth: now.getUTCDate(),
    daysInMonth: Math.round((end.getTime() - start.getTime()) / MS_PER_DAY),
  };
}

/**
 * Stored usage rows laid out as consecutive days from `start` through the day containing `last`,
 * a day without a row counting as no connection (CloudWatch reports nothing for an idle WorkSpace).
 */
export function consecutiveUsageDays(rows: readonly { day: Date; connectedHourMask: number }[], start: Date, last: Date): UsageMaskDay[] {
  const byDay = new Map(rows.map((row) => [utcDayStart(row.day).getTime(), row.connectedHourMask]));
  return utcDaysBetween(start, addUtcDays(utcDayStart(last), 1)).map((day) => ({
    connectedHourMask: byDay.get(day.getTime()) ?? 0,
  }));
}

const MS_PER_HOUR = 3_600_000;

/**
 * The month's billable hours if it goes on as it went so far: the hours so far scaled to the whole month,
 * counted from the month's start to when the usage was read (`asOf`), and never more than the month has.
 * At least a day counts as elapsed, so the first hours of a month do not extrapolate wildly.
 */
export function projectMonthHours(hoursSoFar: number, month: { start: Date; end: Date }, asOf: Date): number {
  const monthHours = (month.end.getTime() - month.start.getTime()) / MS_PER_HOUR;
  const elapsed = Math.min(monthHours, Math.max(24, (asOf.getTime() - month.start.getTime()) / MS_PER_HOUR));
  return Math.min(monthHours, Math.round((hoursSoFar * monthHours) / elapsed));
}

/**
 * The AutoStop hours a WorkSpace's monthly cost is estimated at: this month's billable hours at the pace
 * so far (projectMonthHours) once its usage is known, else the policy's assumed hours. The optimizer's
 * saving, the cost recorded on a request and the WorkSpace page's estimate all come from this, so a switch
 * the optimizer calls a saving is also a saving to the approval policy.
 */
export function autoStopHoursForEstimate(projectedHoursThisMonth: number | null | undefined, assumedHours: number): number {
  return projectedHoursThisMonth ?? assumedHours;
}
