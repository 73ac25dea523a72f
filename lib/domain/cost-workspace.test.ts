import { describe, expect, it } from "vitest";
import { costSpecFor, monthlyCost, monthlyCostDelta, priceShape, runningModeCurve, workspaceMonthlyCost } from "./cost";
import type { PriceTable } from "./prices";
import { EXAMPLE_PRICE_TABLE } from "./prices.seed";
import { bundle, workspace } from "./testing/fixtures";

// Standard in us-east-1: Windows $35 / $10 + $0.30 an hour; Linux $30 / $9 + $0.25 an hour.
const PRICES: PriceTable = {
  currency: "USD",
  note: "test prices",
  compute: (
    [
      ["WINDOWS", 3500, 1000, 30],
      ["LINUX", 3000, 900, 25],
    ] as const
  ).flatMap(([operatingSystem, alwaysOn, base, hourly]) => {
    const key = { region: "us-east-1", computeType: "STANDARD" as const, operatingSystem, licence: "INCLUDED" as const, confirmedAt: null };
    return [
      { ...key, runningMode: "ALWAYS_ON" as const, monthlyCents: alwaysOn },
      { ...key, runningMode: "AUTO_STOP" as const, monthlyCents: base, hourlyCents: hourly },
    ];
  }),
  storage: [{ region: "us-east-1", rootPerGbMonthCents: 8, userPerGbMonthCents: 10, confirmedAt: null }],
};

describe("one estimate for one WorkSpace", () => {
  const linux = bundle("wsb-standard-linux");

  it("prices a Linux bundle's WorkSpace as Linux, whatever OS the inventory row says (AWS does not report it)", () => {
    // The cached row has no OS; the domain's WorkSpace defaults to Windows. The bundle decides.
    const ws = workspace({ bundleId: linux.id, operatingSystem: "WINDOWS", runningMode: "ALWAYS_ON" });
    const card = monthlyCost(ws, PRICES, { bundle: linux });
    const shape = workspaceMonthlyCost(
      linux,
      priceShape({ computeType: "STANDARD", runningMode: "ALWAYS_ON", rootVolumeGb: 80, userVolumeGb: 50 }),
      PRICES,
    );
    const request = monthlyCostDelta(
      null,
      {
        type: "create",
        ownerUserName: "alice",
        directoryId: "d-employees",
        bundleId: linux.id,
        runningMode: "ALWAYS_ON",
        rootVolumeEncrypted: false,
        userVolumeEncrypted: false,
        tags: [],
      },
      { prices: PRICES, bundles: [linux] },
    );
    expect(card.ok && card.total.cents).toBe(3000);
    expect(shape.ok && shape.total.cents).toBe(3000);
    expect(request.ok && request.delta.cents).toBe(3000);
  });

  it("takes the bundle's own values for what the row does not know, and the WorkSpace's when it does", () => {
    expect(costSpecFor(linux, {})).toMatchObject({ computeType: "STANDARD", runningMode: "ALWAYS_ON", rootVolumeGb: 80, userVolumeGb: 50 });
    const spec = costSpecFor(linux, { runningMode: "AUTO_STOP", rootVolumeGb: 100, userVolumeGb: null });
    expect(spec).toMatchObject({
      operatingSystem: "LINUX",
      licence: "INCLUDED",
      runningMode: "AUTO_STOP",
      rootVolumeGb: 100,
      userVolumeGb: 50,
    });
    const cost = workspaceMonthlyCost(linux, { runningMode: "AUTO_STOP", rootVolumeGb: 100 }, PRICES, { expectedAutoStopHours: 80 });
    // $9 + 80 h × $0.25 + 20 GB × $0.08
    expect(cost.ok && cost.total.cents).toBe(900 + 2000 + 160);
  });

  it("has no estimate without the bundle", () => {
    expect(workspaceMonthlyCost(undefined, {}, PRICES)).toMatchObject({ ok: false, code: "BUNDLE_UNKNOWN" });
  });
});

describe("runningModeCurve", () => {
  it("gives the two prices and where they cross", () => {
    const curve = runningModeCurve(bundle("wsb-standard"), PRICES)!;
    expect(curve.alwaysOn.cents).toBe(3500);
    expect(curve.autoStopBase.cents).toBe(1000);
    expect(curve.autoStopHourly.cents).toBe(30);
    // (35 − 10) / 0.30 = 83.33… hours
    expect(curve.breakEvenHours).toBe(83.3);
  });

  it("adds extra storage to both modes, so the crossing stays where it is", () => {
    const curve = runningModeCurve(bundle("wsb-standard"), PRICES, { rootVolumeGb: 100 })!;
    expect(curve.alwaysOn.cents).toBe(3500 + 160);
    expect(curve.autoStopBase.cents).toBe(1000 + 160);
    expect(curve.breakEvenHours).toBe(83.3);
  });

  it("is null without a price, and found for every bundle of the example table", () => {
    expect(runningModeCurve(bundle("wsb-power"), PRICES)).toBeNull();
    const curve = runningModeCurve(bundle("wsb-standard-linux"), EXAMPLE_PRICE_TABLE)!;
    expect(curve.breakEvenHours).toBeGreaterThan(0);
  });
});
