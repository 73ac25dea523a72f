import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { expectFocusOnFirstInvalid, expectPlainLanguage } from "./language-check";
import { sandboxControl } from "./sandbox-control";

const JOURNEY =
  "an admin images a WorkSpace from the fleet, sees the image become available, and reads why an image a bundle uses cannot be deleted";

test(JOURNEY, async ({ page }, info) => {
  test.setTimeout(180_000);
  await signInAs(page, "carol", "/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Images" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Images" })).toBeVisible();
  const table = page.getByRole("region", { name: "Images" });
  await expect(table.getByRole("row").filter({ hasText: "corp-win10-2025" }).first()).toContainText("Corp-Standard-Win10");
  await expect(table.getByRole("row").filter({ hasText: "partner-tools" }).first()).toContainText("Shared by account");
  await expectPlainLanguage(page, { where: "image list" });

  // Find Bob's WorkSpace from the images page, then come back to the form from its fleet page.
  await page.getByRole("link", { name: "Create image from a WorkSpace" }).click();
  const search = page.getByRole("search", { name: "Find a WorkSpace" });
  await search.getByLabel("Find the WorkSpace").fill("bob");
  await search.getByRole("button", { name: "Search" }).click();
  const match = page.getByRole("list", { name: "Matching WorkSpaces" }).getByRole("listitem").filter({ hasText: "us-east-1" }).first();
  await match.getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Before AWS makes the image" })).toBeVisible();
  const wsLink = page.getByRole("region", { name: "WorkSpace" }).getByRole("link").first();
  const workspaceHref = await wsLink.getAttribute("href");
  expect(workspaceHref).toMatch(/^\/admin\/fleet\/ws-/);
  await page.goto(workspaceHref!);
  await page.getByRole("link", { name: "Create image from this WorkSpace" }).click();
  await expect(page).toHaveURL(/\/admin\/images\/new\?workspace=ws-/);

  // Each precondition is listed and explained; this one passes them all.
  const checks = page.locator("[data-check]");
  await expect(checks).toHaveCount(4);
  await expect(page.locator('[data-check="available"]')).toContainText("The WorkSpace is available: yes.");
  await expect(page.locator('[data-check="unencrypted"]')).toContainText("Its volumes are not encrypted: yes.");
  await expect(page.getByText("AWS can image this WorkSpace.")).toBeVisible();
  await expectPlainLanguage(page, { where: "create image form" });
  await page.screenshot({ path: info.outputPath("images-new.png"), fullPage: true });

  // A name with spaces is refused beside the field, which takes focus.
  await page.getByLabel("Image name").fill("golden with spaces");
  await page.getByLabel("Description").fill("Golden image for the journey");
  await page.getByRole("button", { name: "Create image" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("Image name");
  await expectFocusOnFirstInvalid(page);

  const name = `golden-e2e-${Date.now().toString(36)}`;
  await page.getByLabel("Image name").fill(name);
  await page.getByRole("button", { name: "Create image" }).click();
  await expect(page).toHaveURL(/\/admin\/images\/wsi-[0-9a-z]+\?region=us-east-1&created=1/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Being made", { exact: true })).toBeVisible();
  await expect(page.locator("main [data-raw-id]").first()).toContainText(/^wsi-/);
  await page.screenshot({ path: info.outputPath("images-pending.png"), fullPage: true });

  // AWS finishes the image; the page follows it without a reload.
  expect((await sandboxControl("/__sandbox/clock", { method: "POST", body: JSON.stringify({ advanceMinutes: 46 }) })).status).toBe(200);
  await expect(page.getByText("Available", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Being made", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /WSAMZN-|WorkSpace/ }).first()).toBeVisible();
  await page.screenshot({ path: info.outputPath("images-available.png"), fullPage: true });

  // An image that bundles use: the page says why it cannot be deleted, and trying reads the refusal beside the button.
  await page.goto("/admin/images");
  await table
    .getByRole("row")
    .filter({ hasText: "corp-win10-2025" })
    .filter({ hasText: "us-east-1" })
    .getByRole("link", { name: "corp-win10-2025" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "corp-win10-2025" })).toBeVisible();
  const del = page.getByRole("region", { name: "Delete" });
  await expect(del).toContainText("Corp-Performance-Win10, Corp-Standard-Win10 still use this image");
  await del.getByRole("button", { name: "Delete image" }).click();
  await del.getByRole("button", { name: "Yes, delete corp-win10-2025" }).click();
  const refusal = del.getByRole("alert");
  await expect(refusal).toContainText("The bundles Corp-Performance-Win10, Corp-Standard-Win10 still use this image.");
  await expectPlainLanguage(page, { where: "image page" });
  await page.screenshot({ path: info.outputPath("images-delete-refused.png"), fullPage: true });

  // The audit log tells the image's making in a sentence.
  await page.goto("/admin/audit?action=image.");
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText(`made the image ${name}`);
});
