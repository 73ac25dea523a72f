// Money is kept as integer cents so sums and differences never drift the way binary floats do.
// Only the seed prices are USD today; the currency travels with every amount so a mixed sum fails loudly.

export type Currency = "USD";

export interface Money {
  cents: number;
  currency: Currency;
}

export function money(cents: number, currency: Currency = "USD"): Money {
  if (!Number.isInteger(cents)) throw new RangeError(`Money must be whole cents, got ${cents}`);
  return { cents, currency };
}

export const ZERO_USD: Money = money(0);

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.cents + b.cents, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.cents - b.cents, a.currency);
}

export function negateMoney(a: Money): Money {
  return money(a.cents === 0 ? 0 : -a.cents, a.currency);
}

/** Multiplies by a possibly fractional quantity (hours, GB) and rounds half away from zero to whole cents. */
export function multiplyMoney(a: Money, quantity: number): Money {
  const raw = a.cents * quantity;
  // 71 × 1.15 is 81.6499999… in binary floating point; trimming to 12 significant digits first
  // makes half-cent cases round the way a person computing by hand would.
  const cleaned = Number(Math.abs(raw).toPrecision(12));
  return money(Math.sign(raw) * Math.round(cleaned), a.currency);
}

/** "$1,234.56" / "-$3.20": for sentences shown to people. */
// Built once: creating an Intl formatter costs far more than using one.
const wholeNumber = new Intl.NumberFormat("en-US");

export function formatMoney(a: Money): string {
  const sign = a.cents < 0 ? "-" : "";
  const abs = Math.abs(a.cents);
  const dollars = wholeNumber.format(Math.floor(abs / 100));
  const cents = String(abs % 100).padStart(2, "0");
  return `${sign}$${dollars}.${cents}`;
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new Error(`Cannot combine ${a.currency} with ${b.currency}`);
}
