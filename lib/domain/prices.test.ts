import { describe, expect, it } from "vitest";
import { BREAK_EVEN_HOURS } from "./running-mode";
import { findComputePrice, unconfirmedPrices } from "./prices";
import { EXAMPLE_PRICE_TABLE } from "./prices.seed";
import { priceTableSchema } from "./schemas";
import type { ComputeType } from "./types";

describe("price table schema", () => {
  it("accepts the example seed", () => {
    expect(priceTableSchema.safeParse(EXAMPLE_PRICE_TABLE).success).toBe(true);
  });

  it("marks every example price as unconfirmed", () => {
    const pending = unconfirmedPrices(EXAMPLE_PRICE_TABLE);
    expect(pending.compute).toHaveLength(EXAMPLE_PRICE_TABLE.compute.length);
    expect(pending.storage).toHaveLength(EXAMPLE_PRICE_TABLE.storage.length);
    expect(EXAMPLE_PRICE_TABLE.note).toMatch(/example/i);
  });

  it("covers both Regions, every current compute type, OS/licence and both billed modes", () => {
    for (const region of ["us-east-1", "eu-west-1"]) {
      for (const computeType of Object.keys(BREAK_EVEN_HOURS) as ComputeType[]) {
        for (const [operatingSystem, licence] of [
          ["WINDOWS", "INCLUDED"],
          ["WINDOWS", "BYOL"],
          ["LINUX", "INCLUDED"],
        ] as const) {
          for (const runningMode of ["ALWAYS_ON", "AUTO_STOP"] as const) {
            expect(
              findComputePrice(EXAMPLE_PRICE_TABLE, { region, computeType, operatingSystem, licence, runningMode }),
              `${region} ${computeType} ${operatingSystem} ${licence} ${runningMode}`,
            ).toBeDefined();
          }
        }
      }
    }
  });

  it.each(Object.entries(BREAK_EVEN_HOURS))("the example %s prices break even within 2 h of the optimizer's %d h", (computeType, hours) => {
    const key = { region: "us-east-1", computeType: computeType as ComputeType, operatingSystem: "WINDOWS", licence: "INCLUDED" } as const;
    const alwaysOn = findComputePrice(EXAMPLE_PRICE_TABLE, { ...key, runningMode: "ALWAYS_ON" });
    const autoStop = findComputePrice(EXAMPLE_PRICE_TABLE, { ...key, runningMode: "AUTO_STOP" });
    if (alwaysOn?.runningMode !== "ALWAYS_ON" || autoStop?.runningMode !== "AUTO_STOP") throw new Error("missing example price");
    const breakEven = (alwaysOn.monthlyCents - autoStop.monthlyCents) / autoStop.hourlyCents;
    expect(Math.abs(breakEven - hours)).toBeLessThanOrEqual(2);
  });

  const entry = {
    region: "us-east-1",
    computeType: "VALUE",
    operatingSystem: "WINDOWS",
    licence: "INCLUDED",
    confirmedAt: null,
    runningMode: "ALWAYS_ON",
    monthlyCents: 2500,
  };
  const storage = { region: "us-east-1", rootPerGbMonthCents: 8, userPerGbMonthCents: 10, confirmedAt: "2026-11-01" };
  it.each([
    { name: "a valid table", table: { currency: "USD", note: "", compute: [entry], storage: [storage] }, ok: true },
    { name: "duplicate compute key", table: { currency: "USD", note: "", compute: [entry, entry], storage: [storage] }, ok: false },
    { name: "duplicate storage Region", table: { currency: "USD", note: "", compute: [entry], storage: [storage, storage] }, ok: false },
    { name: "fractional cents", table: { currency: "USD", note: "", compute: [{ ...entry, monthlyCents: 25.5 }], storage: [] }, ok: false },
    { name: "negative price", table: { currency: "USD", note: "", compute: [{ ...entry, monthlyCents: -1 }], storage: [] }, ok: false },
    {
      name: "AutoStop without hourly price",
      table: { currency: "USD", note: "", compute: [{ ...entry, runningMode: "AUTO_STOP" }], storage: [] },
      ok: false,
    },
    {
      name: "unknown compute type",
      table: { currency: "USD", note: "", compute: [{ ...entry, computeType: "HUGE" }], storage: [] },
      ok: false,
    },
    {
      name: "confirmedAt not a date",
      table: { currency: "USD", note: "", compute: [{ ...entry, confirmedAt: "yesterday" }], storage: [] },
      ok: false,
    },
    { name: "another currency", table: { currency: "EUR", note: "", compute: [], storage: [] }, ok: false },
    {
      name: "a typo in a Region",
      table: { currency: "USD", note: "", compute: [{ ...entry, region: "us east 1" }], storage: [] },
      ok: false,
    },
  ])("$name → valid: $ok", ({ table, ok }) => {
    expect(priceTableSchema.safeParse(table).success).toBe(ok);
  });
});
