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
import { catalogSource } from "../core/catalog";
import { notFound } from "../core/errors";
import { getPolicySettings } from "../core/settings";
import { toDomainWorkspace } from "../core/workspace-records";
import { ACTIONS, type ActionKind } from "../presentation/actions";
import { bundlesIn } from "./catalog";
import type { WorkspaceView } from "./workspaces";

export { ACTIONS, type ActionKind };

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
    const catalog = catalogSource();
    // The snapshots tell whether one exists for restore and migrate, and date the WorkSpace for the age rules.
    const [directories, snapshots] = await Promise.all([catalog.directories(row.region), catalog.snapshots(row.region, row.id)]);
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

/** What the parameterised forms may offer: compute types of offered bundles, migration targets. */
export async function changeOptions(user: CurrentUser, ws: WorkspaceView) {
  const [bundles, directories, settings, me] = await Promise.all([
    bundlesIn(ws.region),
    catalogSource()
      .directories(ws.region)
      .catch(() => []),
    getPolicySettings(db()),
    db().user.findUnique({ where: { id: user.id }, select: { persona: true, groups: true } }),
  ]);
  const offering = catalogOfferingFor(me ?? { persona: "EMPLOYEE", groups: [] }, directories, settings.catalog);
  const offered = bundles.filter((b) => offering.bundleIds.includes(b.id));
  const computeTypes = [
    ...new Set(offered.filter((b) => b.operatingSystem === (ws.operatingSystem ?? "WINDOWS")).map((b) => b.computeType)),
  ];
  return {
    computeTypes: COMPUTE_TYPES.filter((t) => computeTypes.includes(t)),
    migrationTargets: offered
      .filter((b) => b.id !== ws.bundleId)
      .map((b) => ({ id: b.id, name: b.name, operatingSystem: b.operatingSystem })),
    breakEvenHours: ws.computeType ? (BREAK_EVEN_HOURS[ws.computeType as ComputeType] ?? null) : null,
  };
}
