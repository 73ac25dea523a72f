import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";
import { askForLargerCompute, cancelOpenRequest, openMyWorkspace, signOut, waitForText } from "./journey-helpers";
import { expectPlainLanguage } from "./language-check";
import { sandboxControl } from "./sandbox-control";

// Admin maintenance: an admin puts a few WorkSpaces in maintenance in bulk and finds them with the fleet's state
// filter; the owner of one sees a banner, a restart is not offered and a compute change waits with the reason; when
// the admin ends the maintenance, the waiting change is carried out.

const BULK_DONE = /0 pending/;

async function waitForBulk(page: Page) {
  await expect(page).toHaveURL(/\/admin\/fleet\/bulk\//);
  await expect(page.locator("main").getByRole("status").first()).toContainText(BULK_DONE, { timeout: 30_000 });
}

/** Sets one WorkSpace's maintenance from its admin page, as a bulk operation of one. */
async function setMaintenance(page: Page, workspaceId: string, start: boolean) {
  await page.goto(`/admin/fleet/${workspaceId}`);
  const actions = page.getByRole("region", { name: "Fleet actions" });
  if (start && (await page.getByRole("region", { name: "Facts" }).getByText("Stopped", { exact: true }).count())) {
    // Only a ready WorkSpace enters maintenance: an AutoStop one that stopped is started first.
    await actions.getByLabel("Action").selectOption("start");
    await actions.getByRole("button", { name: /^Start / }).click();
    await waitForBulk(page);
    await page.goto(`/admin/fleet/${workspaceId}`);
    await waitForText(page, /^Ready$/, { advanceMinutes: 3, within: page.getByRole("region", { name: "Facts" }) });
  }
  await actions.getByLabel("Action").selectOption("maintenance");
  await actions.getByRole("combobox", { name: "Maintenance", exact: true }).selectOption(start ? "ADMIN_MAINTENANCE" : "AVAILABLE");
  await actions.getByRole("button", { name: start ? /^Start maintenance of / : /^End maintenance of / }).click();
  await waitForBulk(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    start ? "Start maintenance: 1 WorkSpace" : "End maintenance: 1 WorkSpace",
  );
}

test("bulk maintenance mode, the owner's banner and held request, and leaving maintenance", async ({ page }) => {
  test.setTimeout(240_000);

  // 1. Three ready WorkSpaces of generated employees into maintenance at once.
  await signInAs(page, "carol", "/admin/fleet");
  // AlwaysOn ones, which AutoStop cannot stop between the list and the call.
  const filtered = "/admin/fleet?region=us-east-1&state=AVAILABLE&mode=ALWAYS_ON&q=emp&sort=id&size=10";
  await expect(async () => {
    await page.goto(filtered);
    await expect(page.getByText(/^(\d+) WorkSpaces? match/)).toHaveText(/^([3-9]|\d\d+) WorkSpaces? match/, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  const rows = page.getByRole("region", { name: "Fleet" }).getByRole("row");
  const chosen: string[] = [];
  for (const n of [1, 2, 3]) {
    await rows.nth(n).getByRole("checkbox").check();
    chosen.push((await rows.nth(n).locator("[data-raw-id]").first().textContent())!.trim());
  }
  const bar = page.getByRole("region", { name: /selected$/ });
  await expect(bar.getByRole("heading")).toHaveText("3 WorkSpaces selected");
  await bar.getByLabel("Action").selectOption("maintenance");
  await expect(bar.getByText(/changes they ask for meanwhile wait until you end the maintenance/)).toBeVisible();
  await bar.getByRole("button", { name: "Start maintenance of 3 WorkSpaces" }).click();
  await waitForBulk(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Start maintenance: 3 WorkSpaces");
  await expect(page.getByRole("progressbar", { name: "Start maintenance progress" })).toHaveAttribute("aria-valuetext", /3 done, 0 failed/);
  const state = await (await sandboxControl("/__sandbox/state")).json();
  expect(JSON.stringify(state.mutatingCalls)).toContain("ModifyWorkspaceState");

  // 2. The fleet filters by it: "In maintenance" lists the three (once the inventory has caught up).
  await expect(async () => {
    await page.goto("/admin/fleet?state=ADMIN_MAINTENANCE&size=200");
    const table = page.getByRole("region", { name: "Fleet" });
    for (const id of chosen) await expect(table.locator("[data-raw-id]", { hasText: id }).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole("combobox", { name: "State" })).toHaveValue("ADMIN_MAINTENANCE");
  await expect(page.getByRole("combobox", { name: "State" }).locator("option:checked")).toHaveText("In maintenance");
  const states = await page.getByRole("region", { name: "Fleet" }).locator("tbody tr td:nth-child(5)").allTextContents();
  expect(new Set(states)).toEqual(new Set(["In maintenance"]));
  await expectPlainLanguage(page, { where: "the fleet in maintenance" });
  await page.screenshot({ path: test.info().outputPath("fleet-in-maintenance.png"), fullPage: true });

  // 3. Alice's WorkSpace into maintenance from its admin page.
  await signOut(page);
  await signInAs(page, "alice", "/");
  const aliceWs = await openMyWorkspace(page);
  await signOut(page);
  await signInAs(page, "carol", `/admin/fleet/${aliceWs}`);
  await setMaintenance(page, aliceWs, true);

  // 4. Alice sees the banner; a restart is not offered; a compute change is accepted and waits, saying why.
  await signOut(page);
  await signInAs(page, "alice", `/workspaces/${aliceWs}`);
  await waitForText(page, "An admin is maintaining this WorkSpace", { timeoutMs: 60_000 });
  const banner = page.getByTestId("maintenance-banner");
  await expect(banner).toContainText("You cannot connect to it until the maintenance ends.");
  await page.screenshot({ path: test.info().outputPath("owner-banner.png"), fullPage: true });
  await page.goto(`/workspaces/${aliceWs}?action=reboot`);
  await expect(page.locator("#action-form")).toContainText("in admin maintenance");
  await page.goto(`/workspaces/${aliceWs}?action=computeType`);
  await expect(page.getByTestId("maintenance-hold")).toHaveText(/waits and is carried out once the maintenance ends/);
  const requestId = await askForLargerCompute(page, "Builds are slow while we wait.");
  await expect(page.getByText("Waiting for maintenance to end")).toBeVisible();

  // Bob approves; the change still needs an admin and waits for the maintenance either way. Alice then withdraws it:
  // a compute increase carried out here would hold her WorkSpace to AWS's six hours between increases for the
  // journeys that run after this one. That a held change runs once the maintenance ends is shown by
  // lib/services/admin/maintenance.int.test.ts.
  await signOut(page);
  await signInAs(page, "bob", "/approvals");
  const row = page.getByRole("listitem").filter({ hasText: "Builds are slow while we wait." });
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status")).toContainText("Approved:");
  await signOut(page);
  await signInAs(page, "alice", `/requests/${requestId}`);
  await expect(page.getByText("Waiting for maintenance to end")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("held-request.png"), fullPage: true });
  await cancelOpenRequest(page, requestId);

  // 5. Carol ends the maintenance of Alice's WorkSpace and of the three.
  await signOut(page);
  await signInAs(page, "carol", `/admin/fleet/${aliceWs}`);
  await setMaintenance(page, aliceWs, false);
  for (const id of chosen) await setMaintenance(page, id, false);

  await signOut(page);
  await signInAs(page, "alice", `/workspaces/${aliceWs}`);
  await expect(page.getByTestId("maintenance-banner")).toHaveCount(0);
  const changes = page.getByRole("list", { name: "Changes made by IT administrators" });
  await expect(changes).toContainText("End maintenance, by IT");
  await expect(changes).toContainText("Start maintenance, by IT");
});
