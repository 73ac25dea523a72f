import { monthlyCostDelta, type CostDeltaResult } from "./cost";
import type { PriceTable } from "./prices";
import type { Bundle, ComputeType, RunningMode, Tag, Workspace } from "./types";

// Mirrors the decision of AWS's Cost Optimizer for Amazon WorkSpaces: above a compute type's
// break-even hours AlwaysOn is cheaper, below it AutoStop is. The asymmetry is deliberate: switching
// to AlwaysOn pays off immediately once the threshold is crossed, while switching back is only safe
// once the month's usage is (nearly) final, i.e. on its last day, or in its last N days when an admin
// chooses to act earlier (OptimizerSettings.alwaysOnToAutoStopLastDays).

/** Break-even billable hours per month (the Cost Optimizer's defaults). */
export const BREAK_EVEN_HOURS: Partial<Record<ComputeType, number>> = {
  VALUE: 81,
  STANDARD: 85,
  PERFORMANCE: 80,
  POWER: 92,
  POWERPRO: 78,
  GRAPHICS_G4DN: 334,
  GRAPHICSPRO_G4DN: 80,
};

/** A tag with this key (any case, any value) keeps the optimizer away from a WorkSpace. */
export const SKIP_CONVERT_TAG_KEY = "Skip_Convert";

export type RunningModeAdvice =
  | { action: "SWITCH_TO_ALWAYS_ON" | "SWITCH_TO_AUTO_STOP" | "KEEP"; thresholdHours: number; reason: string }
  | { action: "EXEMPT" | "NO_THRESHOLD"; thresholdHours: null; reason: string };

/** The advice that changes something; the running mode it asks for. */
export function targetRunningMode(advice: RunningModeAdvice): RunningMode | null {
  if (advice.action === "SWITCH_TO_ALWAYS_ON") return "ALWAYS_ON";
  if (advice.action === "SWITCH_TO_AUTO_STOP") return "AUTO_STOP";
  return null;
}

export function recommendRunningMode(
  usageHoursThisMonth: number,
  computeType: ComputeType,
  mode: RunningMode,
  dayOfMonth: number,
  daysInMonth: number,
  tags: readonly Tag[],
  thresholds: Partial<Record<ComputeType, number>> = BREAK_EVEN_HOURS,
  /** AlwaysOn → AutoStop is considered in the month's last this many days (1 = the last day only). */
  alwaysOnToAutoStopLastDays = 1,
): RunningModeAdvice {
  if (tags.some((tag) => tag.key.toLowerCase() === SKIP_CONVERT_TAG_KEY.toLowerCase())) {
    return {
      action: "EXEMPT",
      thresholdHours: null,
      reason: `The WorkSpace has a ${SKIP_CONVERT_TAG_KEY} tag, so its running mode is left alone.`,
    };
  }
  const threshold = thresholds[computeType];
  if (threshold === undefined) {
    return { action: "NO_THRESHOLD", thresholdHours: null, reason: `There is no break-even figure for the ${computeType} compute type.` };
  }
  const hours = hoursText(usageHoursThisMonth);
  const line = hoursText(threshold);
  if (mode === "AUTO_STOP") {
    if (usageHoursThisMonth > threshold) {
      return {
        action: "SWITCH_TO_ALWAYS_ON",
        thresholdHours: threshold,
        reason: `Used ${hours} this month, more than the ${line} at which AlwaysOn becomes cheaper.`,
      };
    }
    return {
      action: "KEEP",
      thresholdHours: threshold,
      reason: `Used ${hours} of ${line} this month; AutoStop is still cheaper.`,
    };
  }
  if (mode === "ALWAYS_ON") {
    const lastDays = Math.max(1, Math.floor(alwaysOnToAutoStopLastDays));
    const isLastDay = dayOfMonth > daysInMonth - lastDays;
    if (isLastDay && usageHoursThisMonth <= threshold) {
      return {
        action: "SWITCH_TO_AUTO_STOP",
        thresholdHours: threshold,
        reason: `Used only ${hours} this month, at most the ${line} below which AutoStop is cheaper.`,
      };
    }
    const reason = isLastDay
      ? `Used ${hours} this month, more than ${line}; AlwaysOn stays cheaper.`
      : lastDays === 1
        ? `AlwaysOn is only reconsidered on the last day of the month, when the month's usage is known.`
        : `AlwaysOn is only reconsidered in the last ${lastDays} days of the month, when the month's usage is nearly known.`;
    return { action: "KEEP", thresholdHours: threshold, reason };
  }
  return { action: "KEEP", thresholdHours: threshold, reason: "The Manual running mode is outside the optimizer's scope." };
}

/**
 * What switching `workspace` to `target` would do to the monthly bill, pricing AutoStop at the hours
 * actually billed this month rather than the policy's assumed hours: negative saves, positive costs more.
 */
export function runningModeSwitchCost(
  workspace: Workspace,
  target: RunningMode,
  billableHours: number,
  ctx: { prices: PriceTable; bundles: readonly Bundle[] },
): CostDeltaResult {
  return monthlyCostDelta(
    workspace,
    { type: "runningMode", workspaceId: workspace.id, runningMode: target },
    { prices: ctx.prices, bundles: ctx.bundles, expectedAutoStopHours: billableHours },
  );
}

/** "1 hour", "12 hours", "0.5 hours". */
function hoursText(hours: number): string {
  const n = Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
  return hours === 1 ? "1 hour" : `${n} hours`;
}
