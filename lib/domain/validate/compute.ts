import type { ComputeTypeChange } from "../change";
import { GPU_COMPUTE_TYPES, SWITCHABLE_GPU_COMPUTE_TYPES, type ComputeChangeDirection, type ComputeType, type Workspace } from "../types";
import {
  DAY_MS,
  HOUR_MS,
  hasElapsed,
  requireNoModificationInProgress,
  requireState,
  waitSentence,
  type PreconditionContext,
  type Refusal,
  type ValidationContext,
} from "./context";
import { requireWorkspaceAge } from "./volumes";
import { COMPUTE_SIZE_ORDER } from "../compute-size";

export const COMPUTE_LARGER_SPACING_MS = 6 * HOUR_MS;
export const COMPUTE_SMALLER_SPACING_MS = 30 * DAY_MS;

// The size order has its own module (../compute-size), so labels (lib/presentation/labels) can rank compute types
// without bringing the validation rules into the browser.
export { COMPUTE_SIZE_ORDER };

export function computeChangeDirection(from: ComputeType, to: ComputeType): ComputeChangeDirection {
  return COMPUTE_SIZE_ORDER[to] > COMPUTE_SIZE_ORDER[from] ? "LARGER" : "SMALLER";
}

/** Nothing is smaller, so every compute change of such a WorkSpace is an upgrade. */
function isSmallestComputeSize(computeType: ComputeType): boolean {
  return Object.values(COMPUTE_SIZE_ORDER).every((rank) => rank >= COMPUTE_SIZE_ORDER[computeType]);
}

/** GPU WorkSpaces switch only between Graphics.g4dn and GraphicsPro.g4dn; nothing moves into or out of the GPU family. */
export function gpuFamilyRefusals(from: ComputeType, to: ComputeType): Refusal[] {
  const fromGpu = GPU_COMPUTE_TYPES.includes(from);
  const toGpu = GPU_COMPUTE_TYPES.includes(to);
  if (!fromGpu && !toGpu) return [];
  if (SWITCHABLE_GPU_COMPUTE_TYPES.includes(from) && SWITCHABLE_GPU_COMPUTE_TYPES.includes(to)) return [];
  const message = fromGpu
    ? "A graphics WorkSpace can only switch between Graphics.g4dn and GraphicsPro.g4dn."
    : "A WorkSpace cannot be switched to a graphics compute type; a new graphics WorkSpace is needed instead.";
  return [{ code: "COMPUTE_GPU_FAMILY", message }];
}

export function computeTypePreconditions(ctx: PreconditionContext, workspace: Workspace): Refusal[] {
  return [
    ...requireState(workspace, ["AVAILABLE", "STOPPED"], "change its compute type"),
    ...requireNoModificationInProgress(workspace),
    // At the smallest size whatever is chosen is an upgrade, so the upgrades' age rule applies already.
    ...(isSmallestComputeSize(workspace.computeType) ? requireWorkspaceAge(workspace, ctx.now, "compute type") : []),
  ];
}

export function computeTypeParameterRefusals(ctx: ValidationContext, workspace: Workspace, change: ComputeTypeChange): Refusal[] {
  const from = workspace.computeType;
  const to = change.computeType;
  if (from === to) return [{ code: "COMPUTE_SAME", message: `The WorkSpace already has the ${to} compute type.` }];
  const refusals: Refusal[] = [...gpuFamilyRefusals(from, to)];

  const offered = offeredComputeTypes(ctx, workspace);
  if (!offered.has(to)) {
    refusals.push({ code: "COMPUTE_TYPE_NOT_OFFERED", message: `The ${to} compute type is not offered to this WorkSpace's user.` });
  }

  const { larger, smaller } = workspace.lastComputeChangeAt;
  // Upgrades wait 6 h after any compute change (a downgrade also resizes the machine), downgrades 30 days after the last downgrade.
  const lastAny = latest(larger, smaller);
  if (computeChangeDirection(from, to) === "LARGER") {
    // At the smallest size the preconditions already report the age.
    if (!isSmallestComputeSize(from)) refusals.push(...requireWorkspaceAge(workspace, ctx.now, "compute type"));
    if (lastAny && !hasElapsed(lastAny, ctx.now, COMPUTE_LARGER_SPACING_MS)) {
      refusals.push({
        code: "COMPUTE_LARGER_TOO_SOON",
        message:
          "A WorkSpace can move to a larger compute type at most once every 6 hours. " +
          waitSentence(lastAny, ctx.now, COMPUTE_LARGER_SPACING_MS),
      });
    }
  } else if (smaller && !hasElapsed(smaller, ctx.now, COMPUTE_SMALLER_SPACING_MS)) {
    refusals.push({
      code: "COMPUTE_SMALLER_TOO_SOON",
      message:
        "A WorkSpace can move to a smaller compute type at most once every 30 days. " +
        waitSentence(smaller, ctx.now, COMPUTE_SMALLER_SPACING_MS),
    });
  }
  return refusals;
}

/** Compute types of the offered bundles that fit this WorkSpace (same Region and operating system). */
function offeredComputeTypes(ctx: ValidationContext, workspace: Workspace): Set<ComputeType> {
  const offeredIds = new Set(ctx.offering.bundleIds);
  return new Set(
    ctx.bundles
      .filter(
        (bundle) => offeredIds.has(bundle.id) && bundle.region === workspace.region && bundle.operatingSystem === workspace.operatingSystem,
      )
      .map((bundle) => bundle.computeType),
  );
}

function latest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
}
