import { expect, type Page } from "@playwright/test";
import { sandboxControl } from "./sandbox-control";

export const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? "4699"}`;

/** Moves the sandbox's clock so AWS-side transitions (provisioning, reboots, resizes) finish quickly. */
export async function advanceSandbox(minutes: number) {
  await sandboxControl("/__sandbox/clock", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceMinutes: minutes }),
  });
}

/** Reloads the page (advancing the sandbox each time) until the text shows. */
export async function waitForText(
  page: Page,
  text: string | RegExp,
  { timeoutMs = 90_000, advanceMinutes = 0, within = page.locator("main") } = {},
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (advanceMinutes) await advanceSandbox(advanceMinutes);
    if (
      await within
        .getByText(text)
        .first()
        .isVisible()
        .catch(() => false)
    )
      return;
    if (Date.now() > deadline) break;
    await page.waitForTimeout(2000);
    await page.reload();
  }
  await expect(within.getByText(text).first()).toBeVisible({ timeout: 1000 });
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

/** The first WorkSpace card's link on My WorkSpaces. */
export async function openMyWorkspace(page: Page) {
  await page.goto("/");
  await page.getByRole("link", { name: "Details and actions" }).first().click();
  await expect(page.getByRole("heading", { name: "Actions" })).toBeVisible();
  return page.url().split("/workspaces/")[1]!.split(/[?#]/)[0]!;
}

export function requestIdFrom(page: Page): string {
  return page.url().split("/requests/")[1]!.split(/[?#]/)[0]!;
}
