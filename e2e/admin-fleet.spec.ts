import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { expectPlainLanguage } from "./language-check";
import { sandboxControl } from "./sandbox-control";

/** Waits until the background inventory sync has filled the fleet, at the given URL. */
async function openFleet(page: import("@playwright/test").Page, url: string, enough = /^(\d+) WorkSpaces? match/) {
  await expect(async () => {
    await page.goto(url);
    await expect(page.getByText(/^(More than )?(\d[\d,]*) WorkSpaces? match/)).toHaveText(enough, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
}

test("a bulk reboot of 30 WorkSpaces runs in two batches; a failed batch is shown and retried", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, "carol", "/admin/fleet");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Fleet" }).click();
  // Thirty generated employees' WorkSpaces of us-east-1 (never the demo people's, whose journeys run in
  // the same server), in whatever state they are: AutoStop WorkSpaces stop on their own in the sandbox,
  // so a few may be refused for their state; the injected fault is what the retry must clear.
  const filtered = "/admin/fleet?region=us-east-1&size=30&sort=id&q=emp";
  // The inventory syncs in the background after start-up; wait until it has the fleet.
  await openFleet(page, filtered, /^(3\d|[4-9]\d) WorkSpaces match/);

  // Sorting by user is server-side: the URL changes and the header says so.
  await page.getByRole("button", { name: /^User/ }).click();
  await expect(page).toHaveURL(/sort=userName/);
  await expect(page.getByRole("columnheader", { name: /User/ })).toHaveAttribute("aria-sort", "ascending");

  const fault = await sandboxControl("/__sandbox/faults", {
    method: "POST",
    body: JSON.stringify({ failNext: { operation: "RebootWorkspaces", code: "AccessDeniedException" } }),
  });
  expect(fault.ok).toBe(true);

  // Nothing selected: no "Reboot 0 WorkSpaces", only the closed "every matching" section.
  const bar = page.getByRole("region", { name: /selected$/ });
  await expect(bar).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Reboot 0/ })).toHaveCount(0);
  await expect(page.getByText(/^Act on all \d+ WorkSpaces matching the filter$/)).toBeVisible();

  // Ticking rows brings up the bulk bar with the count; clearing the selection takes it away again.
  const rows = page.getByRole("region", { name: "Fleet" }).getByRole("row");
  await rows.nth(1).getByRole("checkbox").check();
  await expect(bar).toBeVisible();
  await expect(bar.getByRole("heading")).toHaveText("1 WorkSpace selected");
  await expect(bar.getByRole("button", { name: "Reboot 1 WorkSpace" })).toBeEnabled();
  await bar.getByRole("button", { name: "Clear selection" }).click();
  await expect(bar).toHaveCount(0);

  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  await expect(bar.getByRole("heading")).toHaveText("30 WorkSpaces selected");
  await expect(bar).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath("fleet-bulk-bar.png") });
  await bar.getByLabel("Action").selectOption("reboot");
  await bar.getByRole("button", { name: "Reboot 30 WorkSpaces" }).click();

  await expect(page).toHaveURL(/\/admin\/fleet\/bulk\//);
  const status = page.locator("main").getByRole("status").first();
  await expect(status).toContainText("0 pending", { timeout: 30_000 });
  // The progress bar: finished of total, with the counts in words.
  const progress = page.getByRole("progressbar", { name: "Reboot progress" });
  await expect(progress).toHaveAttribute("aria-valuemax", "30");
  await expect(progress).toHaveAttribute("aria-valuenow", "30");
  await expect(progress).toHaveAttribute("aria-valuetext", /^30 of 30 finished: \d+ done, \d+ failed, 0 pending$/);
  await expect(page.getByText(/^100% · 30 of 30 finished/)).toBeVisible();
  const items = page.getByRole("region", { name: "Items" });
  await expect(items).toContainText("AccessDeniedException");
  const failedFirst = Number((await status.textContent())!.match(/(\d+) failed/)![1]);
  expect(failedFirst).toBeGreaterThanOrEqual(5);

  await page.getByRole("button", { name: "Retry failed items" }).click();
  await expect(items).not.toContainText("AccessDeniedException", { timeout: 30_000 });
  await expect(status).toContainText("0 pending");
  const failedAfter = Number((await status.textContent())!.match(/(\d+) failed/)![1]);
  expect(failedAfter).toBeLessThan(failedFirst);

  const state = await (await sandboxControl("/__sandbox/state")).json();
  expect(JSON.stringify(state.mutatingCalls)).toContain("RebootWorkspaces");
  // The WorkSpace's own page tells its owner what IT did to it.
  await page.screenshot({ path: test.info().outputPath("bulk-progress.png"), fullPage: true });
  const doneId = (await items.getByRole("row").filter({ hasText: "Done" }).first().locator("[data-raw-id]").first().textContent())!.trim();
  expect(doneId).toMatch(/^ws-/);
  await page.goto(`/workspaces/${doneId}`);
  const changes = page.getByRole("list", { name: "Changes made by IT administrators" });
  await expect(changes).toContainText("Reboot, by IT");
  await expect(changes).toContainText("Started by Carol");
  await expect(changes).toContainText("Completed");
});

test("the fleet CSV export streams the current filter", async ({ page }) => {
  await signInAs(page, "carol", "/admin/fleet");
  const res = await page.request.get("/api/admin/fleet/export?region=us-east-1&state=AVAILABLE");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const lines = (await res.text()).trim().split("\r\n");
  expect(lines[0]).toContain("WorkSpace,Account,Region,Directory");
  expect(lines.length).toBeGreaterThan(10);
  expect(lines.slice(1).every((l) => l.includes(",us-east-1,"))).toBe(true);
});

