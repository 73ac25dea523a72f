import { expect, test, type Page } from "@playwright/test";
import { E2E_OIDC_ISSUER } from "../playwright.config";
import { OIDC_PASSWORD } from "../test/identity/oidc-provider.mjs";

// Sign-in through a real OpenID Provider (test/identity/oidc-provider.mjs, started by playwright.config.ts):
// its login page, the authorization code flow with PKCE, state and nonce, and roles from its groups.

async function signInWithSso(page: Page, login: string, path = "/") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByRole("button", { name: "Sign in with Corp SSO" }).click();
  await expect(page).toHaveURL(new RegExp(`^${E2E_OIDC_ISSUER}/interaction/`));
  await page.getByLabel("Username").fill(login);
  await page.getByLabel("Password").fill(OIDC_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function setGroups(login: string, groups: string[]) {
  const res = await fetch(`${E2E_OIDC_ISSUER}/__test/people/${login}`, { method: "POST", body: JSON.stringify({ groups }) });
  expect(res.status).toBe(204);
}

// The browser's first request to the provider, which carries the state and the nonce the portal chose.
const AUTHORIZATION_REQUEST = new RegExp(`^${E2E_OIDC_ISSUER.replace(/\./g, "\\.")}/auth\\?`);

const adminLink = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" });

test("the sign-in page shows a button for the identity provider", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: "Sign in with Corp SSO" })).toBeVisible();
  await page.screenshot({ path: "test-results/signin-page.png", fullPage: true });
});

test("an admin group member gets the Admin area", async ({ page }) => {
  await signInWithSso(page, "priya", "/admin");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(adminLink(page)).toBeVisible();
  expect((await page.goto("/admin/users"))?.status()).toBe(200);
  // Who is who: the role, the group it came from and the method.
  const row = page.getByRole("row", { name: /Priya Raman/ });
  await expect(row).toContainText("Admin");
  await expect(row).toContainText("from group Portal-Admins in Corp SSO · last sign-in");
  // Her page shows the role and its source, and offers no way to change it.
  await row.getByRole("link", { name: "Priya Raman" }).click();
  await expect(page.getByText("From group Portal-Admins in Corp SSO")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save role" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save manager" })).toBeVisible();
});

test("a plain employee does not get the Admin area", async ({ page }) => {
  await signInWithSso(page, "emil");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(adminLink(page)).toHaveCount(0);
  expect((await page.goto("/admin"))?.status()).toBe(403);
  expect((await page.goto("/approvals"))?.status()).toBe(403);
});

test("removing someone from the manager group takes effect on their next request", async ({ browser }) => {
  await setGroups("mia", ["Portal-Managers"]);
  const first = await browser.newContext();
  const page = await first.newPage();
  await signInWithSso(page, "mia", "/approvals");
  await expect(page).toHaveURL(/\/approvals$/);
  expect((await page.goto("/approvals"))?.status()).toBe(200);

  await setGroups("mia", ["Everyone"]);
  // Mia signs in again elsewhere: the portal learns her groups, and her role changes everywhere at once.
  const second = await browser.newContext();
  const other = await second.newPage();
  await signInWithSso(other, "mia");
  await expect(other.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect((await other.goto("/approvals"))?.status()).toBe(403);

  // The first browser's very next request: its session was ended, so no manager page is served to it.
  await page.goto("/approvals");
  await expect(page).toHaveURL(/\/signin/);
  await Promise.all([first.close(), second.close()]);
  await setGroups("mia", ["Portal-Managers"]);
});

test("a tampered state is refused", async ({ page }) => {
  // The provider sends back whatever state it was given; it no longer matches the portal's state cookie.
  await page.route(AUTHORIZATION_REQUEST, (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set("state", `${url.searchParams.get("state")}x`);
    return route.continue({ url: url.toString() });
  });
  await signInWithSso(page, "priya");
  await expect(page).toHaveURL(/\/signin\?error=/);
  await expect(page.getByText("the answer from the identity provider did not check out")).toBeVisible();
  expect((await page.goto("/admin"))?.url()).toMatch(/\/signin/);
});

test("a tampered nonce is refused", async ({ page }) => {
  // The provider puts the nonce it was sent into the ID token; it no longer matches the portal's cookie.
  await page.route(AUTHORIZATION_REQUEST, (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set("nonce", "attacker-chosen-nonce");
    return route.continue({ url: url.toString() });
  });
  await signInWithSso(page, "priya");
  await expect(page).toHaveURL(/\/signin\?error=/);
  await expect(page.getByText("the answer from the identity provider did not check out")).toBeVisible();
  expect((await page.goto("/admin"))?.url()).toMatch(/\/signin/);
});
