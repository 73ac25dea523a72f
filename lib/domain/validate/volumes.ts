import type { VolumesChange } from "../change";
import { GPU_COMPUTE_TYPES, type ComputeType, type Workspace } from "../types";
import {
  HOUR_MS,
  hasElapsed,
  requireNoModificationInProgress,
  requireState,
  waitSentence,
  type PreconditionContext,
  type Refusal,
  type ValidationContext,
} from "./context";

export const MAX_VOLUME_GB = 2000;
export const SMALL_ROOT_VOLUME_GB = 80;
export const LARGE_ROOT_VOLUME_MIN_GB = 175;
/** With the 80 GB root volume only these user volume sizes exist. */
export const USER_VOLUMES_WITH_SMALL_ROOT: readonly number[] = [10, 50, 100];
export const LARGE_ROOT_USER_VOLUME_MIN_GB = 100;
export const GRAPHICS_MIN_VOLUME_GB = 100;
/** Each volume may change once per 6 h, and a new WorkSpace must be 6 h old first. */
export const VOLUME_CHANGE_SPACING_MS = 6 * HOUR_MS;

/** The allowed [root, user] pairs: [80,10], [80,50], [80,100], [175–2000, 100–2000]; GPU types need ≥100/100. */
export function volumeCombinationRefusals(rootGb: number, userGb: number, computeType: ComputeType): Refusal[] {
  if (!isWholePositive(rootGb) || !isWholePositive(userGb)) {
    return [{ code: "VOLUME_NOT_WHOLE_GB", message: "Volume sizes must be whole numbers of GB." }];
  }
  const refusals = volumePairRefusals(rootGb, userGb);
  if (GPU_COMPUTE_TYPES.includes(computeType) && (rootGb < GRAPHICS_MIN_VOLUME_GB || userGb < GRAPHICS_MIN_VOLUME_GB)) {
    refusals.push({
      code: "GRAPHICS_MIN_VOLUMES",
      message: "Graphics WorkSpaces need at least 100 GB on both the root and the user volume.",
    });
  }
  return refusals;
}

/** The rule for whole-GB [root, user] pairs that holds for every compute type. */
function volumePairRefusals(rootGb: number, userGb: number): Refusal[] {
  const refusals: Refusal[] = [];
  if (rootGb > MAX_VOLUME_GB || userGb > MAX_VOLUME_GB) {
    refusals.push({ code: "VOLUME_ABOVE_MAXIMUM", message: `A volume can be at most ${MAX_VOLUME_GB} GB.` });
  }
  if (rootGb === SMALL_ROOT_VOLUME_GB) {
    if (userGb > LARGE_ROOT_USER_VOLUME_MIN_GB) {
      refusals.push({
        code: "USER_VOLUME_NEEDS_LARGER_ROOT",
        message: `User volumes above 100 GB need a root volume of at least ${LARGE_ROOT_VOLUME_MIN_GB} GB.`,
      });
    } else if (!USER_VOLUMES_WITH_SMALL_ROOT.includes(userGb)) {
      refusals.push({ code: "VOLUME_COMBINATION", message: "With an 80 GB root volume, the user volume must be 10, 50 or 100 GB." });
    }
  } else if (rootGb < LARGE_ROOT_VOLUME_MIN_GB) {
    refusals.push({
      code: "ROOT_VOLUME_SIZE",
      message: `The root volume must be 80 GB, or between ${LARGE_ROOT_VOLUME_MIN_GB} and ${MAX_VOLUME_GB} GB.`,
    });
  } else if (userGb < LARGE_ROOT_USER_VOLUME_MIN_GB) {
    refusals.push({
      code: "ROOT_VOLUME_NEEDS_LARGER_USER",
      message: `A root volume of ${LARGE_ROOT_VOLUME_MIN_GB} GB or more needs a user volume of at least 100 GB.`,
    });
  }
  return refusals;
}

function isWholePositive(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}

