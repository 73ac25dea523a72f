import "server-only";
import type { JobHandler } from "../worker";

/** The next run: shortly after the next UTC midnight, once the day's usage has had time to arrive. */
export function nextSnapshotAt(now: Date, afterMidnightMs = 30 * 60_000): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return new Date(midnight + afterMidnightMs);
}

/**
 * Takes the reports' daily snapshot (a service, handed in by the composition root). The job is due as
 * soon as it is first enqueued, and a process that was down at the planned time finds it overdue, so a
 * missing day is taken at start-up.
 */
export function reportsSnapshotHandler(takeSnapshot: (now: Date) => Promise<unknown>): JobHandler {
  return {
    async run() {
      const now = new Date();
      await takeSnapshot(now);
      return { done: false, runAt: nextSnapshotAt(now) };
    },
  };
}
