import type { Change } from "./change";
import { addMoney, formatMoney, money, multiplyMoney, negateMoney, subtractMoney, ZERO_USD, type Money } from "./money";
import { DEFAULT_EXPECTED_AUTO_STOP_HOURS, findComputePrice, findStoragePrice, type PriceTable } from "./prices";
import type { Bundle, ComputeType, Licence, OperatingSystem, RunningMode, Workspace } from "./types";

/** Everything the price of one WorkSpace depends on. */
export interface CostSpec {
  region: string;
  computeType: ComputeType;
  operatingSystem: OperatingSystem;
  licence: Licence;
  runningMode: RunningMode;
  rootVolumeGb: number;
  userVolumeGb: number;
  /** The bundle's volumes are part of the compute price; only storage beyond them costs extra. */
  includedRootVolumeGb: number;
  includedUserVolumeGb: number;
}

export interface CostLine {
  label: string;
  amount: Money;
}

export type CostFailure = { ok: false; code: "PRICE_MISSING" | "BUNDLE_UNKNOWN"; message: string };

export type MonthlyCostResult = { ok: true; total: Money; lines: CostLine[]; usesUnconfirmedPrices: boolean } | CostFailure;

export interface MonthlyCostOptions {
  /** Required when pricing a Workspace: its licence and included volumes come from the bundle. */
  bundle?: Bundle;
  /** AutoStop hours assumed per month. */
  expectedAutoStopHours?: number;
}

/** What a WorkSpace is, as far as its bill goes; absent fields take the bundle's own. */
export interface WorkspaceShape {
  computeType?: ComputeType | null;
  runningMode?: RunningMode | null;
  rootVolumeGb?: number | null;
  userVolumeGb?: number | null;
}

/** The cached columns a WorkSpace's price depends on besides its bundle, as the inventory stores them. */
export function priceShape(row: {
  computeType: string | null;
  runningMode: string | null;
  rootVolumeGb: number | null;
  userVolumeGb: number | null;
}): WorkspaceShape {
  return {
    computeType: row.computeType as ComputeType | null,
    runningMode: row.runningMode as RunningMode | null,
    rootVolumeGb: row.rootVolumeGb,
    userVolumeGb: row.userVolumeGb,
  };
}

/**
 * The one description of a WorkSpace's bill, shared by a request's estimate, the WorkSpace's card, the
 * team total and the reports. The operating system and licence always come from the bundle: AWS does not
 * report a WorkSpace's OS in the inventory, and a Linux bundle's WorkSpace is priced as Linux, never as
 * the Windows default. The compute type, running mode and volumes are the WorkSpace's own when known.
 */
export function costSpecFor(bundle: Bundle, shape: WorkspaceShape = {}): CostSpec {
  return {
    region: bundle.region,
    computeType: shape.computeType ?? bundle.computeType,
    operatingSystem: bundle.operatingSystem,
    licence: bundle.licence,
    runningMode: shape.runningMode ?? "ALWAYS_ON",
    rootVolumeGb: shape.rootVolumeGb ?? bundle.defaultRootVolumeGb,
    userVolumeGb: shape.userVolumeGb ?? bundle.defaultUserVolumeGb,
    includedRootVolumeGb: bundle.defaultRootVolumeGb,
    includedUserVolumeGb: bundle.defaultUserVolumeGb,
  };
}

/**
 * A WorkSpace's estimated month: the function every screen prices a WorkSpace with. `bundle` is the
 * WorkSpace's bundle from the catalog; without it there is no estimate.
 */
export function workspaceMonthlyCost(
  bundle: Bundle | undefined,
  shape: WorkspaceShape,
  prices: PriceTable,
  opts: Omit<MonthlyCostOptions, "bundle"> = {},
): MonthlyCostResult {
  if (!bundle)
    return {
      ok: false,
      code: "BUNDLE_UNKNOWN",
      message: "The cost cannot be estimated because this WorkSpace's bundle is not in the catalog.",
    };
  return monthlyCost(costSpecFor(bundle, shape), prices, opts);
}

export function costSpecForWorkspace(workspace: Workspace, bundle: Bundle): CostSpec {
  return { ...costSpecFor(bundle, workspace), region: workspace.region };
}

export function costSpecForBundle(
  bundle: Bundle,
  runningMode: RunningMode,
  volumes: { rootVolumeGb?: number; userVolumeGb?: number } = {},
): CostSpec {
  return costSpecFor(bundle, { runningMode, rootVolumeGb: volumes.rootVolumeGb, userVolumeGb: volumes.userVolumeGb });
}

