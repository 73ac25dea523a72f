import { expect, test, type Page } from "@playwright/test";
import { AD_PASSWORD } from "../test/identity/samba-ad.mjs";

// Sign-in with an Active Directory password against a real domain controller (Samba, started by
// scripts/e2e.mjs). Skipped only where Samba cannot run; CI installs it, and there these always run.

test.skip(!process.env.AUTH_LDAP_URL, `no Active Directory server: ${process.env.E2E_LDAP_SKIPPED ?? "AUTH_LDAP_URL is not set"}`);

async function signInWithDirectory(page: Page, userName: string, password: string, path = "/") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  const form = page.getByRole("region", { name: "Corp Active Directory" });
  await form.getByLabel("User name").fill(userName);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in with Corp Active Directory" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

test("a wrong password is refused with a plain message that does not say whether the user exists", async ({ page }) => {
  await signInWithDirectory(page, "alan", "Not-his-Passw0rd!");
  await expect(page.getByText("That user name and password do not match.")).toBeVisible();
  await signInWithDirectory(page, "no-such-person", "Not-his-Passw0rd!");
  await expect(page.getByText("That user name and password do not match.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});

test("a disabled account is refused", async ({ page }) => {
  await signInWithDirectory(page, "dora", AD_PASSWORD);
  await expect(page.getByText("This account is disabled. Ask the service desk.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});

test("membership of a group nested in the manager group gives the manager role", async ({ page }) => {
  await signInWithDirectory(page, "max", AD_PASSWORD, "/approvals");
  await expect(page).toHaveURL(/\/approvals$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals" })).toBeVisible();
  expect((await page.goto("/approvals"))?.status()).toBe(200);
});

test("the manager attribute routes a request to that manager", async ({ page }) => {
  await signInWithDirectory(page, "ada", AD_PASSWORD, "/workspaces/new");
  await expect(page).toHaveURL(/\/workspaces\/new$/);
  await expect(page.getByTestId("approval")).toHaveText(/Needs approval from your manager/);
  await page.getByLabel("Justification").fill("My first WorkSpace.");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Pending approval");
  await signOut(page);

  // Grace has never signed in: the portal created her from Ada's manager attribute, so the request waited for her.
  await signInWithDirectory(page, "grace", AD_PASSWORD, "/approvals");
  await expect(page).toHaveURL(/\/approvals$/);
  await expect(page.getByRole("listitem").filter({ hasText: "Ada Lovelace" })).toBeVisible();
});
