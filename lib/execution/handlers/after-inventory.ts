import "server-only";
import { inventorySynced } from "../../core/inventory-status";
import type { JobHandler } from "../worker";

/** How soon a job that found no inventory yet looks again. */
export const INVENTORY_WAIT_MS = 15_000;

/**
 * Holds a job that works from the cached inventory until every managed Region has been synced once, so
 * a fresh start's first usage sync, snapshot and reclaim run see the fleet rather than an empty table.
 */
export function afterInventory(regions: readonly string[], handler: JobHandler): JobHandler {
  return {
    ...handler,
    async run(job, ctx) {
      if (!(await inventorySynced(ctx.db, regions))) return { done: false, runAt: new Date(Date.now() + INVENTORY_WAIT_MS) };
      return handler.run(job, ctx);
    },
  };
}
