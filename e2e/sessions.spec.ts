import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import { PEOPLE, signInAs } from "./helpers";
import { openMyWorkspace, signOut } from "./journey-helpers";

test("a session cookie copied before sign-out opens nothing afterwards, and signing in again works", async ({ page, context }) => {
  await signInAs(page, "dave");
  const copied = await context.cookies();
  await signOut(page);

  await context.addCookies(copied);
  await page.goto("/requests");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Frequests$/);

  await page.getByRole("button", { name: `Sign in as ${PEOPLE.dave}` }).click();
  await expect(page).toHaveURL(/\/requests$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("an admin signs a person out everywhere", async ({ browser, page }) => {
  const davesBrowser = await browser.newContext();
  const dave = await davesBrowser.newPage();
  await signInAs(dave, "dave");

  await signInAs(page, "carol", "/admin/users");
  await page.getByRole("region", { name: "Users" }).getByRole("link", { name: "Dave Patel" }).click();
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.getByRole("button", { name: "Yes, sign them out" }).click();
  await expect(page.getByText("Dave Patel is signed out everywhere and must sign in again.")).toBeVisible();

  await dave.goto("/");
  await expect(dave).toHaveURL(/\/signin/);
  // The admin's own session goes on.
  await page.goto("/admin/users");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await davesBrowser.close();
});

test("an old sign-in must sign in again to change a password, and comes back to the form", async ({ page, context }) => {
  await signInAs(page, "carol");
  const workspaceId = await openMyWorkspace(page);
  const passwordPage = `/workspaces/${workspaceId}/password`;

  // The same session as if Carol had signed in 11 minutes ago, sealed with the e2e server's own secret.
  const secret = readFileSync(path.join(process.env.E2E_DATA_DIR ?? ".data/e2e", "auth-secret"), "utf8").trim();
  const session = (await context.cookies()).find((c) => c.name === "authjs.session-token")!;
  const claims = (await decode({ token: session.value, secret, salt: session.name }))!;
  const aged = { ...claims, signedInAt: (claims.signedInAt as number) - 11 * 60 };
  await context.addCookies([{ ...session, value: await encode({ token: aged, secret, salt: session.name }) }]);

  await page.goto(passwordPage);
  await expect(page.getByText("Sign in again to change your password")).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign in again" }).click();
  await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(passwordPage)}`);
  await page.getByRole("button", { name: `Sign in as ${PEOPLE.carol}` }).click();
  await expect(page).toHaveURL(passwordPage);
  await expect(page.getByLabel("New password", { exact: true })).toBeVisible();
});
