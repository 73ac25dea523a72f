import { z } from "zod";
import { COMPUTE_TYPES, LICENCES, OPERATING_SYSTEMS, type ComputeType, type Licence, type OperatingSystem, type RunningMode } from "./types";

// The price table admins maintain. A WorkSpace's bill has two parts:
// - compute, which depends on Region × compute type × OS/licence × running mode and already includes the
//   bundle's own volumes (AWS quotes bundle prices that way);
// - storage the user added beyond the bundle's volumes, charged per GB-month.
// All amounts are integer US cents. Entries carry confirmedAt: null until an admin has checked them
// against the AWS price list, so the UI can say "example price" instead of pretending to be exact.

export const DEFAULT_EXPECTED_AUTO_STOP_HOURS = 80;

const cents = z.number().int().nonnegative();
const isoDate = z.iso.date();
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "Region looks like us-east-1");

const priceKeyFields = {
  region,
  computeType: z.enum(COMPUTE_TYPES),
  operatingSystem: z.enum(OPERATING_SYSTEMS),
  licence: z.enum(LICENCES),
  confirmedAt: isoDate.nullable(),
};

export const computePriceSchema = z.discriminatedUnion("runningMode", [
  z.strictObject({ ...priceKeyFields, runningMode: z.literal("ALWAYS_ON"), monthlyCents: cents }),
  z.strictObject({ ...priceKeyFields, runningMode: z.literal("AUTO_STOP"), monthlyCents: cents, hourlyCents: cents }),
]);
export type ComputePrice = z.infer<typeof computePriceSchema>;

export const storagePriceSchema = z.strictObject({
  region,
  rootPerGbMonthCents: cents,
  userPerGbMonthCents: cents,
  confirmedAt: isoDate.nullable(),
});
export type StoragePrice = z.infer<typeof storagePriceSchema>;

export const priceTableSchema = z
  .strictObject({
    currency: z.literal("USD"),
    /** Shown next to every estimate, e.g. "Example list prices; confirm against AWS before relying on them." */
    note: z.string(),
    compute: z.array(computePriceSchema),
    storage: z.array(storagePriceSchema),
  })
  .superRefine((table, ctx) => {
    // A duplicate key would make the estimate depend on array order: refuse it when the admin saves.
    const seen = new Set<string>();
    table.compute.forEach((entry, index) => {
      const key = computePriceKey(entry);
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["compute", index], message: `Duplicate price for ${key}` });
      seen.add(key);
    });
    const regions = new Set<string>();
    table.storage.forEach((entry, index) => {
      if (regions.has(entry.region)) ctx.addIssue({ code: "custom", path: ["storage", index], message: `Duplicate storage price for ${entry.region}` });
      regions.add(entry.region);
    });
  });
export type PriceTable = z.infer<typeof priceTableSchema>;

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
