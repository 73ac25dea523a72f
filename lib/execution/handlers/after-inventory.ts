import "server-only";
import { inventorySynced } from "../../core/inventory-status";
import { getUsageStatus } from "../../core/usage";
import type { PrismaClient } from "../../generated/prisma/client";
import type { JobHandler } from "../worker";

/** How soon a job that found its inputs not ready yet looks again. */
export const INVENTORY_WAIT_MS = 15_000;

function waitsUntil(ready: (db: PrismaClient) => Promise<boolean>, handler: JobHandler): JobHandler {
  return {
    ...handler,
    async run(job, ctx) {
      if (!(await ready(ctx.db))) return { done: false, runAt: new Date(Date.now() + INVENTORY_WAIT_MS) };
      return handler.run(job, ctx);
    },
  };
}

/**
 * Holds a job that works from the cached inventory until every managed Region has been synced once, so
 * a fresh start's first usage sync, snapshot and reclaim run see the fleet rather than an empty table.
 */
export function afterInventory(regions: readonly string[], handler: JobHandler): JobHandler {
  return waitsUntil((db) => inventorySynced(db, regions), handler);
}

/**
 * Holds a job that counts stored usage (the reports' snapshot) until the usage sync has been tried once;
 * after that, each successful sync makes it due again.
 */
export function afterUsageSync(handler: JobHandler): JobHandler {
  return waitsUntil(async (db) => (await getUsageStatus(db)).lastAttemptAt !== null, handler);
}
