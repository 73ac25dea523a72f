import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { signOut } from "./journey-helpers";

test("an admin names an offered custom bundle for the catalog and employees see it under that name", async ({ page }) => {
  await signInAs(page, "carol", "/admin/bundles");
  const row = page.getByRole("row").filter({ hasText: "Corp-Standard-Win10" }).filter({ hasText: "us-east-1" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Custom");

  // A display name is required; an empty one is refused beside the control and nothing is stored.
  await row.getByLabel("Display name for Corp-Standard-Win10").fill(" ");
  await row.getByRole("button", { name: "Save display" }).click();
  await expect(row.getByRole("alert")).toContainText("display name");

  await row.getByLabel("Display name for Corp-Standard-Win10").fill("Corporate desktop");
  await row.getByLabel("Description for Corp-Standard-Win10").fill("Our standard Windows image with Office and the VPN client.");
  await row.getByRole("button", { name: "Save display" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved.");

  await page.goto("/admin/audit?action=bundle.");
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText("bundle.display");

  // Wait until signed out: signing in while the old session is still there lands back in it.
  await signOut(page);
  await signInAs(page, "alice", "/workspaces/new");
  const directory = page.getByLabel("Directory");
  const usEast = await directory.locator("option", { hasText: "corp.example.com — us-east-1" }).getAttribute("value");
  await directory.selectOption(usEast!);
  const bundles = page.getByRole("radiogroup", { name: "Bundle" });
  await expect(bundles.getByRole("radio", { name: "Corporate desktop" })).toHaveCount(1);
  await expect(bundles).toContainText("Our standard Windows image with Office and the VPN client.");
  await expect(bundles.getByRole("radio", { name: "Corp-Standard-Win10" })).toHaveCount(0);
});
