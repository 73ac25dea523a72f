// Seeds the Workspace cache of a portal data directory for scripts/bench-fleet-http.mjs:
//   tsx scripts/bench-fleet-seed.ts <PORTAL_DATA_DIR> <count>
// Writes straight into <dir>/pglite before any server opens it; the server seeds the demo organization on start.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { applyMigrations } from "../lib/db/migrations";
import { pgliteRunner } from "../lib/db/runners";
import { benchOwners, benchWorkspaces } from "./bench-fleet-data";

const COLUMNS = [
  "id",
  "region",
  "directoryId",
  "userName",
  "ownerId",
  "state",
  "bundleId",
  "computeType",
  "runningMode",
  "costCenter",
] as const;
const TEXT_COLUMNS = COLUMNS.map((c) => `"${c}" text`).join(", ");
const QUOTED = COLUMNS.map((c) => `"${c}"`).join(", ");

async function main() {
  const [dir, countArg] = process.argv.slice(2);
  const count = Number(countArg);
  if (!dir || !Number.isInteger(count) || count < 0 || count > 100_000) {
    console.error("usage: tsx scripts/bench-fleet-seed.ts <PORTAL_DATA_DIR> <count ≤ 100000>");
    process.exit(2);
  }
  mkdirSync(dir, { recursive: true });
  const pg = new PGlite(path.join(dir, "pglite"));
  try {
    await applyMigrations(pgliteRunner(pg));
    const owners = benchOwners().map((o, i) => ({ ...o, id: `bench-owner-${i}` }));
    await pg.query(
      `INSERT INTO "User" ("id", "email", "name", "directoryUserName", "updatedAt")
       SELECT o."id", o."email", o."name", o."directoryUserName", now()
       FROM json_to_recordset($1::json) AS o("id" text, "email" text, "name" text, "directoryUserName" text)`,
      [JSON.stringify(owners)],
    );
    const rows = benchWorkspaces(
      count,
      owners.map((o) => o.id),
    );
    for (let i = 0; i < rows.length; i += 2000) {
      await pg.query(
        `INSERT INTO "Workspace" (${QUOTED}, "raw", "lastSyncedAt")
         SELECT ${QUOTED}, '{}'::jsonb, now() FROM json_to_recordset($1::json) AS w(${TEXT_COLUMNS})`,
        [JSON.stringify(rows.slice(i, i + 2000))],
      );
    }
    await pg.exec(`ANALYZE "Workspace"; ANALYZE "User"`);
    const [{ n }] = (await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Workspace"`)).rows as [{ n: number }];
    if (n !== count) throw new Error(`seeded ${n} WorkSpaces, expected ${count}`);
  } finally {
    await pg.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
