#!/usr/bin/env node
// Builds the app into .next-e2e and runs the Playwright specs against `next start` on a fresh data directory.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

const distDir = process.env.E2E_DIST_DIR ?? ".next-e2e";
const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";
const env = { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" };
const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

rmSync(dataDir, { recursive: true, force: true });
if (!process.argv.includes("--no-build")) run("npx", ["next", "build"]);
run("npx", ["playwright", "test", ...process.argv.slice(2).filter((a) => a !== "--no-build")]);
