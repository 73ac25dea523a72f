import { expect, test } from "@playwright/test";
import { PEOPLE, signInAs } from "./helpers";

const NAV = {
  employee: ["My WorkSpaces", "My requests"],
  manager: ["My WorkSpaces", "My requests", "Approvals", "Reports"],
  admin: ["My WorkSpaces", "My requests", "Approvals", "Reports", "Admin"],
};

test("an anonymous visitor is sent to sign-in and comes back afterwards", async ({ page }) => {
  await page.goto("/requests");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Frequests/);
  for (const label of Object.values(PEOPLE)) await expect(page.getByRole("button", { name: `Sign in as ${label}` })).toBeVisible();
  await page.getByRole("button", { name: `Sign in as ${PEOPLE.alice}` }).click();
  await expect(page).toHaveURL(/\/requests$/);
  await expect(page.getByRole("heading", { name: "My requests" })).toBeVisible();
});

for (const [who, nav, forbiddenPath] of [
  ["alice", NAV.employee, "/approvals"],
  ["dave", NAV.employee, "/admin"],
  ["erin", NAV.employee, "/approvals"],
  ["bob", NAV.manager, "/admin"],
  ["frank", NAV.manager, "/admin"],
  ["carol", NAV.admin, null],
] as const) {
  test(`${who} sees ${nav.join(", ")}${forbiddenPath ? ` and gets 403 on ${forbiddenPath}` : ""}`, async ({ page }, testInfo) => {
    await signInAs(page, who);
    const mainNav = page.getByRole("navigation", { name: "Main" });
    await expect(mainNav.getByRole("link")).toHaveText([...nav]);
    for (const label of nav) {
      await mainNav.getByRole("link", { name: label }).click();
      await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
    }
    if (forbiddenPath) {
      const response = await page.goto(forbiddenPath);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    }
    await page.screenshot({ path: testInfo.outputPath(`${who}.png`), fullPage: true });
  });
}

test("signing out ends the session", async ({ page }) => {
  await signInAs(page, "bob", "/approvals");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  const response = await page.goto("/approvals");
  expect(page.url()).toMatch(/\/signin\?callbackUrl=%2Fapprovals/);
  expect(response?.status()).toBe(200);
});

test("pages carry the security headers", async ({ request }) => {
  const response = await request.get("/signin");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("every page's scripts carry the nonce of its CSP, so the browser runs them", async ({ page }) => {
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  for (const path of ["/help", "/signin", "/no-such-page"]) {
    const response = await page.goto(path);
    const nonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce, path).toBeTruthy();
    const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).nonce));
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const scriptNonce of scripts) expect(scriptNonce, path).toBe(nonce);
  }
  expect(blocked).toEqual([]);
});

test("health tells anyone that the portal is up, and an admin the database and the AWS endpoint", async ({ page, request }) => {
  const anonymous = await request.get("/api/health");
  expect(anonymous.status()).toBe(200);
  expect(await anonymous.json()).toEqual({ status: "ok" });
  await signInAs(page, "carol");
  const response = await page.request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.database).toMatchObject({ status: "ok", kind: "pglite" });
  expect(body.aws).toMatchObject({
    mode: "sandbox",
    endpoints: { workspaces: `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? "4699"}` },
  });
});
