import type { ComputePrice, PriceTable, StoragePrice } from "./prices";
import type { ComputeType, Licence, OperatingSystem } from "./types";

// EXAMPLE list prices, not AWS's current ones. They are plausible orders of magnitude, chosen so that
// each compute type's AutoStop/AlwaysOn break-even lands on the Cost Optimizer's default threshold
// (VALUE ≈ 81 h, STANDARD ≈ 85 h, …), which keeps the estimates and the running-mode advice coherent.
// Every entry has confirmedAt: null: an admin must check it against the AWS price list and confirm it.

interface ExamplePrice {
  alwaysOnMonthlyCents: number;
  autoStopMonthlyCents: number;
  autoStopHourlyCents: number;
}

// us-east-1, Windows with the licence included. Legacy GRAPHICS/GRAPHICSPRO are deliberately absent:
// they are no longer offered, so estimates for them report a missing price instead of guessing.
const US_EAST_1_WINDOWS: Partial<Record<ComputeType, ExamplePrice>> = {
  VALUE: { alwaysOnMonthlyCents: 2500, autoStopMonthlyCents: 725, autoStopHourlyCents: 22 },
  STANDARD: { alwaysOnMonthlyCents: 3500, autoStopMonthlyCents: 975, autoStopHourlyCents: 30 },
  PERFORMANCE: { alwaysOnMonthlyCents: 6000, autoStopMonthlyCents: 1300, autoStopHourlyCents: 59 },
  POWER: { alwaysOnMonthlyCents: 7800, autoStopMonthlyCents: 1300, autoStopHourlyCents: 71 },
  POWERPRO: { alwaysOnMonthlyCents: 13400, autoStopMonthlyCents: 1900, autoStopHourlyCents: 147 },
  GRAPHICS_G4DN: { alwaysOnMonthlyCents: 50200, autoStopMonthlyCents: 7300, autoStopHourlyCents: 128 },
  GRAPHICSPRO_G4DN: { alwaysOnMonthlyCents: 100100, autoStopMonthlyCents: 7300, autoStopHourlyCents: 1160 },
};

// How the other variants relate to the base row, as plain factors an admin can reason about.
const VARIANTS: { operatingSystem: OperatingSystem; licence: Licence; factor: number }[] = [
  { operatingSystem: "WINDOWS", licence: "INCLUDED", factor: 1 },
  { operatingSystem: "WINDOWS", licence: "BYOL", factor: 0.85 },
  { operatingSystem: "LINUX", licence: "INCLUDED", factor: 0.9 },
];
const REGIONS: { region: string; factor: number }[] = [
  { region: "us-east-1", factor: 1 },
  { region: "eu-west-1", factor: 1.08 },
];

function scaled(valueCents: number, factor: number): number {
  return Math.round(valueCents * factor);
}

function examplePrices(): ComputePrice[] {
  const entries: ComputePrice[] = [];
  for (const { region, factor: regionFactor } of REGIONS) {
    for (const { operatingSystem, licence, factor: variantFactor } of VARIANTS) {
      for (const [computeType, base] of Object.entries(US_EAST_1_WINDOWS) as [ComputeType, ExamplePrice][]) {
        const factor = regionFactor * variantFactor;
        const key = { region, computeType, operatingSystem, licence, confirmedAt: null };
        entries.push({ ...key, runningMode: "ALWAYS_ON", monthlyCents: scaled(base.alwaysOnMonthlyCents, factor) });
        entries.push({
          ...key,
          runningMode: "AUTO_STOP",
          monthlyCents: scaled(base.autoStopMonthlyCents, factor),
          hourlyCents: scaled(base.autoStopHourlyCents, factor),
        });
      }
    }
  }
  return entries;
}

const EXAMPLE_STORAGE: StoragePrice[] = [
  { region: "us-east-1", rootPerGbMonthCents: 8, userPerGbMonthCents: 10, confirmedAt: null },
  { region: "eu-west-1", rootPerGbMonthCents: 9, userPerGbMonthCents: 11, confirmedAt: null },
];

export const EXAMPLE_PRICE_TABLE: PriceTable = {
  currency: "USD",
  note:
    "Example list prices for us-east-1 and eu-west-1, not quotes from AWS. " +
    "An admin must confirm each entry against the AWS price list.",
  compute: examplePrices(),
  storage: EXAMPLE_STORAGE,
};
