import type { Tag, Workspace } from "./types";
import { changePreconditions } from "./validate/preconditions";

// Reclaiming unused WorkSpaces: a WorkSpace nobody connected to for the idle period is announced to its
// owner and their manager, and after the grace period an admin is asked to give it back. Never-used
// WorkSpaces count from the earliest evidence of their age — CloudWatch's first datapoint for them, or when the
// portal first saw them — so a desktop nobody ever opened is found too, even on a freshly installed portal.
// reclaimSettingsSchema (schemas.ts) parses an admin's edit into ReclaimSettings.

export type ReclaimSettings = {
  /** Days without a connection after which a WorkSpace counts as idle. */
  idleDays: number;
  /** Days between the warning and the terminate request. */
  graceDays: number;
  /** A WorkSpace carrying a tag with this key (any case) is never reclaimed. */
  exemptTagKey: string;
};

export const SKIP_RECLAIM_TAG_KEY = "Skip_Reclaim";

export const DEFAULT_RECLAIM_SETTINGS: ReclaimSettings = { idleDays: 60, graceDays: 14, exemptTagKey: SKIP_RECLAIM_TAG_KEY };

export const RECLAIM_LIMITS = {
  idleDays: { min: 7, max: 365 },
  graceDays: { min: 1, max: 90 },
  justification: { min: 10, max: 500 },
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export interface IdleClock {
  /** When the WorkSpace was last known to be wanted: its last connection, the last "Keep it", or its creation. */
  since: Date;
  /** Nobody ever connected to it (as far as AWS reports). */
  neverUsed: boolean;
}

/**
 * The idle clock: the latest of the last connection, the last "Keep it" (or an admin's refusal to reclaim)
 * and — for a WorkSpace nobody ever connected to — its age: the earlier of when it was created (as far as the
 * portal knows: first seen) and `existsSince`, CloudWatch's first datapoint for it.
 */
export function idleClock(
  ws: { lastConnectedAt: Date | null; createdAt: Date; existsSince?: Date | null },
  lastKept: Date | null,
): IdleClock {
  const neverUsed = ws.lastConnectedAt === null;
  const born = ws.existsSince && ws.existsSince < ws.createdAt ? ws.existsSince : ws.createdAt;
  const candidates = [ws.lastConnectedAt ?? born, lastKept].filter((d): d is Date => d !== null);
  const since = new Date(Math.max(...candidates.map((d) => d.getTime())));
  return { since, neverUsed };
}

/** Whole days since the idle clock started, for "not used for N days". */
export function idleDaysAt(clock: IdleClock, now: Date): number {
  return Math.floor((now.getTime() - clock.since.getTime()) / DAY_MS);
}

export function isIdle(clock: IdleClock, now: Date, settings: Pick<ReclaimSettings, "idleDays">): boolean {
  return now.getTime() - clock.since.getTime() >= settings.idleDays * DAY_MS;
}

export function hasExemptTag(tags: readonly Tag[], exemptTagKey: string): boolean {
  const wanted = exemptTagKey.toLowerCase();
  return tags.some((tag) => tag.key.toLowerCase() === wanted);
}

// Terminating makes sense only for a WorkSpace at rest; one being created, restarted, rebuilt or maintained
// is left alone until it settles (the next daily run looks again).
export const RECLAIM_SETTLED_STATES: readonly Workspace["state"][] = ["AVAILABLE", "STOPPED", "IMPAIRED", "UNHEALTHY", "ERROR"];

export interface ReclaimInput {
  workspace: Workspace;
  lastConnectedAt: Date | null;
  /** CloudWatch's earliest datapoint for the WorkSpace (Workspace.existsSince); null until looked up. */
  existsSince: Date | null;
  /** The latest "Keep it" (or the latest refused reclaim) for this WorkSpace; null when there was none. */
  lastKept: Date | null;
  /** The portal knows the owner, so someone can be warned. */
  hasOwner: boolean;
  /** Another request for this WorkSpace is open (a reclaim request included). */
  openRequest: boolean;
  /** The current warning, if one is out. */
  warning: { warnedAt: Date; reclaimOn: Date } | null;
  settings: ReclaimSettings;
  now: Date;
}

export type ReclaimAssessment =
  | { kind: "exempt"; reason: string }
  | { kind: "inUse"; clock: IdleClock }
  | { kind: "warn"; clock: IdleClock; reclaimOn: Date }
  | { kind: "grace"; clock: IdleClock; reclaimOn: Date }
  | { kind: "reclaim"; clock: IdleClock; reclaimOn: Date };

/** What the daily reclaim run does with one WorkSpace `now`. */
export function reclaimAssessment(input: ReclaimInput): ReclaimAssessment {
  const exempt = reclaimExemption(input);
  if (exempt) return { kind: "exempt", reason: exempt };
  const clock = idleClock(
    { lastConnectedAt: input.lastConnectedAt, createdAt: input.workspace.createdAt, existsSince: input.existsSince },
    input.lastKept,
  );
  if (!isIdle(clock, input.now, input.settings)) return { kind: "inUse", clock };
  if (!input.warning) return { kind: "warn", clock, reclaimOn: addDays(input.now, input.settings.graceDays) };
  const { reclaimOn } = input.warning;
  return input.now.getTime() >= reclaimOn.getTime() ? { kind: "reclaim", clock, reclaimOn } : { kind: "grace", clock, reclaimOn };
}

function reclaimExemption({ workspace, hasOwner, openRequest, settings, now }: ReclaimInput): string | null {
  if (hasExemptTag(workspace.tags, settings.exemptTagKey)) return `It has a ${settings.exemptTagKey} tag, so it is never reclaimed.`;
  const refusals = changePreconditions({ now, directories: [], requester: { role: "ADMIN" } }, workspace, "terminate");
  if (refusals.length > 0) return refusals[0]!.message;
  if (!RECLAIM_SETTLED_STATES.includes(workspace.state))
    return `It is ${workspace.state.toLowerCase()}; it is looked at again once it settles.`;
  if (openRequest) return "A request for it is open; it is looked at again once that is finished.";
  if (!hasOwner) return "Nobody is recorded as its owner, so nobody can be warned; admins can give it back from the fleet.";
  return null;
}

/** Only the owner, or an admin, may say a warned WorkSpace is still needed; a manager decides nothing here. */
export function mayKeepWorkspace(person: { id: string; role: "EMPLOYEE" | "MANAGER" | "ADMIN" }, ownerId: string | null): boolean {
  return person.role === "ADMIN" || (ownerId !== null && person.id === ownerId);
}
