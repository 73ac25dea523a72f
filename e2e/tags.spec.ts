import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";
import { cancelOpenRequest, openMyWorkspace, settle, signOut } from "./journey-helpers";
import { expectFocusOnFirstInvalid, expectPlainLanguage } from "./language-check";

// Tags: an admin sets the policy's tag rules (a required tag, the tags employees may edit) and tags a custom
// bundle; the request form asks for the required tag; Alice edits a tag on her WorkSpace as a request.

async function setTagRules(page: Page, required: string, editable: string) {
  await page.goto("/admin/policies");
  const form = page.locator("form#tag-policy");
  await form.getByLabel("Required tags on new WorkSpaces").fill(required);
  await form.getByLabel("Tags employees may edit").fill(editable);
  await form.getByRole("button", { name: "Save tag rules" }).click();
  await expect(form.getByRole("status")).toHaveText("Tag rules saved. They apply to the next request.");
}

/** As the signed-in person: withdraws whatever they still have waiting, so their WorkSpace takes a new request. */
async function cancelWaitingRequests(page: Page) {
  await page.goto("/requests");
  await settle(page);
  const hrefs = await page
    .locator('main a[href^="/requests/"]')
    .evaluateAll((links) => [...new Set(links.map((a) => (a as HTMLAnchorElement).getAttribute("href")!.split(/[?#]/)[0]!))]);
  for (const href of hrefs) await cancelOpenRequest(page, href.split("/requests/")[1]!);
}

test.afterAll(async ({ browser }) => {
  // Later specs expect the default policy: no required tags, none open to employees.
  const page = await browser.newPage();
  await signInAs(page, "carol", "/admin/policies");
  await setTagRules(page, "", "");
  await page.close();
});

test("an admin sets the tag rules, the request form asks for the required tag, and Alice edits an allowed tag", async ({ page }, info) => {
  test.setTimeout(180_000);
  await signInAs(page, "carol", "/admin/policies");
  const form = page.locator("form#tag-policy");
  await expect(form.getByRole("heading", { name: "Tags" })).toBeVisible();

  // A key AWS reserves is refused beside the field, which takes focus.
  await form.getByLabel("Tags employees may edit").fill("aws:team");
  await form.getByRole("button", { name: "Save tag rules" }).click();
  await expect(form.getByRole("alert")).toContainText("Tags employees may edit");
  await expect(form).toContainText('Tag names starting with "aws:" are reserved for AWS');
  await expectFocusOnFirstInvalid(page);

  await setTagRules(page, "Project", "Project\nTeam");
  await page.reload();
  await expect(form.getByLabel("Required tags on new WorkSpaces")).toHaveValue("Project");
  await expectPlainLanguage(page, { where: "policies page with tag rules" });
  await form.screenshot({ path: info.outputPath("tag-rules.png") });

  // The request form: the required tag is an input, and the preview refuses until it has a value.
  await signOut(page);
  await signInAs(page, "alice", "/workspaces/new");
  await settle(page);
  const project = page.getByRole("group", { name: "Required tags" }).getByLabel("Project");
  await expect(project).toHaveAttribute("aria-required", "true");
  const reasons = page.getByTestId("refusal-reasons");
  await expect(reasons).toContainText('The tag "Project" is required');
  await project.fill("Apollo");
  await expect(page.getByText('The tag "Project" is required')).toHaveCount(0);
  await page.setViewportSize({ width: 375, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Alice's WorkSpace: she may set Project and Team, nothing else.
  await cancelWaitingRequests(page);
  const workspaceId = await openMyWorkspace(page);
  const tags = page.getByRole("region", { name: "Tags" });
  await expect(tags).toContainText("Cost reports group spending by them");
  const field = tags.getByLabel(/^Project/);
  await field.fill("Apollo 11");
  await tags.getByRole("button", { name: "Save tags" }).click();
  await expect(tags.getByRole("status")).toContainText("Tag change requested and approved");
  const requestHref = await tags.getByRole("link", { name: "See the request" }).getAttribute("href");
  expect(requestHref).toMatch(/^\/requests\//);
  await expectPlainLanguage(page, { where: "WorkSpace page tags" });
  await tags.screenshot({ path: info.outputPath("workspace-tags.png") });

  // Once AWS has the tag, the page shows it as the WorkSpace's own.
  await expect
    .poll(
      async () => {
        await page.goto(`/workspaces/${workspaceId}`);
        return page
          .getByRole("region", { name: "Tags" })
          .getByLabel(/^Project/)
          .inputValue();
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe("Apollo 11");
  await page.goto(requestHref!);
  await expect(page.getByTestId("request-status")).toHaveText("Completed");
});

test("an admin tags a custom bundle in AWS, and sees why an Amazon bundle takes none", async ({ page }, info) => {
  await signInAs(page, "carol", "/admin/bundles?q=Corp-Standard-Win10&region=us-east-1");
  await page.getByRole("region", { name: "Bundles" }).getByRole("link", { name: "Corp-Standard-Win10" }).click();
  const tags = page.getByRole("region", { name: "Tags" });
  await expect(tags).toBeVisible();
  const rows = tags.getByRole("group");
  const before = await rows.count();
  await tags.getByRole("button", { name: "Add a tag" }).click();
  await rows.nth(before).getByLabel("Name").fill("Team");
  await rows.nth(before).getByLabel("Value").fill("End-user computing");
  await tags.getByRole("button", { name: "Save tags" }).click();
  await expect(tags.getByRole("status")).toHaveText("Tags saved in AWS.");
  await page.reload();
  await expect(page.getByRole("region", { name: "Tags" }).getByLabel("Value").last()).toHaveValue("End-user computing");
  await expectPlainLanguage(page, { where: "bundle tags" });
  await page.getByRole("region", { name: "Tags" }).screenshot({ path: info.outputPath("bundle-tags.png") });

  // A key AWS reserves is refused before anything is sent.
  const again = page.getByRole("region", { name: "Tags" });
  await again.getByRole("button", { name: "Add a tag" }).click();
  await again.getByRole("group").last().getByLabel("Name").fill("aws:team");
  await again.getByRole("button", { name: "Save tags" }).click();
  await expect(again.getByRole("alert")).toHaveText("The tags were not saved.");
  await expect(again).toContainText('Tag names starting with "aws:" are reserved for AWS');

  // The audit log names the bundle and what was done.
  await page.goto("/admin/audit?action=bundle.tags");
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText(
    "Carol Smith changed the tags of the bundle Corp-Standard-Win10",
  );

  await page.goto("/admin/bundles?owner=AMAZON&region=us-east-1");
  await page.getByRole("region", { name: "Bundles" }).getByRole("link").first().click();
  await expect(page.getByRole("region", { name: "Tags" })).toContainText("AWS does not tag Amazon's public bundles");
});
