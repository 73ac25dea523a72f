// npm run db:migrate: applies the committed migrations to DATABASE_URL's PostgreSQL server, or to the
// embedded database under PORTAL_DATA_DIR when DATABASE_URL is not a postgres URL.
import { PGlite } from "@electric-sql/pglite";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../lib/db/migrations";
import { pgliteRunner, pgRunner } from "../lib/db/runners";

async function main() {
  const url = process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      report(await applyMigrations(pgRunner(client)), new URL(url).host + new URL(url).pathname);
    } finally {
      await client.end();
    }
    return;
  }
  const dir = path.resolve(process.env.PORTAL_DATA_DIR ?? ".data", "pglite");
  const pglite = new PGlite(dir);
  try {
    report(await applyMigrations(pgliteRunner(pglite)), dir);
  } finally {
    await pglite.close();
  }
}

function report(applied: string[], where: string) {
  console.log(applied.length ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}` : `${where} is up to date.`);
}

main().catch((error) => {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exit(1);
});
