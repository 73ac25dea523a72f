import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { applyMigrations, MigrationDriftError, readMigrations } from "./migrations";
import { pgliteRunner } from "./runners";

describe("migrations", () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it("applies every committed migration and records it in Prisma's ledger", async () => {
    database = await createTestDatabase();
    const rows = await database.prisma.$queryRaw<{ migration_name: string; checksum: string }[]>`
      SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`;
    const committed = readMigrations();
    expect(committed.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.migration_name)).toEqual(committed.map((m) => m.name));
    expect(rows.map((r) => r.checksum)).toEqual(committed.map((m) => m.checksum));
    // The schema the client expects is really there.
    await expect(database.prisma.user.count()).resolves.toBe(0);
  });

  it("does nothing the second time and refuses a migration edited after it ran", async () => {
    const pglite = new PGlite();
    const runner = pgliteRunner(pglite);
    const first = await applyMigrations(runner);
    expect(first.length).toBe(readMigrations().length);
    expect(await applyMigrations(runner)).toEqual([]);

    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(applyMigrations(runner, edited)).rejects.toBeInstanceOf(MigrationDriftError);
    await pglite.close();
  });

  it("rolls back a failing migration completely", async () => {
    const pglite = new PGlite();
    const runner = pgliteRunner(pglite);
    const broken = [
      { name: "20990101000000_broken", sql: `CREATE TABLE "half" (id int); SELECT * FROM "missing_table";`, checksum: "x".repeat(64) },
    ];
    await expect(applyMigrations(runner, broken)).rejects.toThrow(/20990101000000_broken failed/);
    const tables = await runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'half'`);
    expect(tables[0]?.n).toBe(0);
    await pglite.close();
  });
});