test("the fleet reads in names and labels; the state bar and the menus filter at once; a WorkSpace opens in an admin view", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, "carol", "/admin/fleet");
  await openFleet(page, "/admin/fleet?size=100", /^(More than )?[1-9][\d,]* WorkSpaces? match/);
  const table = page.getByRole("region", { name: "Fleet" });

  // Labels, not codes: no AVAILABLE / AUTO_STOP / ws-… outside the small secondary ids.
  await expectPlainLanguage(page, { where: "the fleet" });
  await expect(table.getByRole("cell", { name: /^(Ready|Stopped)$/ }).first()).toBeVisible();
  await expect(table.getByRole("cell", { name: /^(AutoStop|AlwaysOn)$/ }).first()).toBeVisible();
  await expect(table.locator("[data-raw-id]").first()).toHaveText(/^ws-/);
  // The Directory and Bundle menus list names; their values stay ids.
  const directories = page.getByRole("combobox", { name: "Directory" }).locator("option");
  expect((await directories.allTextContents()).slice(1).every((t) => !/^d-[0-9a-f]+$/.test(t))).toBe(true);
  expect((await directories.nth(1).getAttribute("value")) ?? "").toMatch(/^d-/);
  const bundles = page.getByRole("combobox", { name: "Bundle" }).locator("option");
  expect((await bundles.allTextContents()).slice(1).every((t) => !/^wsb-/.test(t))).toBe(true);

  // Sorting by compute type goes by size: no smaller type after a larger one.
  await page.getByRole("button", { name: "Compute", exact: true }).click();
  await expect(page).toHaveURL(/sort=computeType/);
  const ORDER = ["Value", "Standard", "Performance", "Power", "PowerPro", "Graphics", "Graphics.g4dn", "GraphicsPro", "GraphicsPro.g4dn"];
  const rank = (t: string) => (t === "Graphics.g4dn" ? 5 : t === "GraphicsPro.g4dn" ? 7 : ORDER.indexOf(t));
  // The column is found by its heading, so a column added before it cannot turn this check into one that reads nothing.
  const headings = (await table.locator("thead th").allTextContents()).map((t) => t.trim());
  const computeAt = headings.findIndex((t) => /^Compute(?!r)/.test(t)) + 1;
  expect(computeAt).toBeGreaterThan(0);
  const computeColumn = await table.locator(`tbody tr td:nth-child(${computeAt})`).allTextContents();
  const ranks = computeColumn.filter((t) => ORDER.includes(t)).map(rank);
  expect(ranks.length).toBeGreaterThan(1);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

  // The state bar: an accessible picture with its counts in text; a segment filters the table to its state.
  const stateBar = page.getByRole("region", { name: /WorkSpaces? by state/ });
  await expect(stateBar.getByRole("list", { name: "Counts by state" })).toContainText(/Ready \d+/);
  await page.screenshot({ path: test.info().outputPath("fleet-state-bar.png") });
  await stateBar.getByRole("link", { name: /^Ready: \d+ WorkSpaces?/ }).click();
  await expect(page).toHaveURL(/state=AVAILABLE/);
  await expect(page.getByRole("combobox", { name: "State" })).toHaveValue("AVAILABLE");
  const states = await table.locator("tbody tr td:nth-child(5)").allTextContents();
  expect(new Set(states)).toEqual(new Set(["Ready"]));

  // A menu applies as soon as it changes; the search box applies on Enter.
  await page.getByRole("combobox", { name: "Region" }).selectOption("us-east-1");
  await expect(page).toHaveURL(/region=us-east-1/);
  await expect(page).toHaveURL(/state=AVAILABLE/);
  await page.getByRole("searchbox", { name: "Search" }).fill("emp");
  await expect(page).not.toHaveURL(/q=emp/);
  await page.getByRole("searchbox", { name: "Search" }).press("Enter");
  await expect(page).toHaveURL(/q=emp/);
  await expect(page.getByText(/^\d[\d,]* WorkSpaces? match/)).toBeVisible();

  // The computer name opens the admin view of that WorkSpace: facts by name, history, audit trail and actions.
  const first = table.locator("tbody tr").first();
  const id = (await first.locator("[data-raw-id]").first().textContent())!.trim();
  const name = (await first.getByRole("link").first().textContent())!.trim();
  await first.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/fleet/${id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  const facts = page.getByRole("region", { name: "Facts" });
  await expect(facts).toContainText("State");
  await expect(facts).not.toContainText("AVAILABLE");
  await expect(facts).toContainText("Directory");
  await expect(facts).toContainText("Bundle");
  await expect(page.getByRole("region", { name: "Tags" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Requests and fleet operations" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Audit trail" })).toBeVisible();
  const actions = page.getByRole("region", { name: "Fleet actions" });
  await expect(actions.getByRole("button", { name: `Reboot ${name}` })).toBeEnabled();
  await expect(page.getByRole("region", { name: "Changes through a request" })).toBeVisible();
  await expectPlainLanguage(page, { where: "the admin view of a WorkSpace" });
  await page.screenshot({ path: test.info().outputPath("fleet-workspace.png"), fullPage: true });
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Fleet" }).click();
  await expect(page).toHaveURL(/\/admin\/fleet$/);
});
