import type { ExistingWorkspaceChange } from "./change";
import { withoutMaintenanceHold } from "./maintenance";
import { openRequestRefusals } from "./request-status";
import { monthlyCostDelta, type CostDeltaContext } from "./cost";
import { ZERO_USD, type Money } from "./money";
import { COMPUTE_TYPES, type Bundle, type ComputeType, type Workspace } from "./types";
import { COMPUTE_SIZE_ORDER, computeChangeDirection } from "./validate/compute";
import type { PreconditionContext, Refusal } from "./validate/context";
import { changePreconditions } from "./validate/preconditions";

// What the WorkSpace page offers. An action is unavailable when one of its preconditions fails or the
// WorkSpace already has a request open; the form then judges the choices with validateChange, so the
// page never needs to invent a change to find out whether an action can be asked for.

export const WORKSPACE_ACTION_KINDS = [
  "reboot",
  "start",
  "stop",
  "computeType",
  "volumes",
  "runningMode",
  "rebuild",
  "restore",
  "migrate",
  "terminate",
] as const satisfies readonly ExistingWorkspaceChange["type"][];
export type WorkspaceActionKind = (typeof WORKSPACE_ACTION_KINDS)[number];

export interface WorkspaceActionsInput extends PreconditionContext {
  workspace: Workspace;
  /**
   * Requests about the WorkSpace with their status and change type; an open one holds back the actions that
   * conflict with it (openRequestHolds): a restart may still go ahead while a change waits for approval.
   */
  requests: readonly { status: string; type?: string }[];
}

export type WorkspaceAction =
  | { kind: WorkspaceActionKind; enabled: true }
  | { kind: WorkspaceActionKind; enabled: false; /** The refusals' sentences, each once. */ reason: string; refusals: Refusal[] };

export function workspaceActions(input: WorkspaceActionsInput): WorkspaceAction[] {
  return WORKSPACE_ACTION_KINDS.map((kind) => {
    // A configuration change asked for during admin maintenance waits for it to end (maintenance.ts).
    const preconditions = withoutMaintenanceHold(changePreconditions(input, input.workspace, kind), input.workspace.state, kind);
    const refusals = [...preconditions, ...openRequestRefusals(input.requests, kind)];
    if (refusals.length === 0) return { kind, enabled: true };
    return { kind, enabled: false, reason: [...new Set(refusals.map((refusal) => refusal.message))].join(" "), refusals };
  });
}

export interface ComputeTypeChoice {
  computeType: ComputeType;
  vcpu: number | null;
  memoryGiB: number | null;
  /** What the month costs more (positive) or less (negative) than now; null when it cannot be priced. */
  monthlyDelta: Money | null;
}

export interface ComputeTypeChoices {
  /** The WorkSpace's compute type now, where the form starts. */
  current: ComputeTypeChoice;
  /** Larger types, smallest first. */
  upgrades: ComputeTypeChoice[];
  /** Smaller types, largest first (the nearest step down leads). */
  downgrades: ComputeTypeChoice[];
}

/**
 * The compute types the change form offers: those of the offered bundles for the WorkSpace's operating system,
 * each with its size and what it changes on the monthly bill (monthlyCostDelta, the request's own price), grouped
 * into upgrades and downgrades around the current type.
 */
export function computeTypeChoices(workspace: Workspace, offered: readonly Bundle[], ctx: CostDeltaContext): ComputeTypeChoices {
  const sameOs = offered.filter((bundle) => bundle.operatingSystem === workspace.operatingSystem);
  const sizeOf = (type: ComputeType) =>
    sameOs.find((bundle) => bundle.computeType === type) ?? ctx.bundles.find((bundle) => bundle.computeType === type);
  const choice = (computeType: ComputeType): ComputeTypeChoice => {
    const bundle = sizeOf(computeType);
    const cost =
      computeType === workspace.computeType
        ? null
        : monthlyCostDelta(workspace, { type: "computeType", workspaceId: workspace.id, computeType }, ctx);
    return {
      computeType,
      vcpu: bundle?.vcpu ?? null,
      memoryGiB: bundle?.memoryGiB ?? null,
      monthlyDelta: computeType === workspace.computeType ? ZERO_USD : cost?.ok ? cost.delta : null,
    };
  };
  const types = COMPUTE_TYPES.filter((type) => type !== workspace.computeType && sameOs.some((bundle) => bundle.computeType === type)).sort(
    (a, b) => COMPUTE_SIZE_ORDER[a] - COMPUTE_SIZE_ORDER[b],
  );
  const larger = types.filter((type) => computeChangeDirection(workspace.computeType, type) === "LARGER");
  const smaller = types.filter((type) => computeChangeDirection(workspace.computeType, type) === "SMALLER").reverse();
  return { current: choice(workspace.computeType), upgrades: larger.map(choice), downgrades: smaller.map(choice) };
}
