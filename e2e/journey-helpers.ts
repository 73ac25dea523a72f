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

/** Waits until the page has its heading and no loading placeholder is left in the main content. */
export async function settle(page: Page) {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.locator("main").getByText("Loading…", { exact: true })).toHaveCount(0);
}

/**
 * On a WorkSpace page: asks for the next larger compute type than the current one (which needs the manager's
 * approval) and submits; returns the new request's id. Works with a select or a radio group of compute types.
 */
export async function askForLargerCompute(page: Page, justification = "Builds are slow.") {
  await page.goto(`${page.url().split(/[?#]/)[0]}?action=computeType`);
  const select = page.getByLabel("Compute type", { exact: true });
  if ((await select.count()) && (await select.evaluate((el) => el.tagName === "SELECT"))) {
    const value = await select.evaluate((el) => {
      const options = [...(el as HTMLSelectElement).options];
      const current = options.findIndex((o) => o.disabled || /current/i.test(o.textContent ?? ""));
      return options.slice(current + 1).find((o) => !o.disabled)?.value ?? "";
    });
    await select.selectOption(value);
  } else {
    const radios = page.getByRole("radiogroup", { name: /Compute type/ }).getByRole("radio");
    const index = await radios.evaluateAll((nodes) => {
      const list = nodes as HTMLInputElement[];
      const current = list.findIndex((r) => r.checked || r.disabled);
      return list.findIndex((r, i) => i > current && !r.disabled);
    });
    await radios.nth(index).check();
  }
  await page.getByLabel("Justification").fill(justification);
  await expect(page.getByTestId("approval")).toHaveText(/Needs approval/);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Pending approval");
  return requestIdFrom(page);
}

/** As the requester (already signed in): cancels the request if it is still open, so later journeys find the WorkSpace free. */
export async function cancelOpenRequest(page: Page, requestId: string) {
  await page.goto(`/requests/${requestId}`);
  const cancel = page.getByRole("button", { name: "Cancel request" });
  if (!(await cancel.isVisible().catch(() => false))) return;
  await cancel.click();
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Cancelled");
}
