// Client-safe wording helpers (no server imports), shared by the request forms.
const COMPUTE: Record<string, string> = {
  VALUE: "Value",
  STANDARD: "Standard",
  PERFORMANCE: "Performance",
  POWER: "Power",
  POWERPRO: "PowerPro",
  GRAPHICS: "Graphics",
  GRAPHICSPRO: "GraphicsPro",
  GRAPHICS_G4DN: "Graphics.g4dn",
  GRAPHICSPRO_G4DN: "GraphicsPro.g4dn",
};

export const computeLabel = (t: string) => COMPUTE[t] ?? t;

const twoDecimals = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function priceText(m: { cents: number; currency: string } | null): string {
  if (!m) return "price unknown";
  return `$${twoDecimals.format(m.cents / 100)} / month`;
}
