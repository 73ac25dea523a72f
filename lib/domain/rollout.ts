import { whatIsLost } from "./impact";

// A staged rollout of a bundle's new image: which WorkSpaces go in which wave, when a wave's failures stop
// the rollout, what happens after each wave, and what a WorkSpace loses on the way. Pure rules; the
// rollout service and the executor's rollout job ask them.

/** Rebuild keeps the WorkSpace (same id) on its bundle; migrate moves WorkSpaces from another bundle onto this one. */
export const ROLLOUT_METHODS = ["rebuild", "migrate"] as const;
export type RolloutMethod = (typeof ROLLOUT_METHODS)[number];

export const ROLLOUT_STATUSES = ["RUNNING", "WAITING_FOR_CONTINUE", "STOPPED", "FINISHED"] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

export const ROLLOUT_ITEM_STATUSES = ["PENDING", "IN_PROGRESS", "DONE", "FAILED"] as const;
export type RolloutItemStatus = (typeof ROLLOUT_ITEM_STATUSES)[number];

/** The ceiling for a wave, and AWS's advice for migrations in scripts (batches of at most 25). */
export const MAX_WAVE_SIZE = 25;
export const MAX_CANARY_SIZE = 25;
export const MAX_PAUSE_MINUTES = 24 * 60;

export const ROLLOUT_DEFAULTS = { canarySize: 2, waveSize: MAX_WAVE_SIZE, pauseMinutes: 15, failureThresholdPercent: 20 } as const;

/**
 * Splits the WorkSpaces into a canary wave of `canarySize` and then waves of at most `waveSize` (never more
 * than 25), in the order given. A canary as large as the whole set leaves a single wave.
 */
export function planWaves<T>(workspaces: readonly T[], canarySize: number, waveSize: number = MAX_WAVE_SIZE): T[][] {
  if (!Number.isInteger(canarySize) || canarySize < 1) throw new RangeError(`canary size must be at least 1, got ${canarySize}`);
  if (!Number.isInteger(waveSize) || waveSize < 1) throw new RangeError(`wave size must be at least 1, got ${waveSize}`);
  const size = Math.min(waveSize, MAX_WAVE_SIZE);
  const canary = Math.min(canarySize, MAX_WAVE_SIZE);
  if (!workspaces.length) return [];
  const waves: T[][] = [workspaces.slice(0, canary)];
  for (let i = canary; i < workspaces.length; i += size) waves.push(workspaces.slice(i, i + size));
  return waves;
}

/** Stops when MORE than the threshold's share of a wave failed: with 20%, 1 of 5 goes on and 2 of 5 stop. */
export function waveFailedTooOften(wave: { total: number; failed: number }, thresholdPercent: number): boolean {
  if (wave.total <= 0) return false;
  return wave.failed * 100 > thresholdPercent * wave.total;
}

export interface WaveCounts {
  total: number;
  pending: number;
  inProgress: number;
  done: number;
  failed: number;
}

export type AfterWave =
  | { kind: "wait" }
  | { kind: "stop"; reason: string }
  | { kind: "finish" }
  | { kind: "await-continue"; nextWave: number }
  | { kind: "next"; nextWave: number; startsAt: Date };

/**
 * What the rollout does once its current wave has no WorkSpace left pending or in progress: stop on too many
 * failures, finish after the last wave, wait for an admin after the canary, or start the next wave after the pause.
 */
export function afterWave(input: {
  wave: number;
  waveCount: number;
  counts: WaveCounts;
  thresholdPercent: number;
  pauseMinutes: number;
  now: Date;
}): AfterWave {
  const { wave, waveCount, counts } = input;
  if (counts.pending > 0 || counts.inProgress > 0) return { kind: "wait" };
  if (waveFailedTooOften(counts, input.thresholdPercent)) {
    return {
      kind: "stop",
      reason:
        `${counts.failed} of ${counts.total} WorkSpaces in ${waveName(wave)} failed, more than the ${input.thresholdPercent}% ` +
        `the rollout allows, so it stopped before the next wave. Look at the failures, then retry them or start over.`,
    };
  }
  if (wave >= waveCount - 1) return { kind: "finish" };
  if (wave === 0) return { kind: "await-continue", nextWave: 1 };
  return { kind: "next", nextWave: wave + 1, startsAt: new Date(input.now.getTime() + input.pauseMinutes * 60_000) };
}

