import "server-only";
import type { CurrentUser } from "../auth/session";
import { db } from "../db";
import {
  autoStopHoursForEstimate,
  BREAK_EVEN_HOURS,
  catalogOfferingFor,
  computeTypeChoices,
  workspaceActions,
  type ComputeType,
  type ComputeTypeChoice,
  type WorkspaceAction,
  type WorkspaceActionKind,
} from "../domain";
import { pageCatalog } from "../core/catalog";
import { notFound } from "../core/errors";
import { toDomainWorkspace } from "../core/workspace-records";
import { ACTIONS, type ActionKind } from "../presentation/actions";
import { signedMoney } from "../presentation/format";
import { computeTypeLabel } from "../presentation/labels";
import { policyAndPrices } from "./settings";
import type { WorkspaceView } from "./workspaces";

export { ACTIONS, type ActionKind };

/** What a page says while the catalog AWS has not answered for yet is missing. */
export const CATALOG_LOADING = "Bundle details are loading from AWS; try again in a moment.";

export interface ActionAvailability {
  kind: ActionKind;
  available: boolean;
  /** Why not, without the open request (the page's banner already says a request is open). */
  reasons: string[];
  /** The action waits for the WorkSpace's open request (it conflicts with it). */
  heldByOpenRequest: boolean;
}

// Typed with the domain's kinds and returning the page's, so the build fails when the two lists differ.
function availabilityOf(actions: readonly WorkspaceAction[], kind: WorkspaceActionKind): ActionAvailability {
  const action = actions.find((candidate) => candidate.kind === kind);
  if (!action) return { kind, available: false, reasons: ["This action is not available."], heldByOpenRequest: false };
  if (action.enabled) return { kind, available: true, reasons: [], heldByOpenRequest: false };
  const others = action.refusals.filter((refusal) => refusal.code !== "OPEN_REQUEST");
  return {
    kind,
    available: false,
    reasons: [...new Set(others.map((refusal) => refusal.message))],
    heldByOpenRequest: others.length < action.refusals.length,
  };
}

/** For each action on the WorkSpace page: can it be asked for now, and if not, why. The domain decides (workspaceActions). */
export async function actionAvailability(user: CurrentUser, ws: WorkspaceView): Promise<ActionAvailability[]> {
  const unavailable = (reason: string) =>
    ACTIONS.map(({ kind }) => ({ kind, available: false, reasons: [reason], heldByOpenRequest: false }));
  try {
    const row = await db().workspace.findFirst({
      where: { id: ws.id, goneAt: null, ...(user.role === "ADMIN" ? {} : { ownerId: user.id }) },
      omit: { raw: true },
    });
    if (!row) return unavailable(notFound("That WorkSpace").message);
    const catalog = pageCatalog();
    // The snapshots tell whether one exists for restore and migrate, and date the WorkSpace for the age rules.
    const [directories, snapshots] = await Promise.all([
      catalog.directories(row.region, row.accountId),
      catalog.snapshots(row.region, row.id, row.accountId),
    ]);
    // Deciding without them would refuse or offer the wrong things; the page says why and stays quick.
    if (!directories || !snapshots) return unavailable(CATALOG_LOADING);
    const actions = workspaceActions({
      now: new Date(),
      requester: { role: user.role },
      directories,
      workspace: toDomainWorkspace(row, snapshots),
      requests: ws.openRequests,
    });
    return ACTIONS.map(({ kind }) => availabilityOf(actions, kind));
  } catch {
    return unavailable("This action cannot be checked right now; try again in a moment.");
  }
}

/** One compute type as the change form lists it: "Performance — 2 vCPU, 8 GiB memory, +$12.50 a month". */
export interface ComputeOption {
  value: ComputeType;
  label: string;
}

function computeOption(choice: ComputeTypeChoice, current: boolean): ComputeOption {
  const size = choice.vcpu !== null && choice.memoryGiB !== null ? `${choice.vcpu} vCPU, ${choice.memoryGiB} GiB memory` : null;
  const price = current
    ? "current"
    : choice.monthlyDelta
      ? choice.monthlyDelta.cents === 0
        ? "same monthly cost"
        : `${signedMoney(choice.monthlyDelta.cents, choice.monthlyDelta.currency)} a month`
      : "cost not known";
  return { value: choice.computeType, label: [computeTypeLabel(choice.computeType), [size, price].filter(Boolean).join(", ")].join(" — ") };
}

/**
 * What the parameterised forms may offer: compute types of offered bundles (the current one, then upgrades and
 * downgrades with their size and monthly difference), migration targets. `catalogLoading`: AWS has not answered
 * for the bundles or directories yet, so the lists are empty for now, not for good.
 */
export async function changeOptions(user: CurrentUser, ws: WorkspaceView) {
  const catalog = pageCatalog();
  const [known, knownDirectories, { settings, prices }, me, row] = await Promise.all([
    catalog.bundles(ws.region, ws.accountId).catch(() => null),
    catalog.directories(ws.region, ws.accountId).catch(() => null),
    policyAndPrices(),
    db().user.findUnique({ where: { id: user.id }, select: { persona: true, groups: true } }),
    db().workspace.findFirst({ where: { id: ws.id, goneAt: null }, omit: { raw: true } }),
  ]);
  const bundles = known ?? [];
  const directories = knownDirectories ?? [];
  const offering = catalogOfferingFor(me ?? { persona: "EMPLOYEE", groups: [] }, directories, settings.catalog);
  const offered = bundles.filter((b) => offering.bundleIds.includes(b.id));
  // Priced as the request will be: monthlyCostDelta with this month's AutoStop hours (assessChange).
  const choices = row
    ? computeTypeChoices(toDomainWorkspace(row, undefined, bundles), offered, {
        prices,
        bundles,
        expectedAutoStopHours: autoStopHoursForEstimate(ws.projectedHoursThisMonth, settings.expectedAutoStopHoursPerMonth),
      })
    : null;
  return {
    catalogLoading: !known || !knownDirectories,
    compute: choices
      ? {
          current: computeOption(choices.current, true),
          upgrades: choices.upgrades.map((c) => computeOption(c, false)),
          downgrades: choices.downgrades.map((c) => computeOption(c, false)),
        }
      : null,
    migrationTargets: offered
      .filter((b) => b.id !== ws.bundleId)
      .map((b) => ({ id: b.id, name: b.name, operatingSystem: b.operatingSystem })),
    breakEvenHours: ws.computeType ? (BREAK_EVEN_HOURS[ws.computeType as ComputeType] ?? null) : null,
  };
}
