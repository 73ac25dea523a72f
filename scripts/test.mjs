#!/usr/bin/env node
// `npm test`: every tier in order, stopping at the first failure.
import { spawnSync } from "node:child_process";

const steps = [
  ["lint", "npm", ["run", "--silent", "lint"]],
  ["types", "npx", ["tsc", "--noEmit"]],
  ["unit", "npx", ["vitest", "run", "--project", "unit"]],
  ["integration (PGlite)", "npx", ["vitest", "run", "--project", "integration"]],
  ["integration (PostgreSQL)", "node", ["scripts/test-postgres.mjs"]],
  ["end-to-end (Chromium)", "node", ["scripts/e2e.mjs"]],
  // The container image's server: the standalone build with PostgreSQL (skipped when no server answers).
  ["standalone smoke (PostgreSQL)", "node", ["scripts/smoke-standalone.mjs"]],
];

const only = process.argv.slice(2);
const summary = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  summary.push(`${result.status === 0 ? "ok  " : "FAIL"} ${name} (${seconds}s)`);
  if (result.status !== 0) {
    console.log(`\n${summary.join("\n")}\n\nnpm test failed at: ${name}`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\n${summary.join("\n")}\n\nAll test tiers passed.`);