function isWorkspace(subject: Workspace | CostSpec): subject is Workspace {
  return "id" in subject && "bundleId" in subject;
}

export function monthlyCost(subject: Workspace | CostSpec, prices: PriceTable, opts: MonthlyCostOptions = {}): MonthlyCostResult {
  let spec: CostSpec;
  if (isWorkspace(subject)) {
    if (!opts.bundle || opts.bundle.id !== subject.bundleId) {
      return {
        ok: false,
        code: "BUNDLE_UNKNOWN",
        message: "The cost cannot be estimated because this WorkSpace's bundle is not in the catalog.",
      };
    }
    spec = costSpecForWorkspace(subject, opts.bundle);
  } else {
    spec = subject;
  }
  const hours = opts.expectedAutoStopHours ?? DEFAULT_EXPECTED_AUTO_STOP_HOURS;
  const computePrice = findComputePrice(prices, spec);
  const storagePrice = findStoragePrice(prices, spec.region);
  if (!computePrice || !storagePrice) {
    const what = `${spec.computeType} ${spec.operatingSystem} (${spec.licence}) in ${spec.runningMode} mode in ${spec.region}`;
    return { ok: false, code: "PRICE_MISSING", message: `There is no price for ${what} yet; an admin needs to add it.` };
  }
  const lines: CostLine[] = [];
  if (computePrice.runningMode === "ALWAYS_ON") {
    lines.push({ label: "AlwaysOn monthly fee", amount: money(computePrice.monthlyCents) });
  } else {
    lines.push({ label: "AutoStop monthly fee", amount: money(computePrice.monthlyCents) });
    lines.push({ label: `AutoStop usage, ${hours} hours estimated`, amount: multiplyMoney(money(computePrice.hourlyCents), hours) });
  }
  const extraRootGb = Math.max(0, spec.rootVolumeGb - spec.includedRootVolumeGb);
  const extraUserGb = Math.max(0, spec.userVolumeGb - spec.includedUserVolumeGb);
  if (extraRootGb > 0)
    lines.push({ label: `Extra root storage, ${extraRootGb} GB`, amount: money(extraRootGb * storagePrice.rootPerGbMonthCents) });
  if (extraUserGb > 0)
    lines.push({ label: `Extra user storage, ${extraUserGb} GB`, amount: money(extraUserGb * storagePrice.userPerGbMonthCents) });
  const total = lines.reduce((sum, line) => addMoney(sum, line.amount), ZERO_USD);
  const chargesStorage = extraRootGb > 0 || extraUserGb > 0;
  const usesUnconfirmedPrices = computePrice.confirmedAt === null || (chargesStorage && storagePrice.confirmedAt === null);
  return { ok: true, total, lines, usesUnconfirmedPrices };
}

export interface CostDeltaContext {
  prices: PriceTable;
  bundles: readonly Bundle[];
  expectedAutoStopHours?: number;
}

export type CostDeltaResult =
  | {
      ok: true;
      /** Positive costs more each month, negative saves. */
      delta: Money;
      /** Null when the change has no effect on the bill and no price was needed. */
      before: Money | null;
      after: Money | null;
      /** Plain sentences about how the month of the change is billed. */
      notes: string[];
      usesUnconfirmedPrices: boolean;
    }
  | CostFailure;

const BUNDLE_UNKNOWN: CostFailure = {
  ok: false,
  code: "BUNDLE_UNKNOWN",
  message: "The cost cannot be estimated because a bundle is not in the catalog.",
};

