import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./e2e/chromium";

// The e2e tier runs against a production build (`next start`) on its own data directory and sandbox port,
// so it never touches a developer's .data/ or a running dev server. scripts/e2e.mjs builds first.
// Ports and directories can be moved so that two e2e runs on one machine do not collide.
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e";
export const E2E_DIST_DIR = process.env.E2E_DIST_DIR ?? ".next-e2e";
export const E2E_SANDBOX_PORT = process.env.E2E_SANDBOX_PORT ?? "4699";

export default defineConfig({
  testDir: "./e2e",
  outputDir: process.env.E2E_OUTPUT_DIR ?? "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } },
    },
  ],
  webServer: {
    command: `npx next start -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NEXT_DIST_DIR: E2E_DIST_DIR,
      PORTAL_DATA_DIR: E2E_DATA_DIR,
      SANDBOX_PORT: E2E_SANDBOX_PORT,
      // Enough generated WorkSpaces that fleet-wide journeys never have to touch the demo people's.
      SANDBOX_FLEET_SIZE: "80",
      PORTAL_URL: `http://127.0.0.1:${PORT}`,
      DEMO_SIGN_IN: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      // Short escalation and expiry (about 52 s and 104 s) so a pending request expires within the suite.
      POLICY_FILE: "e2e/fixtures/policy.json",
    },
  },
});
