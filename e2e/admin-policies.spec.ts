import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";
import { expectFocusOnFirstInvalid, expectPlainLanguage } from "./language-check";

const computeRule = (page: Page) => page.getByRole("group", { name: "Compute type changes" });
const summary = (page: Page) => page.getByTestId("policy-summary");

/** No serious or critical axe-core violation on the page as it is now (a catalog open, an error shown). */
async function expectAccessible(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
  expect(blocking, `${where}: serious or critical accessibility violations`).toEqual([]);
}

test("an admin reads the policy as rules, makes a three-way choice, picks bundles by name, and is warned before losing edits", async ({
  page,
}, testInfo) => {
  await signInAs(page, "carol", "/admin/policies");
  await expect(page.getByRole("heading", { name: "The rules in sentences" })).toBeVisible();
  await expect(summary(page)).toContainText("Any change that adds to the monthly cost needs the manager");
  await expectPlainLanguage(page);
  await page.screenshot({ path: testInfo.outputPath("policies.png"), fullPage: true });

  // One three-way choice per change type; the summary follows it before it is saved.
  await expect(computeRule(page).getByRole("radio")).toHaveCount(3);
  const original = await computeRule(page).getByRole("radio", { checked: true }).getAttribute("value");
  await computeRule(page)
    .getByRole("radio", { name: /^Manager \+ admin/ })
    .check();
  await expect(summary(page)).toContainText("Compute type changes always need the manager and an admin.");
  await expect(page.getByText("Includes changes you have not saved yet.")).toBeVisible();

  // Leaving with unsaved edits asks first; Cancel keeps the page and the edit.
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Prices" }).click();
  await expect.poll(() => asked).toContain("unsaved changes");
  await expect(page).toHaveURL(/\/admin\/policies$/);
  await expect(computeRule(page).getByRole("radio", { name: /^Manager \+ admin/ })).toBeChecked();

  // Pickers list bundles and directories by name; ids only as secondary text.
  const employee = page.locator("details").filter({ hasText: "Employee" }).first();
  await employee.locator("summary").click();
  const directories = employee.getByRole("group", { name: /^Directories for Employee/ });
  await expect(directories.getByRole("checkbox").first()).toBeVisible();
  await expect(directories).toContainText("corp.example.com");
  const bundles = employee.getByRole("group", { name: /^Bundles for Employee/ });
  await bundles.getByLabel(/Find a bundle/).fill("BYOL-Power");
  const byol = bundles.getByRole("checkbox", { name: /BYOL-Power-Win11/ }).first();
  await expect(byol).not.toBeChecked();
  await byol.check();
  await expect(bundles.getByRole("checkbox", { name: /BYOL-Power-Win11/ }).first()).toBeChecked();
  await expectPlainLanguage(page, { where: "policies with a catalog open" });
  await expectAccessible(page, "policies with a catalog open");
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), "no sideways scroll at 375 px").toBeLessThanOrEqual(375);
  await page.screenshot({ path: testInfo.outputPath("policies-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.locator("main").getByRole("status")).toContainText("Policy saved");
  await expect(page.getByText("Includes changes you have not saved yet.")).toBeHidden();

  // Saved: the choice and the pick are there after a reload, and leaving no longer asks.
  await page.reload();
  await expect(computeRule(page).getByRole("radio", { name: /^Manager \+ admin/ })).toBeChecked();
  await expect(summary(page)).toContainText("Compute type changes always need the manager and an admin.");
  const employeeAgain = page.locator("details").filter({ hasText: "Employee" }).first();
  await employeeAgain.locator("summary").click();
  const bundlesAgain = employeeAgain.getByRole("group", { name: /^Bundles for Employee/ });
  await bundlesAgain.getByLabel(/Find a bundle/).fill("BYOL-Power");
  await expect(bundlesAgain.getByRole("checkbox", { name: /BYOL-Power-Win11/ }).first()).toBeChecked();

  // Put the policy back: the journeys that run after this one expect the demo policy.
  await bundlesAgain
    .getByRole("checkbox", { name: /BYOL-Power-Win11/ })
    .first()
    .uncheck();
  await computeRule(page).locator(`input[value="${original}"]`).check();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.locator("main").getByRole("status")).toContainText("Policy saved");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Prices" }).click();
  await expect(page).toHaveURL(/\/admin\/prices$/);
});

test("a bad amount is refused beside its field with focus on it, and reloading asks before dropping the edit", async ({ page }) => {
  await signInAs(page, "carol", "/admin/policies");
  const manager = page.getByLabel("Manager approves above");
  const before = await manager.inputValue();
  await manager.fill("a lot");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.locator("main").getByRole("alert").first()).toContainText("Manager approves above");
  await expectFocusOnFirstInvalid(page);
  await expect(manager).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "policies after a failed save");

  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(dialogs).toEqual(["beforeunload"]);
  await expect(page.getByLabel("Manager approves above")).toHaveValue(before);
});

test("prices and the optimizer read in words, and the optimizer settings warn before unsaved edits are lost", async ({ page }) => {
  await signInAs(page, "carol", "/admin/prices");
  const compute = page.getByRole("region", { name: "Compute prices" });
  await expect(compute).toContainText("Graphics.g4dn");
  await expect(compute).toContainText("AutoStop");
  await expectPlainLanguage(page);
  await expectAccessible(page, "prices");

  await page.goto("/admin/optimizer");
  await expectPlainLanguage(page);
  const lastDays = page.getByLabel(/Recommend AlwaysOn → AutoStop/);
  await lastDays.fill("3");
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Policies" }).click();
  await expect.poll(() => asked).toContain("unsaved changes");
  await expect(page).toHaveURL(/\/admin\/optimizer/);
});