/** When the wave after the canary may start once an admin says "Continue": not before the pause has passed. */
export function continueStartsAt(canaryFinishedAt: Date | null, pauseMinutes: number, now: Date): Date {
  if (!canaryFinishedAt) return now;
  const after = canaryFinishedAt.getTime() + pauseMinutes * 60_000;
  return new Date(Math.max(after, now.getTime()));
}

export const canContinue = (status: RolloutStatus) => status === "WAITING_FOR_CONTINUE";
export const canStop = (status: RolloutStatus) => status === "RUNNING" || status === "WAITING_FOR_CONTINUE";

/** Failed items can be retried once nothing is in flight: while waiting for Continue, after a stop or after the end. */
export function canRetryFailures(status: RolloutStatus, counts: { failed: number; inProgress: number }): boolean {
  return status !== "RUNNING" && counts.failed > 0 && counts.inProgress === 0;
}

/** "the canary wave", "wave 2": wave 0 is the canary. */
export function waveName(wave: number): string {
  return wave === 0 ? "the canary wave" : `wave ${wave}`;
}

/** The seed: user volumes are snapshotted every 12 hours; an older snapshot means more work is lost. */
export const SNAPSHOT_INTERVAL_HOURS = 12;

export interface RolloutLoss {
  /** What the method replaces for every WorkSpace (the root volume, and for migrate also id, name and address). */
  sentence: string;
  /** What this WorkSpace's user volume comes back as, from its own last snapshot. */
  userVolume: string;
  /** True when the last snapshot is missing or older than the usual 12 hours: worth a look before it starts. */
  warn: boolean;
}

/** What a WorkSpace loses in the rollout, given the newest snapshot AWS holds of its user volume. */
export function rolloutLoss(method: RolloutMethod, lastSnapshotAt: Date | null, now: Date): RolloutLoss {
  const loss = whatIsLost(
    method === "rebuild" ? { type: "rebuild", workspaceId: "" } : { type: "migrate", workspaceId: "", targetBundleId: "" },
  );
  const sentence = loss?.sentence ?? "";
  if (!lastSnapshotAt) {
    return {
      sentence,
      userVolume:
        method === "migrate"
          ? "No snapshot of the user volume yet: AWS refuses to migrate it until one exists (about 12 hours after it was created)."
          : "No snapshot of the user volume yet: the user drive has nothing to come back from.",
      warn: true,
    };
  }
  const hours = Math.max(0, (now.getTime() - lastSnapshotAt.getTime()) / 3_600_000);
  const old = hours > SNAPSHOT_INTERVAL_HOURS;
  return {
    sentence,
    userVolume: old
      ? `The user drive comes back as it was at its last snapshot, ${Math.floor(hours)} hours ago (older than the usual 12); ` +
        "later changes are lost."
      : "The user drive comes back as it was at its last snapshot; changes since then are lost.",
    warn: old,
  };
}

/**
 * A WorkSpace under way fails once it has not come back within the request path's reconcile timeout
 * (RECONCILE_TIMEOUT_MINUTES) of its AWS call: a WorkSpace stuck in REBUILDING, or one that never shows up on
 * the migrated bundle, must not keep its wave waiting forever. Null while it still has time.
 */
export function rolloutItemOverdue(input: { calledAt: Date | null; now: Date; timeoutMinutes: number }): string | null {
  const { calledAt, now, timeoutMinutes } = input;
  if (!calledAt || !(timeoutMinutes > 0)) return null;
  if (now.getTime() - calledAt.getTime() <= timeoutMinutes * 60_000) return null;
  return `It did not come back within ${formatMinutes(timeoutMinutes)}; check it in the fleet.`;
}

function formatMinutes(minutes: number): string {
  const rounded = Math.max(1, Math.round(minutes));
  return `${rounded} minute${rounded === 1 ? "" : "s"}`;
}
