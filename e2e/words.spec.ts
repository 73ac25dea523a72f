import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { askForLargerCompute, openMyWorkspace, settle, signOut } from "./journey-helpers";

// Requests are named as people name things: the WorkSpace's computer name, not its ws- id, in the request's
// title, breadcrumb and browser tab, in the lists, the approver's inbox and notifications; the approver reads
// why they are asked; once decided, the approval notification is no longer unread.

const RAW_ID = /\b(ws|wsb|d)-[a-z0-9]{8,}/;

test("a request reads by name from the requester's page to the approver's inbox and notifications", async ({ page }, info) => {
  test.setTimeout(120_000);
  await signInAs(page, "alice");
  await openMyWorkspace(page);
  const requestId = await askForLargerCompute(page, "Builds are slow.");
  await settle(page);

  const title = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  expect(title).toMatch(/^Change .+ to \w+/);
  expect(title).not.toMatch(RAW_ID);
  const breadcrumb = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(breadcrumb.getByRole("link", { name: "My requests" })).toBeVisible();
  await expect(breadcrumb).toContainText(title);
  await expect(breadcrumb).not.toContainText(requestId);
  await expect(page).toHaveTitle(new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  // The WorkSpace is named, its id only secondary and copyable.
  await expect(page.getByRole("link", { name: title.replace(/^Change (.+) to \w+$/, "$1"), exact: true })).toBeVisible();
  await page.screenshot({ path: info.outputPath("alice-request.png"), fullPage: true });

  await page.goto("/requests");
  await settle(page);
  const links = await page.locator('main a[href^="/requests/"]').allTextContents();
  expect(links.length).toBeGreaterThan(0);
  for (const text of links) expect(text).not.toMatch(RAW_ID);
  await signOut(page);

  await signInAs(page, "bob", "/approvals");
  const row = page.getByRole("listitem").filter({ hasText: `Alice Nguyen: ${title}` });
  await expect(row.getByTestId("why-asked")).toHaveText("You are asked because you are Alice Nguyen's manager.");
  await page.screenshot({ path: info.outputPath("bob-approvals.png"), fullPage: true });

  await page.goto("/notifications");
  await settle(page);
  // Newest first: earlier journeys may have left read notifications with the same title.
  const note = page
    .getByRole("listitem")
    .filter({ hasText: `A request needs your approval: ${title}, asked by Alice Nguyen` })
    .first();
  await expect(note).toContainText("Unread");
  await expect(note).toContainText("You are asked because you are Alice Nguyen's manager.");
  await page.screenshot({ path: info.outputPath("bob-notifications.png"), fullPage: true });

  // Once decided, nobody needs to act on it: the notification is read.
  await page.goto("/approvals");
  await row.getByLabel(/Comment/).fill("Use the build farm instead.");
  await row.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByRole("status")).toContainText(`Rejected: ${title}`);
  await page.goto("/notifications");
  await settle(page);
  await expect(note).toBeVisible();
  await expect(note).not.toContainText("Unread");

  // The approver's view of the request leads back to the approvals.
  await page.goto(`/requests/${requestId}`);
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Approvals" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
});
