import type { ChangeType, MaintenanceState } from "./change";
import type { Refusal } from "./validate/context";

// Admin maintenance (AWS's ADMIN_MAINTENANCE state, set with ModifyWorkspaceState). AWS documents that a WorkSpace
// in it does not answer reboot, stop, start, rebuild or restore, is not stopped by AutoStop, cannot be migrated or
// modified, and nobody can sign in to it. Only an AVAILABLE WorkSpace can enter it, and leaving it makes the
// WorkSpace AVAILABLE again.
//
// What the portal does with an owner's changes meanwhile (one rule, used by the WorkSpace page, the submit path and
// the executor):
// - a restart, start or stop is refused: by the time the maintenance ends it would surprise the owner, who can
//   simply ask again;
// - a configuration change (compute, volumes, running mode, rebuild, restore, migration) is accepted and held: the
//   executor sends nothing to AWS while the WorkSpace is in maintenance, and carries it out once it has ended;
// - giving the WorkSpace back and changing its tags are not affected (AWS allows both).

export const ADMIN_MAINTENANCE = "ADMIN_MAINTENANCE";

/** Changes an owner may still ask for during admin maintenance; they wait until the maintenance ends. */
export const HELD_DURING_MAINTENANCE = [
  "computeType",
  "volumes",
  "runningMode",
  "rebuild",
  "restore",
  "migrate",
] as const satisfies readonly ChangeType[];

export function isInAdminMaintenance(state: string | null | undefined): boolean {
  return state === ADMIN_MAINTENANCE;
}

/** True when a change of this type on a WorkSpace in this state must wait for the maintenance to end. */
export function heldByMaintenance(state: string | null | undefined, changeType: string): boolean {
  return isInAdminMaintenance(state) && (HELD_DURING_MAINTENANCE as readonly string[]).includes(changeType);
}

export const MAINTENANCE_HOLD_MESSAGE =
  "An admin has put this WorkSpace in maintenance. This change waits and is carried out once the maintenance ends.";

/**
 * The refusals of a change that waits for the maintenance to end, without the one that says "in admin maintenance":
 * every other rule still applies. Other changes keep their refusals as they are.
 */
export function withoutMaintenanceHold<R extends Refusal>(
  refusals: readonly R[],
  state: string | null | undefined,
  changeType: string,
): R[] {
  if (!heldByMaintenance(state, changeType)) return [...refusals];
  return refusals.filter((refusal) => refusal.code !== ADMIN_MAINTENANCE);
}

/** What the owner's WorkSpace page says while the WorkSpace is in admin maintenance. */
export const MAINTENANCE_BANNER = {
  title: "An admin is maintaining this WorkSpace",
  sentences: [
    "You cannot connect to it until the maintenance ends.",
    "Restarting, starting or stopping it is not possible meanwhile.",
    "Other changes you ask for wait, and are carried out once the maintenance ends.",
  ],
} as const;

/**
 * Whether an admin may set the WorkSpace to `target` now (ModifyWorkspaceState): only an AVAILABLE WorkSpace enters
 * maintenance, only one in maintenance leaves it. Already in the target state is no refusal: there is nothing to do.
 */
export function maintenanceRefusals(state: string | null | undefined, target: MaintenanceState): Refusal[] {
  if (state === target) return [];
  if (target === ADMIN_MAINTENANCE && state !== "AVAILABLE") {
    return [
      {
        code: "MAINTENANCE_NEEDS_AVAILABLE",
        message: "Only a WorkSpace that is ready (running, with no change under way) can be put in maintenance.",
      },
    ];
  }
  if (target === "AVAILABLE" && state !== ADMIN_MAINTENANCE) {
    return [{ code: "NOT_IN_MAINTENANCE", message: "This WorkSpace is not in maintenance." }];
  }
  return [];
}

/** Maintenance is set by an admin from the fleet, never asked for through a request. */
export const MAINTENANCE_NOT_REQUESTABLE: Refusal = {
  code: "ADMIN_ONLY",
  message: "Maintenance mode is set by an admin from the fleet, not through a request.",
};
