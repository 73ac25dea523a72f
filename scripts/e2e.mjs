#!/usr/bin/env node
// Builds the app into .next-e2e and runs the Playwright specs against `next start` on a fresh data directory.
// Active Directory sign-in is tested against a Samba domain controller started here (its settings reach
// the portal as AUTH_LDAP_*); the OIDC provider starts with the portal, in playwright.config.ts.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { sambaUnavailable, startSambaAd } from "../test/identity/samba-ad.mjs";

const distDir = process.env.E2E_DIST_DIR ?? ".next-e2e";
const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";
const env = { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit", env }).status ?? 1;

rmSync(dataDir, { recursive: true, force: true });
if (!process.argv.includes("--no-build")) {
  const built = run("npx", ["next", "build"]);
  if (built !== 0) process.exit(built);
}
const specs = process.argv.slice(2).filter((a) => a !== "--no-build");

// Only when the Active Directory specs are among those run: provisioning a domain takes 10-20 s.
let directory = null;
if (specs.length === 0 || specs.some((s) => s.includes("ldap"))) {
  const why = sambaUnavailable();
  if (why && process.env.CI) {
    console.error(`CI must run the Active Directory sign-in specs, but Samba cannot run: ${why}`);
    process.exit(1);
  }
  if (why) {
    console.warn(`Skipping the Active Directory sign-in specs: ${why}`);
    env.E2E_LDAP_SKIPPED = why;
  } else {
    directory = await startSambaAd({ dir: process.env.E2E_SAMBA_DIR ?? ".data/e2e-samba" });
    console.log(
      `Samba Active Directory domain controller provisioned in ${directory.provisionMs} ms, listening after ${directory.startMs} ms`,
    );
    Object.assign(env, directory.env);
  }
}
const status = run("npx", ["playwright", "test", ...specs]);
await directory?.stop();
process.exit(status);
