#!/usr/bin/env node
// The PostgreSQL tier: the integration tests again, each file on a fresh database of TEST_DATABASE_URL's
// server, to prove locking and concurrency on the engine production uses.
import { spawnSync } from "node:child_process";

if (!process.env.TEST_DATABASE_URL) {
  console.log(
    "\n[postgres tier] SKIPPED: TEST_DATABASE_URL is not set " +
      "(e.g. postgres://portal:portal@127.0.0.1:5432/portal_test). .ci/run sets it.\n",
  );
  process.exit(0);
}
const result = spawnSync("npx", ["vitest", "run", "--project", "integration"], {
  stdio: "inherit",
  env: { ...process.env, PORTAL_TEST_TIER: "postgres" },
});
process.exit(result.status ?? 1);
