import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { expectPlainLanguage, RAW_ID_PATTERNS } from "./language-check";

test("the audit log reads as sentences with names linked, and each event opens on its before and after", async ({ page }) => {
  await signInAs(page, "carol", "/admin/users");
  await page.getByRole("region", { name: "Users" }).getByRole("link", { name: "Erin Wong" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/[^/]+$/);
  const erinPage = page.url();
  await page.getByLabel("Role").selectOption("MANAGER");
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.locator("main").getByRole("status")).toHaveText("Role saved.");

  await page.goto("/admin/audit?action=user.role_changed");
  const events = page.getByRole("region", { name: "Audit events" });
  const row = events.getByRole("row").filter({ hasText: "Carol Smith changed Erin Wong's role from Employee to Manager" }).first();
  await expect(row).toBeVisible();
  await expect(row.getByRole("link", { name: "Erin Wong" })).toHaveAttribute("href", new URL(erinPage).pathname);
  await expect(row.getByRole("link", { name: "Carol Smith" })).toHaveAttribute("href", /^\/admin\/users\//);

  // The diff is closed until asked for, then reads field by field in words.
  const diff = row.getByRole("table", { name: "What changed" });
  await expect(diff).toBeHidden();
  await row.getByText("Before and after (1 field)").click();
  await expect(diff).toBeVisible();
  await expect(diff.getByRole("row").nth(1)).toHaveText(/Role\s*was Employee\s*now Manager/);
  await expectPlainLanguage(page, { where: "audit log, a diff open" });

  // Put Erin back.
  await page.goto(erinPage);
  await page.getByLabel("Role").selectOption("EMPLOYEE");
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.locator("main").getByRole("status")).toHaveText("Role saved.");

  // The whole log: no link is named by a raw id, and nothing shows a code where a word belongs.
  await page.goto("/admin/audit");
  await expectPlainLanguage(page, { where: "audit log" });
  const linkTexts = await page.getByRole("region", { name: "Audit events" }).getByRole("link").allTextContents();
  expect(linkTexts.length).toBeGreaterThan(0);
  for (const text of linkTexts) for (const pattern of RAW_ID_PATTERNS) expect(text).not.toMatch(new RegExp(pattern.source));
});

test("a person's page lists their WorkSpaces by name with labels and the ids as secondary text", async ({ page }) => {
  await signInAs(page, "carol", "/admin/users");
  // The inventory syncs in the background after start-up: wait until Alice's WorkSpaces are known.
  await expect(async () => {
    await page.goto("/admin/users");
    await page.getByRole("region", { name: "Users" }).getByRole("link", { name: "Alice Nguyen" }).click();
    await expect(page.getByRole("region", { name: "WorkSpaces of Alice Nguyen" })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  const workspaces = page.getByRole("region", { name: "WorkSpaces of Alice Nguyen" });
  const first = workspaces.getByRole("row").nth(1);
  await expect(first.getByRole("link")).toHaveText(/^WSAMZN-|WorkSpace/);
  await expect(first.getByRole("link")).not.toHaveText(/ws-/);
  await expect(first.locator("[data-raw-id]").first()).toHaveText(/^ws-/);
  await expect(first).toContainText(/Ready|Stopped|Starting|Stopping|Restarting/);
  await expect(first).toContainText(/AutoStop|AlwaysOn|Manual/);
  await expectPlainLanguage(page, { where: "a person's page" });
});
