import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { signOut } from "./journey-helpers";
import { expectFocusOnFirstInvalid, expectPlainLanguage } from "./language-check";

test("an admin finds a bundle by search and filters, names it for the catalog on its own page, and employees see that name", async ({
  page,
}) => {
  await signInAs(page, "carol", "/admin/bundles");
  const table = page.getByRole("region", { name: "Bundles" });
  await expect(table.getByRole("row")).not.toHaveCount(1);
  await expectPlainLanguage(page, { where: "bundle list" });

  // Search and filters go in the URL and narrow the list.
  const filters = page.getByRole("search", { name: "Filter bundles" });
  await filters.getByLabel("Search").fill("Corp-Standard");
  await filters.getByLabel("Owner").selectOption("CUSTOM");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=Corp-Standard/);
  await expect(page).toHaveURL(/owner=CUSTOM/);
  const rows = table.getByRole("row").filter({ hasText: "Corp-Standard-Win10" });
  await expect(rows.first()).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount((await rows.count()) + 1);
  await expect(rows.first()).toContainText("Custom");
  await expect(rows.first()).toContainText("Standard");
  await expect(rows.first()).not.toContainText("STANDARD");

  await filters.getByLabel("Operating system").selectOption("LINUX");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/os=LINUX/);
  await expect(table).toContainText("No bundle matches these filters.");

  // Compute type and protocol filters read as labels.
  await page.goto("/admin/bundles?compute=PERFORMANCE");
  await expect(page.getByLabel("Compute type")).toHaveValue("PERFORMANCE");
  await expect(page.getByLabel("Compute type").locator("option:checked")).toHaveText("Performance");
  for (const cell of await table.getByRole("row").locator("td:nth-child(4)").allTextContents()) expect(cell).toBe("Performance");

  // The bundle's own page: the name is the link, the id secondary.
  await page.goto("/admin/bundles?q=Corp-Standard-Win10&region=us-east-1");
  const link = table.getByRole("link", { name: "Corp-Standard-Win10" });
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: "Corp-Standard-Win10" })).toBeVisible();
  await expect(page.locator("main [data-raw-id]").first()).toContainText(/^wsb-/);
  await expectPlainLanguage(page, { where: "bundle page" });

  // A display name is required: the summary names the field, which is outlined and takes focus.
  await page.getByLabel("Display name").fill(" ");
  await page.getByRole("button", { name: "Save catalog name" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("Display name");
  await expectFocusOnFirstInvalid(page);

  await page.getByLabel("Display name").fill("Corporate desktop");
  await page.getByLabel("Description").fill("Our standard Windows image with Office and the VPN client.");
  await page.getByRole("button", { name: "Save catalog name" }).click();
  await expect(page.locator("main").getByRole("status")).toHaveText("Saved.");

  // The audit log says it in a sentence, with the bundle's name linked to its page.
  await page.goto("/admin/audit?action=bundle.display");
  const events = page.getByRole("region", { name: "Audit events" });
  await expect(events).toContainText("Carol Smith named the bundle Corp-Standard-Win10 “Corporate desktop” in the catalog");
  await expect(events.getByRole("link", { name: "Corp-Standard-Win10" }).first()).toHaveAttribute("href", /^\/admin\/bundles\/wsb-/);

  // Wait until signed out: signing in while the old session is still there lands back in it.
  await signOut(page);
  await signInAs(page, "alice", "/workspaces/new");
  const directory = page.getByLabel("Directory");
  const usEast = await directory.locator("option", { hasText: "corp.example.com — us-east-1" }).getAttribute("value");
  await directory.selectOption(usEast!);
  const bundles = page.getByRole("radiogroup", { name: "Bundle" });
  await expect(bundles.getByRole("radio", { name: /Corporate desktop/ })).toHaveCount(1);
  await expect(bundles).toContainText("Our standard Windows image with Office and the VPN client.");
  await expect(bundles.getByRole("radio", { name: /Corp-Standard-Win10/ })).toHaveCount(0);
});

test("an admin creates a custom bundle and deletes it only after confirming", async ({ page }) => {
  await signInAs(page, "carol", "/admin/bundles");
  await page.getByRole("link", { name: "New custom bundle" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New custom bundle" })).toBeVisible();

  // Nothing filled in: the summary names the fields and focus goes to the first.
  await page.getByRole("button", { name: "Create bundle" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("Bundle name");
  await expectFocusOnFirstInvalid(page);

  // AWS allows no spaces in a bundle's name: the form says so before asking AWS.
  await page.getByLabel("Bundle name").fill("Temp bundle");
  await page.getByRole("button", { name: "Create bundle" }).click();
  await expect(page.getByText("without spaces").last()).toBeVisible();
  await expectFocusOnFirstInvalid(page);
  const name = `Temp-bundle-${Date.now().toString(36)}`;
  await page.getByLabel("Bundle name").fill(name);
  await page.getByLabel("Bundle description").fill("Made to be deleted.");
  await page.getByLabel("Compute type").selectOption("PERFORMANCE");
  await page.getByRole("button", { name: "Create bundle" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.locator("main")).toContainText("Performance");

  // Delete asks first; Cancel keeps the bundle.
  await page.getByRole("button", { name: "Delete bundle" }).click();
  const confirm = page.getByRole("group", { name: "Confirm" });
  await expect(confirm).toContainText(`Delete ${name}? This cannot be undone.`);
  await expect(confirm.getByRole("button", { name: `Yes, delete ${name}` })).toBeFocused();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  await page.getByRole("button", { name: "Delete bundle" }).click();
  await page.getByRole("button", { name: `Yes, delete ${name}` }).click();
  await expect(page).toHaveURL(/\/admin\/bundles\?deleted=/);
  await expect(page.locator("main").getByRole("status")).toContainText(`Deleted the bundle ${name}`);
  await page.goto(`/admin/bundles?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("region", { name: "Bundles" })).toContainText("No bundle matches these filters.");

  await page.goto("/admin/audit?action=bundle.deleted");
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText(`Carol Smith deleted the custom bundle ${name}`);
});

for (const width of [1280, 375]) {
  test(`the bundle list is not clipped and the page does not scroll sideways at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signInAs(page, "carol", "/admin/bundles");
    const table = page.getByRole("region", { name: "Bundles" });
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(width);
    if (width >= 1280) {
      // Every column fits: nothing is cut off at the right edge.
      const { scroll, client } = await table.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(scroll).toBeLessThanOrEqual(client + 1);
    }
    // The last column can be reached: scrolled into view it is inside the table's box.
    const lastHeader = table.getByRole("columnheader").last();
    await lastHeader.scrollIntoViewIfNeeded();
    const [box, cell] = await Promise.all([table.boundingBox(), lastHeader.boundingBox()]);
    expect(cell!.x + cell!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
  });
}
