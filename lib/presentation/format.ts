import { formatMoney, type Money } from "../domain/client";

// Formatters are built once: creating an Intl formatter costs far more than using one, and a page formats many values.
const wholeNumber = new Intl.NumberFormat("en-US");
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

// Small formatting helpers for the pages. Dates are shown in UTC with the zone named, so a manager in
// another country and the audit log agree on what "when" means.

/** "+$12.50" / "−$3.20" / "$0.00": a signed amount with its currency. */
export function signedMoney(cents: number, currency: Money["currency"] = "USD"): string {
  if (cents === 0) return formatMoney({ cents: 0, currency });
  return `${cents > 0 ? "+" : "−"}${formatMoney({ cents: Math.abs(cents), currency })}`;
}

/** Monthly and annual delta in one phrase, for approvers. */
export function monthlyAndAnnual(cents: number | null, currency: Money["currency"] = "USD"): { monthly: string; annual: string } | null {
  if (cents === null) return null;
  return { monthly: `${signedMoney(cents, currency)} / month`, annual: `${signedMoney(cents * 12, currency)} / year` };
}

export function gb(size: number | null | undefined): string {
  return size === null || size === undefined ? "—" : `${wholeNumber.format(size)} GB`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "3 hours ago" / "in 2 days" / "just now". */
export function relativeTime(at: Date, now: Date): string {
  const diff = at.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < 60_000) return "just now";
  for (const [unit, ms] of UNITS) {
    if (abs >= ms) return relative.format(Math.round(diff / ms), unit);
  }
  return "just now";
}

export function utc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** When a pending request escalates and expires, from the policy's (possibly fractional) days. */
export function approvalDeadlines(createdAt: Date, escalationDays: number, expiryDays: number): { escalatesAt: Date; expiresAt: Date } {
  const day = 86_400_000;
  return { escalatesAt: new Date(createdAt.getTime() + escalationDays * day), expiresAt: new Date(createdAt.getTime() + expiryDays * day) };
}

/** The hours above which AlwaysOn is cheaper, in a sentence; null when there is no figure. */
export function breakEvenSentence(hours: number | undefined): string | null {
  if (hours === undefined) return null;
  return `Above about ${hours} hours a month AlwaysOn is cheaper; below that, AutoStop is.`;
}