// The forms offer round sizes only; the rule itself accepts any whole GB in the ranges above.
const ROUND_SIZES_GB = [150, 200, 250, 300, 500, 1000, MAX_VOLUME_GB];
/** Root volume sizes the forms offer, smallest first. */
export const ROOT_VOLUME_SIZES_GB: readonly number[] = [
  SMALL_ROOT_VOLUME_GB,
  LARGE_ROOT_VOLUME_MIN_GB,
  ...ROUND_SIZES_GB.filter((gb) => gb > LARGE_ROOT_VOLUME_MIN_GB),
];
/** User volume sizes the forms offer, smallest first. */
export const USER_VOLUME_SIZES_GB: readonly number[] = [
  ...USER_VOLUMES_WITH_SMALL_ROOT,
  ...ROUND_SIZES_GB.filter((gb) => gb > LARGE_ROOT_USER_VOLUME_MIN_GB),
];

/** True when AWS accepts the [root, user] pair; graphics compute types also need 100 GB on each (volumeCombinationRefusals). */
export function validCombination(rootGb: number, userGb: number): boolean {
  return isWholePositive(rootGb) && isWholePositive(userGb) && volumePairRefusals(rootGb, userGb).length === 0;
}

/** Larger user volume sizes that fit the current root volume. */
export function userVolumeOptions(rootGb: number, userGb: number): number[] {
  return USER_VOLUME_SIZES_GB.filter((size) => size > userGb && validCombination(rootGb, size));
}

/** Larger root volume sizes that fit the current user volume. */
export function rootVolumeOptions(rootGb: number, userGb: number): number[] {
  return ROOT_VOLUME_SIZES_GB.filter((size) => size > rootGb && validCombination(size, userGb));
}

/** The 6-hour cool-down after creation, shared with compute upgrades. */
export function requireWorkspaceAge(workspace: Workspace, now: Date, what: string): Refusal[] {
  if (hasElapsed(workspace.createdAt, now, VOLUME_CHANGE_SPACING_MS)) return [];
  return [
    {
      code: "WORKSPACE_TOO_NEW",
      message:
        `A new WorkSpace must be 6 hours old before its ${what} can change. ` +
        waitSentence(workspace.createdAt, now, VOLUME_CHANGE_SPACING_MS),
    },
  ];
}

export function volumesPreconditions(ctx: PreconditionContext, workspace: Workspace): Refusal[] {
  return [
    ...requireState(workspace, ["AVAILABLE", "STOPPED"], "have its volumes resized"),
    ...requireNoModificationInProgress(workspace),
    ...requireWorkspaceAge(workspace, ctx.now, "volumes"),
  ];
}

export function volumesParameterRefusals(ctx: ValidationContext, workspace: Workspace, change: VolumesChange): Refusal[] {
  const refusals: Refusal[] = [];
  const root = change.rootVolumeGb ?? workspace.rootVolumeGb;
  const user = change.userVolumeGb ?? workspace.userVolumeGb;
  const rootChanges = root !== workspace.rootVolumeGb;
  const userChanges = user !== workspace.userVolumeGb;
  if (!rootChanges && !userChanges) {
    return [{ code: "VOLUME_NO_CHANGE", message: "The requested sizes are the WorkSpace's current sizes; nothing would change." }];
  }
  if (rootChanges && userChanges) {
    refusals.push({
      code: "ROOT_AND_USER_TOGETHER",
      message: "The root and user volumes cannot grow in the same request. Ask for one now and the other in a separate request.",
    });
  }
  const volumes = [
    { label: "root", changes: rootChanges, from: workspace.rootVolumeGb, to: root, lastChange: workspace.lastVolumeChangeAt.root },
    { label: "user", changes: userChanges, from: workspace.userVolumeGb, to: user, lastChange: workspace.lastVolumeChangeAt.user },
  ];
  for (const volume of volumes) {
    if (!volume.changes) continue;
    if (volume.to < volume.from) {
      refusals.push({
        code: "VOLUME_SHRINK",
        message: `Volumes can only grow: the ${volume.label} volume is ${volume.from} GB and cannot become ${volume.to} GB.`,
      });
    }
    if (volume.lastChange && !hasElapsed(volume.lastChange, ctx.now, VOLUME_CHANGE_SPACING_MS)) {
      refusals.push({
        code: "VOLUME_CHANGED_RECENTLY",
        message:
          `The ${volume.label} volume was resized less than 6 hours ago and can grow again only 6 hours after that. ` +
          waitSentence(volume.lastChange, ctx.now, VOLUME_CHANGE_SPACING_MS),
      });
    }
  }
  return [...refusals, ...volumeCombinationRefusals(root, user, workspace.computeType)];
}
