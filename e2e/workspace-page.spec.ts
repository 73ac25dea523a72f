import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";
import { askForLargerCompute, cancelOpenRequest, openMyWorkspace, settle, signOut } from "./journey-helpers";
import { expectFocusOnFirstInvalid, expectPlainLanguage, expectSingleBanner } from "./language-check";

// The employee's WorkSpace page: the compute form starts on the current type with upgrades and downgrades
// priced against now, a failed submit puts focus on the first invalid field, and a pending request shows as one
// banner while a restart stays available.

/** As the signed-in person: withdraws whatever they still have waiting, so the WorkSpace is free (reruns, earlier specs). */
async function cancelWaitingRequests(page: Page) {
  await page.goto("/requests");
  await settle(page);
  const hrefs = await page
    .locator('main a[href^="/requests/"]')
    .evaluateAll((links) => [...new Set(links.map((a) => (a as HTMLAnchorElement).getAttribute("href")!.split(/[?#]/)[0]!))]);
  for (const href of hrefs) await cancelOpenRequest(page, href.split("/requests/")[1]!);
}

test("Alice's compute form starts on her current type; a pending change is one banner and a restart stays available", async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  await signInAs(page, "alice");
  await cancelWaitingRequests(page);
  const workspaceId = await openMyWorkspace(page);

  // The compute form: the current type selected and marked, the others grouped with size and monthly difference.
  await page.goto(`/workspaces/${workspaceId}?action=computeType`);
  await settle(page);
  const select = page.getByLabel("Compute type", { exact: true });
  const current = await select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? "");
  expect(current).toMatch(/ — \d+ vCPU, \d+ GiB memory, current$/);
  await expect(select.locator("optgroup")).not.toHaveCount(0);
  const groups = await select.locator("optgroup").evaluateAll((list) => list.map((g) => (g as HTMLOptGroupElement).label));
  expect(groups.every((label) => label === "Upgrades" || label === "Downgrades")).toBe(true);
  await expect(select.locator('optgroup[label="Upgrades"] option').first()).toHaveText(/ — \d+ vCPU, \d+ GiB memory, \+\$[\d,.]+ a month$/);
  await expectPlainLanguage(page, { where: "compute form" });

  // Submitting the current type without a reason: the portal's own messages, focus on the first invalid field.
  await page.getByRole("button", { name: "Submit request" }).click();
  await expectFocusOnFirstInvalid(page);
  await expect(select).toBeFocused();
  await expect(select).toHaveAttribute("aria-invalid", "true");
  await expect(select).toHaveAccessibleDescription(/Choose a compute type other than the current one\./);
  const summary = page.getByRole("alert").filter({ hasText: "some fields need attention" });
  await expect(summary.getByRole("link", { name: "Compute type" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Justification" })).toBeVisible();
  await page.screenshot({ path: info.outputPath("alice-compute-invalid.png"), fullPage: true });

  // A larger type waits for Erin's manager: the WorkSpace page then has one banner for it.
  const requestId = await askForLargerCompute(page, "Month-end close needs more power.");
  await page.goto(`/workspaces/${workspaceId}`);
  await settle(page);
  await expectSingleBanner(page);
  const banner = page.getByTestId("pending-banner");
  await expect(banner).toContainText(/Change to \S+ — waiting for \S+/);
  await expect(banner.getByRole("link", { name: /View/ })).toHaveAttribute("href", `/requests/${requestId}`);
  await expect(banner.getByRole("button", { name: "Cancel request" })).toBeVisible();
  await expectPlainLanguage(page, { where: "WorkSpace page with a pending request" });

  // What conflicts with it is quietly disabled; a restart does not conflict and stays available.
  const actions = page.getByRole("region", { name: "Actions" });
  await expect(actions.getByRole("link", { name: "Reboot" })).toBeVisible();
  const compute = actions.getByRole("button", { name: "Change compute type" });
  await expect(compute).toBeDisabled();
  await expect(compute).toHaveAccessibleDescription("Waits for the open request above.");
  await expect(page.getByText(/already has a request in progress/)).toHaveCount(0);
  await page.screenshot({ path: info.outputPath("alice-workspace-pending.png"), fullPage: true });

  // On a phone the banner wraps instead of scrolling sideways.
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(banner).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: info.outputPath("alice-workspace-pending-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // Cancelling from the banner frees the WorkSpace.
  await banner.getByRole("button", { name: "Cancel request" }).click();
  await banner.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.getByTestId("pending-banner")).toHaveCount(0);
  await expect(actions.getByRole("link", { name: "Change compute type" })).toBeVisible();
  await cancelOpenRequest(page, requestId);
  await signOut(page);
});

test("Alice's AD Connector WorkSpace leads to her organisation's instructions instead of a reset form", async ({ page }) => {
  await signInAs(page, "alice");
  const workspaceId = await openMyWorkspace(page);
  await page.getByRole("link", { name: "How to reset your password" }).click();
  await expect(page).toHaveURL(new RegExp(`/workspaces/${workspaceId}/password$`));
  await expect(page.getByRole("heading", { name: "How to reset your password", level: 1 })).toBeVisible();
  await expect(page.getByText("Ask the IT service desk to reset your password")).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
  await signOut(page);
});
