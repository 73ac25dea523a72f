import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./e2e/chromium";
import { OIDC_CLIENT } from "./test/identity/oidc-provider.mjs";

// The e2e tier runs against a production build (`next start`) on its own data directory and sandbox port,
// so it never touches a developer's .data/ or a running dev server. scripts/e2e.mjs builds first.
// Ports and directories can be moved so that two e2e runs on one machine do not collide.
const PORT = Number(process.env.E2E_PORT ?? 3100);
// The portal is reached as localhost, not 127.0.0.1: Next.js rewrites a 127.0.0.1 request URL to localhost,
// so Auth.js builds its OIDC redirect URI on localhost, and the browser must be on that host to send back
// the state, PKCE and nonce cookies it was given when the flow started.
export const E2E_PORTAL_URL = `http://localhost:${PORT}`;
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e";
export const E2E_DIST_DIR = process.env.E2E_DIST_DIR ?? ".next-e2e";
export const E2E_SANDBOX_PORT = process.env.E2E_SANDBOX_PORT ?? "4699";
export const E2E_OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 4701);
export const E2E_OIDC_ISSUER = `http://127.0.0.1:${E2E_OIDC_PORT}`;

// Single sign-on against real servers: the OIDC provider starts here; scripts/e2e.mjs starts a Samba
// Active Directory domain controller when the machine has one and hands its settings over as AUTH_LDAP_*.
const LDAP_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith("AUTH_LDAP_"))) as Record<
  string,
  string
>;

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
    baseURL: E2E_PORTAL_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } },
    },
  ],
  webServer: [
    {
      command: "node test/identity/oidc-provider.mjs",
      url: `${E2E_OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: { OIDC_PORT: String(E2E_OIDC_PORT), PORTAL_URL: E2E_PORTAL_URL },
    },
    {
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
        PORTAL_URL: E2E_PORTAL_URL,
        DEMO_SIGN_IN: "true",
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "warn",
        // Short escalation and expiry (about 52 s and 104 s) so a pending request expires within the suite.
        POLICY_FILE: "e2e/fixtures/policy.json",
        // The OIDC redirect URI registered with the provider is <AUTH_URL>/api/auth/callback/oidc.
        AUTH_URL: E2E_PORTAL_URL,
        AUTH_OIDC_ISSUER: E2E_OIDC_ISSUER,
        AUTH_OIDC_CLIENT_ID: OIDC_CLIENT.clientId,
        AUTH_OIDC_CLIENT_SECRET: OIDC_CLIENT.clientSecret,
        AUTH_OIDC_NAME: "Corp SSO",
        AUTH_OIDC_SCOPES: "openid email profile groups",
        AUTH_OIDC_DEPARTMENT_CLAIM: "department",
        AUTH_OIDC_MANAGER_EMAIL_CLAIM: "manager_email",
        PORTAL_ADMIN_GROUPS: "Portal-Admins",
        PORTAL_MANAGER_GROUPS: "Portal-Managers",
        PORTAL_CONTRACTOR_GROUPS: "Contractors",
        ...LDAP_ENV,
      },
    },
  ],
});
