// Client-safe wording helpers (no server imports), shared by the request forms.
const twoDecimals = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function priceText(m: { cents: number; currency: string } | null): string {
  if (!m) return "price unknown";
  return `$${twoDecimals.format(m.cents / 100)} / month`;
}
