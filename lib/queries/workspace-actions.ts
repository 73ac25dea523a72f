import "server-only";
import type { CurrentUser } from "../auth/session";
import { db } from "../db";
import { BREAK_EVEN_HOURS, COMPUTE_TYPES, type Change, type ComputeType } from "../domain";
import { assessChange } from "../services/requests/assess";
import { ServiceError } from "../core/errors";
import type { WorkspaceView } from "./workspaces";
import { bundlesIn } from "./catalog";
import { getPolicySettings } from "../core/settings";
import { catalogOfferingFor } from "../domain";
import { catalogSource } from "../core/catalog";
import { ACTIONS, type ActionKind } from "../presentation/actions";

export { ACTIONS, type ActionKind };

// Refusals that make an action unavailable whatever the user would fill in; the rest depend on the form.
const BLOCKING = new Set([
  "SELF_SERVICE_DISABLED",
  "DIRECTORY_UNKNOWN",
  "WRONG_STATE",
  "ADMIN_MAINTENANCE",
  "OPEN_REQUEST",
  "WORKSPACE_GONE",
  "MODIFICATION_IN_PROGRESS",
  "REBOOT_IN_PROGRESS",
  "NO_SNAPSHOT",
  "RUNNING_MODE_NOT_STOPPABLE",
  "MIGRATE_TOO_NEW",
  "WORKSPACE_TOO_NEW",
]);

function probe(kind: ActionKind, ws: WorkspaceView): Change {
  const workspaceId = ws.id;
  switch (kind) {
    case "computeType": {
      const other = COMPUTE_TYPES.find((t) => t !== ws.computeType) as ComputeType;
      return { type: "computeType", workspaceId, computeType: other };
    }
    case "volumes":
      return { type: "volumes", workspaceId, userVolumeGb: (ws.userVolumeGb ?? 0) + 1 };
    case "runningMode":
      return ws.runningMode === "AUTO_STOP" ? { type: "runningMode", workspaceId, runningMode: "ALWAYS_ON" } : { type: "runningMode", workspaceId, runningMode: "AUTO_STOP", autoStopTimeoutMinutes: 60 };
    case "migrate":
      return { type: "migrate", workspaceId, targetBundleId: "__probe__" };
    default:
      return { type: kind, workspaceId } as Change;
  }
}

export interface ActionAvailability {
  kind: ActionKind;
  available: boolean;
  reasons: string[];
}

/** For each action on the WorkSpace page: can it be asked for now, and if not, why. */
export async function actionAvailability(user: CurrentUser, ws: WorkspaceView): Promise<ActionAvailability[]> {
  const results: ActionAvailability[] = [];
  // One at a time: the embedded database serves one connection, and each assessment is a few small reads.
  for (const { kind, parameterised } of ACTIONS) {
    try {
      const a = await assessChange(db(), user, { change: probe(kind, ws), confirmDestructive: true });
      const reasons = a.reasons.filter((r) => r.code !== "CONFIRMATION_REQUIRED" && (!parameterised || BLOCKING.has(r.code))).map((r) => r.message);
      results.push({ kind, available: reasons.length === 0, reasons: [...new Set(reasons)] });
    } catch (error) {
      results.push({ kind, available: false, reasons: [error instanceof ServiceError ? error.message : "This action cannot be checked right now; try again in a moment."] });
    }
  }
  return results;
}

/** What the parameterised forms may offer: compute types of offered bundles, migration targets. */
export async function changeOptions(user: CurrentUser, ws: WorkspaceView) {
  const [bundles, directories, settings, me] = await Promise.all([
    bundlesIn(ws.region),
    (catalogSource()).directories(ws.region).catch(() => []),
    getPolicySettings(db()),
    db().user.findUnique({ where: { id: user.id }, select: { persona: true, groups: true } }),
  ]);
  const offering = catalogOfferingFor(me ?? { persona: "EMPLOYEE", groups: [] }, directories, settings.catalog);
  const offered = bundles.filter((b) => offering.bundleIds.includes(b.id));
  const computeTypes = [...new Set(offered.filter((b) => b.operatingSystem === (ws.operatingSystem ?? "WINDOWS")).map((b) => b.computeType))];
  return {
    computeTypes: COMPUTE_TYPES.filter((t) => computeTypes.includes(t)),
    migrationTargets: offered.filter((b) => b.id !== ws.bundleId).map((b) => ({ id: b.id, name: b.name, operatingSystem: b.operatingSystem })),
    breakEvenHours: ws.computeType ? (BREAK_EVEN_HOURS[ws.computeType as ComputeType] ?? null) : null,
  };
}