/** workspace is null only for "create". */
export function monthlyCostDelta(workspace: Workspace | null, change: Change, ctx: CostDeltaContext): CostDeltaResult {
  const opts = { expectedAutoStopHours: ctx.expectedAutoStopHours };
  const findBundle = (id: string) => ctx.bundles.find((bundle) => bundle.id === id);

  if (change.type === "create") {
    const bundle = findBundle(change.bundleId);
    if (!bundle) return BUNDLE_UNKNOWN;
    const after = monthlyCost(costSpecForBundle(bundle, change.runningMode, change), ctx.prices, opts);
    if (!after.ok) return after;
    return {
      ok: true,
      delta: after.total,
      before: ZERO_USD,
      after: after.total,
      notes: [],
      usesUnconfirmedPrices: after.usesUnconfirmedPrices,
    };
  }

  if (!hasCostImpact(change)) return { ok: true, delta: ZERO_USD, before: null, after: null, notes: [], usesUnconfirmedPrices: false };
  if (!workspace) return BUNDLE_UNKNOWN;
  const currentBundle = findBundle(workspace.bundleId);
  if (!currentBundle) return BUNDLE_UNKNOWN;
  const current = costSpecForWorkspace(workspace, currentBundle);
  const before = monthlyCost(current, ctx.prices, opts);
  if (!before.ok) return before;

  let afterSpec: CostSpec | null;
  const notes: string[] = [];
  switch (change.type) {
    case "computeType":
      afterSpec = { ...current, computeType: change.computeType };
      break;
    case "volumes":
      afterSpec = {
        ...current,
        rootVolumeGb: change.rootVolumeGb ?? current.rootVolumeGb,
        userVolumeGb: change.userVolumeGb ?? current.userVolumeGb,
      };
      break;
    case "runningMode":
      afterSpec = { ...current, runningMode: change.runningMode };
      notes.push(
        "This month is billed as a mix of both running modes: the part before the switch in the old mode, the rest in the new one.",
      );
      break;
    case "migrate": {
      const target = findBundle(change.targetBundleId);
      if (!target) return BUNDLE_UNKNOWN;
      // The root volume comes from the target image; the user volume is carried over from the snapshot.
      afterSpec = costSpecForBundle(target, workspace.runningMode, {
        userVolumeGb: Math.max(workspace.userVolumeGb, target.defaultUserVolumeGb),
      });
      notes.push("In the month of the migration both the old and the new WorkSpace are charged, each for its share of the month.");
      break;
    }
    case "terminate":
      afterSpec = null;
      notes.push("The current month is still charged for the time the WorkSpace existed.");
      break;
    default:
      afterSpec = current;
  }
  if (afterSpec === null) {
    return {
      ok: true,
      delta: negateMoney(before.total),
      before: before.total,
      after: ZERO_USD,
      notes,
      usesUnconfirmedPrices: before.usesUnconfirmedPrices,
    };
  }
  const after = monthlyCost(afterSpec, ctx.prices, opts);
  if (!after.ok) return after;
  return {
    ok: true,
    delta: subtractMoney(after.total, before.total),
    before: before.total,
    after: after.total,
    notes,
    usesUnconfirmedPrices: before.usesUnconfirmedPrices || after.usesUnconfirmedPrices,
  };
}

/** Changes that never move the monthly bill, so they need no price at all. */
function hasCostImpact(change: Change): boolean {
  return ["create", "computeType", "volumes", "runningMode", "migrate", "terminate"].includes(change.type);
}

/** "+$12.50 a month" / "saves $25.00 a month" / "no change to the monthly cost". */
export function describeMonthlyDelta(delta: Money): string {
  if (delta.cents === 0) return "no change to the monthly cost";
  if (delta.cents < 0) return `saves ${formatMoney(negateMoney(delta))} a month`;
  return `+${formatMoney(delta)} a month`;
}

/** What a bundle costs a month in each running mode, as a line over the hours used: the request form's chart. */
export interface RunningModeCurve {
  /** AlwaysOn: the same whatever the hours. */
  alwaysOn: Money;
  /** AutoStop at zero hours: its monthly fee and any extra storage. */
  autoStopBase: Money;
  autoStopHourly: Money;
  /** Hours a month above which AlwaysOn costs less (one decimal); 0 when it always does, null when it never does. */
  breakEvenHours: number | null;
  usesUnconfirmedPrices: boolean;
}

export function runningModeCurve(
  bundle: Bundle,
  prices: PriceTable,
  volumes: { rootVolumeGb?: number; userVolumeGb?: number } = {},
): RunningModeCurve | null {
  const alwaysOn = workspaceMonthlyCost(bundle, { ...volumes, runningMode: "ALWAYS_ON" }, prices);
  const base = workspaceMonthlyCost(bundle, { ...volumes, runningMode: "AUTO_STOP" }, prices, { expectedAutoStopHours: 0 });
  const hourly = findComputePrice(prices, costSpecFor(bundle, { runningMode: "AUTO_STOP" }));
  if (!alwaysOn.ok || !base.ok || !hourly || hourly.runningMode !== "AUTO_STOP") return null;
  const gap = alwaysOn.total.cents - base.total.cents;
  const breakEvenHours = gap <= 0 ? 0 : hourly.hourlyCents > 0 ? Math.round((gap / hourly.hourlyCents) * 10) / 10 : null;
  return {
    alwaysOn: alwaysOn.total,
    autoStopBase: base.total,
    autoStopHourly: money(hourly.hourlyCents),
    breakEvenHours,
    usesUnconfirmedPrices: alwaysOn.usesUnconfirmedPrices || base.usesUnconfirmedPrices,
  };
}
