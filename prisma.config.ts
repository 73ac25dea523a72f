// Prisma CLI configuration. Prisma 6's Rust-free path needs a driver adapter for every CLI command;
// an in-memory PGlite is enough for `generate` and `migrate diff` (see scripts/new-migration.mjs).
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

process.env.DATABASE_URL ??= "postgresql://placeholder@localhost/placeholder";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaPGlite(new PGlite());
  },
});
