// Gives each integration test file its own freshly migrated database: an in-memory PGlite by default,
// or a new database on TEST_DATABASE_URL's server in the PostgreSQL tier (scripts/test-postgres.mjs).
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "@/lib/db/migrations";
import { pgliteRunner, pgRunner } from "@/lib/db/runners";
import { installDatabase } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";

export interface TestDatabase {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  /** A connection string for a second client (postgres tier only): used to test concurrency. */
  url?: string;
  close(): Promise<void>;
}

export function postgresTier(): boolean {
  return process.env.PORTAL_TEST_TIER === "postgres" && Boolean(process.env.TEST_DATABASE_URL);
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const serverUrl = new URL(process.env.TEST_DATABASE_URL!);
  const name = `portal_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const migrator = new pg.Client({ connectionString: url.toString() });
  await migrator.connect();
  await applyMigrations(pgRunner(migrator));
  await migrator.end();

  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }) });
  return {
    prisma,
    kind: "postgres",
    url: url.toString(),
    async close() {
      await prisma.$disconnect();
      const dropper = new pg.Client({ connectionString: serverUrl.toString() });
      await dropper.connect();
      try {
        // FORCE cannot end a backend of another role, such as an autovacuum worker that just started on the
        // database: wait for it a little. A database left behind is only clutter on a throw-away server.
        for (let attempt = 1; ; attempt++) {
          try {
            await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            break;
          } catch (error) {
            if (attempt >= 10) {
              console.warn(`[test db] could not drop ${name}: ${(error as Error).message}`);
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        }
      } finally {
        await dropper.end();
      }
    },
  };
}

async function createPgliteDatabase(): Promise<TestDatabase> {
  const pglite = new PGlite();
  await applyMigrations(pgliteRunner(pglite));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    kind: "pglite",
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/** Creates the database and makes it the one `db()` returns, so services under test use it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const database = postgresTier() ? await createPostgresDatabase() : await createPgliteDatabase();
  installDatabase(database.prisma, database.kind);
  return database;
}
