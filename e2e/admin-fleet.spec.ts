import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { sandboxControl } from "./sandbox-control";

test("a bulk reboot of 30 WorkSpaces runs in two batches; a failed batch is shown and retried", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, "carol", "/admin/fleet");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Fleet" }).click();
  // Thirty generated employees' WorkSpaces of us-east-1 (never the demo people's, whose journeys run in
  // the same server), in whatever state they are: AutoStop WorkSpaces stop on their own in the sandbox,
  // so a few may be refused for their state; the injected fault is what the retry must clear.
  const filtered = "/admin/fleet?region=us-east-1&size=30&sort=id&q=emp";
  // The inventory syncs in the background after start-up; wait until it has the fleet.
  await expect(async () => {
    await page.goto(filtered);
    await expect(page.getByText(/^(\d+) WorkSpaces match/)).toHaveText(/^(3\d|[4-9]\d) WorkSpaces match/, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });

  // Sorting by user is server-side: the URL changes and the header says so.
  await page.getByRole("button", { name: /^User/ }).click();
  await expect(page).toHaveURL(/sort=userName/);
  await expect(page.getByRole("columnheader", { name: /User/ })).toHaveAttribute("aria-sort", "ascending");

  const fault = await sandboxControl("/__sandbox/faults", {
    method: "POST",
    body: JSON.stringify({ failNext: { operation: "RebootWorkspaces", code: "AccessDeniedException" } }),
  });
  expect(fault.ok).toBe(true);

  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  await page.getByLabel("Action").selectOption("reboot");
  await page.getByRole("button", { name: "Reboot 30 WorkSpaces" }).click();

  await expect(page).toHaveURL(/\/admin\/fleet\/bulk\//);
  const status = page.locator("main").getByRole("status").first();
  await expect(status).toContainText("0 pending", { timeout: 30_000 });
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
  const doneId = (await items.getByRole("row").filter({ hasText: "Done" }).first().getByRole("cell").first().textContent())!.trim();
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
  expect(lines[0]).toContain("WorkSpace,Region,Directory");
  expect(lines.length).toBeGreaterThan(10);
  expect(lines.slice(1).every((l) => l.includes(",us-east-1,"))).toBe(true);
});
