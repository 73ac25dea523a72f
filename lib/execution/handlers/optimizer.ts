import "server-only";
import type { JobHandler } from "../worker";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The next run: 02:00 UTC after `now`, when the day's usage has been synced. */
export function nextNightlyRun(now: Date, hourUtc = 2): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  return next.getTime() > now.getTime() ? next : new Date(next.getTime() + DAY_MS);
}

/**
 * Runs the optimizer's nightly pass (a service handed in by the composition root; it does nothing while
 * the setting is off) and reschedules itself for the next night either way.
 */
export function optimizerNightlyHandler(runNightly: (now: Date) => Promise<unknown>): JobHandler {
  return {
    async run() {
      const now = new Date();
      await runNightly(now);
      return { done: false, runAt: nextNightlyRun(now) };
    },
  };
}
