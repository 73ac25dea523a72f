import "server-only";
import type { CurrentUser } from "../auth/session";
import { db } from "../db";
import {
  BREAK_EVEN_HOURS,
  catalogOfferingFor,
  COMPUTE_TYPES,
  workspaceActions,
  type ComputeType,
  type WorkspaceAction,
  type WorkspaceActionKind,
} from "../domain";
import { pageCatalog } from "../core/catalog";
import { notFound } from "../core/errors";
import { getPolicySettings } from "../core/settings";
import { toDomainWorkspace } from "../core/workspace-records";
import { ACTIONS, type ActionKind } from "../presentation/actions";
import type { WorkspaceView } from "./workspaces";

export { ACTIONS, type ActionKind };

/** What a page says while the catalog AWS has not answered for yet is missing. */
export const CATALOG_LOADING = "Bundle details are loading from AWS; try again in a moment.";

export interface ActionAvailability {
  kind: ActionKind;
  available: boolean;
  reasons: string[];
}

// Typed with the domain's kinds and returning the page's, so the build fails when the two lists differ.
function availabilityOf(actions: readonly WorkspaceAction[], kind: WorkspaceActionKind): ActionAvailability {
  const action = actions.find((candidate) => candidate.kind === kind);
  if (!action) return { kind, available: false, reasons: ["This action is not available."] };
  return {
    kind,
    available: action.enabled,
    reasons: action.enabled ? [] : [...new Set(action.refusals.map((refusal) => refusal.message))],
  };
}

/** For each action on the WorkSpace page: can it be asked for now, and if not, why. The domain decides (workspaceActions). */
export async function actionAvailability(user: CurrentUser, ws: WorkspaceView): Promise<ActionAvailability[]> {
  const unavailable = (reason: string) => ACTIONS.map(({ kind }) => ({ kind, available: false, reasons: [reason] }));
  try {
    const row = await db().workspace.findFirst({
      where: { id: ws.id, goneAt: null, ...(user.role === "ADMIN" ? {} : { ownerId: user.id }) },
      omit: { raw: true },
    });
    if (!row) return unavailable(notFound("That WorkSpace").message);
    const catalog = pageCatalog();
    // The snapshots tell whether one exists for restore and migrate, and date the WorkSpace for the age rules.
    const [directories, snapshots] = await Promise.all([catalog.directories(row.region), catalog.snapshots(row.region, row.id)]);
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

/**
 * What the parameterised forms may offer: compute types of offered bundles, migration targets. `catalogLoading`:
 * AWS has not answered for the bundles or directories yet, so the lists are empty for now, not for good.
 */
export async function changeOptions(user: CurrentUser, ws: WorkspaceView) {
  const catalog = pageCatalog();
  const [known, knownDirectories, settings, me] = await Promise.all([
    catalog.bundles(ws.region).catch(() => null),
    catalog.directories(ws.region).catch(() => null),
    getPolicySettings(db()),
    db().user.findUnique({ where: { id: user.id }, select: { persona: true, groups: true } }),
  ]);
  const bundles = known ?? [];
  const directories = knownDirectories ?? [];
  const offering = catalogOfferingFor(me ?? { persona: "EMPLOYEE", groups: [] }, directories, settings.catalog);
  const offered = bundles.filter((b) => offering.bundleIds.includes(b.id));
  const computeTypes = [
    ...new Set(offered.filter((b) => b.operatingSystem === (ws.operatingSystem ?? "WINDOWS")).map((b) => b.computeType)),
  ];
  return {
    catalogLoading: !known || !knownDirectories,
    computeTypes: COMPUTE_TYPES.filter((t) => computeTypes.includes(t)),
    migrationTargets: offered
      .filter((b) => b.id !== ws.bundleId)
      .map((b) => ({ id: b.id, name: b.name, operatingSystem: b.operatingSystem })),
    breakEvenHours: ws.computeType ? (BREAK_EVEN_HOURS[ws.computeType as ComputeType] ?? null) : null,
  };
}
