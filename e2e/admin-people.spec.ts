import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

test("an admin changes a role, cannot remove the last admin, and edits the policy; the audit log shows both", async ({ page }) => {
  await signInAs(page, "carol", "/admin/users");
  const users = page.getByRole("region", { name: "Users" });
  await users.getByRole("button", { name: /^Name/ }).click();
  await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");
  await users.getByRole("link", { name: "Erin Wong" }).click();
  await page.getByLabel("Role").selectOption("MANAGER");
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.locator("main").getByRole("status")).toHaveText("Role saved.");
  await expect(page.getByRole("heading", { name: "WorkSpaces" })).toBeVisible();

  await page.goto("/admin/users");
  await page.getByRole("region", { name: "Users" }).getByRole("link", { name: "Carol Smith" }).click();
  await page.getByLabel("Role").selectOption("EMPLOYEE");
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("last admin");

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Policies" }).click();
  // The policy form asks before a reload drops an edit it refused; go on.
  page.on("dialog", (dialog) => void dialog.accept());
  const adminThreshold = page.getByLabel("Manager and an admin approve above");
  const originalThreshold = await adminThreshold.inputValue();
  await adminThreshold.fill("150");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.locator("main").getByRole("status")).toContainText("Policy saved");
  await page.getByLabel("Manager approves above").fill("200");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("admin threshold must not be below");
  await page.reload();
  await expect(page.getByLabel("Manager and an admin approve above")).toHaveValue("150");

  await page.goto("/admin/audit?action=policy.");
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText("policy.updated");
  const csv = await page.request.get("/api/admin/audit/export?action=user.");
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("user.role_changed");

  // The employee and manager journeys run on the same server afterwards: put Erin and the policy back.
  await page.goto("/admin/policies");
  await page.getByLabel("Manager and an admin approve above").fill(originalThreshold);
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.locator("main").getByRole("status")).toContainText("Policy saved");
  await page.goto("/admin/users");
  await page.getByRole("region", { name: "Users" }).getByRole("link", { name: "Erin Wong" }).click();
  await page.getByLabel("Role").selectOption("EMPLOYEE");
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.locator("main").getByRole("status")).toHaveText("Role saved.");
});
