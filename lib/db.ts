import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { getConfig } from "./config";
import { applyMigrations } from "./db/migrations";
import { reportDatabaseError, setDatabaseProbe, watchedAdapter } from "./db/outage";
import { acquirePgliteLock } from "./db/pglite-lock";
import { PGliteThread } from "./db/pglite-thread";
import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;

interface DbHandle {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  /** Only the embedded database migrates itself; a server is migrated by `npm run db:migrate` or `prisma migrate deploy`. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

// On globalThis because Next.js may evaluate this module in more than one bundle of the same process
// (instrumentation, route handlers, server actions), and PGlite must open its directory only once.
const globalForDb = globalThis as unknown as { __portalDb?: DbHandle };

function openDatabase(): DbHandle {
  const { database } = getConfig();
  if (database.kind === "postgres") {
    // Connection failures (the server restarting, a fail-over) flag an outage that proxy.ts answers with a
    // friendly 503 until a `SELECT 1` succeeds again (lib/db/outage.ts). Idle pooled connections the server
    // closes report through onPoolError before any request fails.
    const adapter = new PrismaPg(
      { connectionString: database.url },
      { onPoolError: reportDatabaseError, onConnectionError: reportDatabaseError },
    );
    const prisma = new PrismaClient({ adapter: watchedAdapter(adapter) });
    setDatabaseProbe(() => prisma.$queryRaw`SELECT 1`);
    return { prisma, kind: "postgres", migrate: async () => [], close: () => prisma.$disconnect() };
  }
  // One process per PGlite directory: a second one is refused here with a message naming the first.
  const lock = acquirePgliteLock(database.dir);
  // PGlite runs in a worker thread of its own (lib/db/pglite-worker.mjs), so its statements do not hold
  // up rendering and the executor on the main thread.
  const thread = new PGliteThread(database.dir);
  const prisma = new PrismaClient({ adapter: thread.adapterFactory() });
  return {
    prisma,
    kind: "pglite",
    migrate: () => applyMigrations(thread.runner()),
    async close() {
      await prisma.$disconnect();
      await thread.close();
      lock.release();
    },
  };
}

function handle(): DbHandle {
  globalForDb.__portalDb ??= openDatabase();
  return globalForDb.__portalDb;
}

/** The one Prisma client of this process. */
export function db(): PrismaClient {
  return handle().prisma;
}

export function databaseKind(): "pglite" | "postgres" {
  return handle().kind;
}

export function migrateEmbeddedDatabase(): Promise<string[]> {
  return handle().migrate();
}

/** Tests swap in their own isolated database (see test/db.ts). */
export function installDatabase(prisma: PrismaClient, kind: "pglite" | "postgres" = "pglite"): void {
  globalForDb.__portalDb = { prisma, kind, migrate: async () => [], close: () => prisma.$disconnect() };
}

export async function closeDatabase(): Promise<void> {
  const current = globalForDb.__portalDb;
  globalForDb.__portalDb = undefined;
  await current?.close();
}
