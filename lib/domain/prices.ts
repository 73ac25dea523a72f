import type { ComputeType, Licence, OperatingSystem, RunningMode } from "./types";

// The price table admins maintain. A WorkSpace's bill has two parts:
// - compute, which depends on Region × compute type × OS/licence × running mode and already includes the
//   bundle's own volumes (AWS quotes bundle prices that way);
// - storage the user added beyond the bundle's volumes, charged per GB-month.
// All amounts are integer US cents. Entries carry confirmedAt: null until an admin has checked them
// against the AWS price list, so the UI can say "example price" instead of pretending to be exact.
// priceTableSchema (schemas.ts) parses an admin's edit into these types. They are type aliases, not
// interfaces, because they are stored as JSON and only aliases fit Prisma's JSON input type.

export const DEFAULT_EXPECTED_AUTO_STOP_HOURS = 80;

type ComputePriceFields = {
  region: string;
  computeType: ComputeType;
  operatingSystem: OperatingSystem;
  licence: Licence;
  /** ISO date (YYYY-MM-DD) an admin confirmed the price; null while it is an example. */
  confirmedAt: string | null;
};

export type ComputePrice =
  | (ComputePriceFields & { runningMode: "ALWAYS_ON"; monthlyCents: number })
  | (ComputePriceFields & { runningMode: "AUTO_STOP"; monthlyCents: number; hourlyCents: number });

export type StoragePrice = {
  region: string;
  rootPerGbMonthCents: number;
  userPerGbMonthCents: number;
  confirmedAt: string | null;
};

export type PriceTable = {
  currency: "USD";
  /** Shown next to every estimate, e.g. "Example list prices; confirm against AWS before relying on them." */
  note: string;
  compute: ComputePrice[];
  storage: StoragePrice[];
};

export interface ComputePriceKey {
  region: string;
  computeType: ComputeType;
  operatingSystem: OperatingSystem;
  licence: Licence;
  runningMode: RunningMode;
}

export function computePriceKey(key: ComputePriceKey): string {
  return [key.region, key.computeType, key.operatingSystem, key.licence, key.runningMode].join("/");
}

export function findComputePrice(table: PriceTable, key: ComputePriceKey): ComputePrice | undefined {
  const wanted = computePriceKey(key);
  return table.compute.find((entry) => computePriceKey(entry) === wanted);
}

export function findStoragePrice(table: PriceTable, regionName: string): StoragePrice | undefined {
  return table.storage.find((entry) => entry.region === regionName);
}

/** Entries still waiting for an admin to confirm them; the admin screen lists these first. */
export function unconfirmedPrices(table: PriceTable): { compute: ComputePrice[]; storage: StoragePrice[] } {
  return {
    compute: table.compute.filter((entry) => entry.confirmedAt === null),
    storage: table.storage.filter((entry) => entry.confirmedAt === null),
  };
}
