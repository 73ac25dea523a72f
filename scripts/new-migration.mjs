#!/usr/bin/env node
// npm run db:new-migration -- <name>
//
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that turns the previous schema
// into prisma/schema.prisma. `prisma migrate dev` cannot be used here: on PGlite its shadow database
// fails after the first migration. The previous schema is the one committed together with the newest
// migration (override with --from <file>); with no migrations yet, the diff starts from an empty database.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const args = process.argv.slice(2);
const fromIndex = args.indexOf("--from");
const fromFile = fromIndex >= 0 ? args.splice(fromIndex, 2)[1] : undefined;
const name = args[0];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name_in_snake_case> [--from previous.prisma]");
  process.exit(2);
}

const migrationsDir = path.join("prisma", "migrations");
const hasMigrations = existsSync(migrationsDir) && readdirSync(migrationsDir).some((d) => /^\d{14}_/.test(d));

let from = ["--from-empty"];
if (fromFile) from = ["--from-schema-datamodel", fromFile];
else if (hasMigrations) {
  const commit = execFileSync("git", ["log", "-1", "--format=%H", "--", migrationsDir], { encoding: "utf8" }).trim();
  if (!commit) {
    console.error("The existing migrations are not committed yet; commit them with the schema they came from, or pass --from <file>.");
    process.exit(2);
  }
  const previous = execFileSync("git", ["show", `${commit}:prisma/schema.prisma`], { encoding: "utf8" });
  const file = path.join(mkdtempSync(path.join(tmpdir(), "portal-migration-")), "previous.prisma");
  writeFileSync(file, previous);
  from = ["--from-schema-datamodel", file];
}

const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
if (!sql.replace(/--.*$/gm, "").trim()) {
  console.log("prisma/schema.prisma has no changes since the last migration; nothing written.");
  process.exit(0);
}
const stamp = new Date()
  .toISOString()
  .replace(/[-:TZ.]/g, "")
  .slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`Wrote ${dir}/migration.sql. It is applied on the next \`npm run dev\` / \`npm start\`, or with \`npm run db:migrate\`.`);
