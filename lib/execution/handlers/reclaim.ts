import "server-only";
import type { JobHandler } from "../worker";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The daily reclaim run (a service, handed in by the composition root). It is due as soon as it is
 * first enqueued, then once a day; a second run on the same day finds nothing new to do.
 */
export function reclaimDailyHandler(runReclaim: (now: Date) => Promise<unknown>, intervalMs = DAY_MS): JobHandler {
  return {
    async run() {
      const now = new Date();
      await runReclaim(now);
      return { done: false, runAt: new Date(now.getTime() + intervalMs) };
    },
  };
}
