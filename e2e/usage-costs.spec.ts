import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";
import { openMyWorkspace, signOut, waitForText } from "./journey-helpers";

// Usage and cost intelligence, as its three people meet it. Runs after the other journeys (file order):
// it changes the demo people's running modes and usage profiles, which earlier specs rely on.
test.describe.configure({ mode: "serial" });

const shot = (page: Page, name: string, info: { outputPath: (...p: string[]) => string }) =>
  page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });

test("Erin keeps the WorkSpace she never used, which was going to be reclaimed", async ({ page }, testInfo) => {
  await signInAs(page, "erin");
  await openMyWorkspace(page);
  // The daily reclaim run warns about WorkSpaces idle for 60 days; Erin's was set up 75 days ago and never used.
  await waitForText(page, /will be reclaimed on \d{4}-\d\d-\d\d unless you keep it/);
  await expect(page.getByText(/Never used since it was set up on/)).toBeVisible();
  await shot(page, "erin-reclaim-warning", testInfo);
  const why = page.getByLabel("Why do you still need it?");
  await why.fill("Soon");
  await page.getByRole("button", { name: "Keep it" }).click();
  await expect(why).toHaveAccessibleDescription(/at least 10 characters/i);
  await expect(why).toBeFocused();
  await why.fill("I start the year-end audit on it next week.");
  await page.getByRole("button", { name: "Keep it" }).click();
  await expect(page.getByText(/^Kept on \d{4}-\d\d-\d\d: it will not be reclaimed$/)).toBeVisible();
  await page.reload();
  await expect(page.getByText(/will be reclaimed on/)).toHaveCount(0);
  await expect(page.getByText(/I start the year-end audit on it next week/)).toBeVisible();
  await signOut(page);
});

test("An admin runs the optimizer: the saving is executed at once, the extra cost waits for the manager", async ({ page }, testInfo) => {
  // Carol's part-time WorkSpace is used a few hours a week: so few that AlwaysOn would cost more. She has
  // no manager (an admin would approve her requests), so an admin first records Frank as her manager.
  await signInAs(page, "carol", "/admin/users");
  await page.getByRole("region", { name: "Users" }).getByRole("link", { name: "Carol Smith" }).click();
  await page.getByRole("combobox", { name: /^Manager/ }).selectOption({ label: "Frank Osei" });
  await page.getByRole("button", { name: "Save manager" }).click();
  await expect(page.locator("main").getByRole("status")).toHaveText("Manager saved.");

  await page.goto("/admin/optimizer");
  await expect(page.getByRole("heading", { name: "Cost optimizer", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Refresh usage now" }).click();
  await expect(page.getByText(/The usage sync is running/)).toBeVisible();

  // Break-even lines of 1 hour: every AutoStop WorkSpace used at all is advised to go AlwaysOn, whether or not
  // its hours make that cheaper, so the page shows both savings and extra costs.
  const thresholds = page.locator('input[name^="t-"]');
  for (let i = 0; i < (await thresholds.count()); i++) await thresholds.nth(i).fill("1");
  await page.getByRole("button", { name: /^Save/ }).click();
  await expect(page.getByText(/saved/i).first()).toBeVisible();

  const filtered = "/admin/optimizer?rec=SWITCH_TO_ALWAYS_ON";
  await page.goto(filtered);
  const extraCost = page.locator("tbody tr").filter({ hasText: "Carol Smith" });
  await waitForText(page, /costs \$[\d,.]+ more a month/, { within: extraCost, timeoutMs: 60_000 });
  const saving = page
    .locator("tbody tr")
    .filter({ hasText: "Frank Osei" })
    .filter({ hasText: /saves \$/ });
  await expect(saving).toBeVisible();
  const savingWs = /ws-[0-9a-z]+/.exec(await saving.innerText())![0];
  await shot(page, "carol-optimizer", testInfo);

  await extraCost.getByRole("checkbox").check();
  await saving.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Create requests for the selected" }).click();
  await expect(page.getByText(/^Created 2 requests \(1 approved automatically, 1 waiting for approval\)/)).toBeVisible();

  // The saving needed nobody: the executor switches the WorkSpace to AlwaysOn.
  await page.goto(`/workspaces/${savingWs}`);
  await waitForText(page, /^AlwaysOn$/, { advanceMinutes: 5, within: page.locator("dd") });
  await signOut(page);

  // The extra cost waits for Carol's manager, who sees why and what it costs.
  await signInAs(page, "frank", "/approvals");
  const item = page.getByRole("listitem").filter({ hasText: "Carol Smith" }).filter({ hasText: "running-mode optimizer" });
  await expect(item).toBeVisible();
  await expect(item).toContainText("/ month");
  await shot(page, "frank-optimizer-request", testInfo);
  await signOut(page);
});

test("A manager reads the team report: named charts, their tables and CSV", async ({ page }, testInfo) => {
  await signInAs(page, "bob", "/reports");
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  await expect(page.getByText("Estimated cost, savings and health of your team's WorkSpaces.")).toBeVisible();
  for (const name of [
    "Estimated monthly cost by cost centre",
    "Estimated monthly cost by running mode",
    "Estimated monthly cost by Region",
  ]) {
    await expect(page.getByRole("img", { name })).toBeVisible();
  }
  // Every chart has its data as a table with the same caption, and as CSV.
  const details = page.getByText("Show the data as a table").first();
  await details.click();
  const table = page.getByRole("table", { name: "Estimated monthly cost by cost centre" });
  await expect(table).toBeVisible();
  await expect(table.getByRole("row")).not.toHaveCount(0);
  const csv = page.getByRole("link", { name: "Download CSV" }).first();
  const response = await page.request.get((await csv.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  expect((await response.text()).split("\n")[0]).toMatch(/cost/i);
  await shot(page, "bob-team-report", testInfo);

  // An employee has no reports.
  await signOut(page);
  await signInAs(page, "alice");
  await expect(page.getByRole("link", { name: "Reports" })).toHaveCount(0);
  expect((await page.goto("/reports"))?.status()).toBe(403);
});
