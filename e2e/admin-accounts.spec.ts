import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { requestIdFrom, signOut, waitForText } from "./journey-helpers";
import { expectPlainLanguage } from "./language-check";
import { sandboxControl } from "./sandbox-control";

// More than one AWS account: an admin adds the sandbox's second account (a branch office) by the role the portal
// assumes there; its WorkSpaces join the fleet named by their account; Dave, whose WorkSpace is in that account,
// asks for a larger user volume, Bob approves, and the change is made in the second account.

const SECOND_ACCOUNT = "345678901234";
const ROLE_ARN = `arn:aws:iam::${SECOND_ACCOUNT}:role/WorkSpacesPortal`;
const EXTERNAL_ID = "sandbox-branch-office";

type SandboxState = {
  accounts?: Record<
    string,
    {
      regions: Record<
        string,
        { workspaces: { WorkspaceId: string; UserName: string; WorkspaceProperties?: { UserVolumeSizeGib?: number } }[] }
      >;
    }
  >;
};

test("an admin adds a second AWS account; a request on a WorkSpace there is approved and carried out there", async ({ page }) => {
  test.setTimeout(300_000);

  // 1. A wrong external id: AWS refuses the role, and the refusal shows beside the form.
  await signInAs(page, "carol", "/admin/accounts");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("AWS accounts");
  await expect(page.getByRole("list", { name: "Accounts" }).getByRole("listitem")).toHaveCount(1);
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Add an account" }) });
  await form.getByLabel("Name").fill("Branch office");
  await form.getByLabel("Role ARN").fill(ROLE_ARN);
  await form.getByLabel("External id (optional)").fill("not-the-one");
  await form.getByLabel("Regions").fill("us-east-1");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form.getByRole("alert").first()).toContainText(/AWS refused.*trust policy/s, { timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath("account-refused.png"), fullPage: true });

  // 2. With the right one it is added, and its first inventory sync starts.
  await form.getByLabel("External id (optional)").fill(EXTERNAL_ID);
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form.getByRole("status")).toContainText("Added Branch office.", { timeout: 30_000 });
  const branch = page.getByRole("list", { name: "Accounts" }).getByRole("listitem").filter({ hasText: "Branch office" });
  await expect(branch).toContainText(SECOND_ACCOUNT);
  // The sync records the account as read once all its Regions are in the inventory.
  await waitForText(page, "Inventory last read", { within: branch, timeoutMs: 60_000 });
  await expect(branch).toContainText("6 WorkSpaces");
  await expectPlainLanguage(page, { where: "the AWS accounts page" });
  await page.screenshot({ path: test.info().outputPath("accounts.png"), fullPage: true });

  // 3. The fleet names each WorkSpace's account and filters by it; the directories page lists the branch's directory.
  await page.goto("/admin/fleet?size=200&q=dave");
  const daveRow = page.getByRole("region", { name: "Fleet" }).getByRole("row").filter({ hasText: "Branch office" });
  await expect(daveRow).toHaveCount(1);
  await page.goto("/admin/fleet?size=200");
  await page.getByRole("combobox", { name: "Account" }).selectOption({ label: "Branch office" });
  await expect(page).toHaveURL(/account=/);
  await expect(page.getByText(/^6 WorkSpaces match/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("fleet-by-account.png"), fullPage: true });
  await page.goto("/admin/directories");
  const others = page.getByRole("list", { name: "Directories in other accounts" });
  await expect(others).toContainText("branch.example.org");
  await expect(others).toContainText("Branch office");

  // 4. Dave asks for a larger user volume on his WorkSpace in the branch office's account.
  await signOut(page);
  await signInAs(page, "dave", "/");
  await page.getByRole("link", { name: "Details and actions" }).first().click();
  await expect(page).toHaveURL(/\/workspaces\/ws-/);
  const workspaceId = page.url().split("/workspaces/")[1]!.split(/[?#]/)[0]!;
  await page.goto(`/workspaces/${workspaceId}?action=volumes`);
  await page.getByLabel("New size").selectOption("100");
  await page.getByLabel("Justification").fill("The branch's project files no longer fit.");
  await expect(page.getByTestId("approval")).toHaveText(/Needs approval/);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Pending approval");
  const requestId = requestIdFrom(page);
  await signOut(page);

  // 5. Bob approves; the executor makes the change through the branch office's role.
  await signInAs(page, "bob", "/approvals");
  const row = page.getByRole("listitem").filter({ hasText: "The branch's project files no longer fit." });
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status")).toContainText("Approved:");
  await signOut(page);
  await signInAs(page, "dave", `/requests/${requestId}`);
  await waitForText(page, "Completed", { advanceMinutes: 20, timeoutMs: 120_000, within: page.getByTestId("request-status") });
  await page.screenshot({ path: test.info().outputPath("dave-completed.png"), fullPage: true });

  const state = (await (await sandboxControl("/__sandbox/state")).json()) as SandboxState;
  const inBranch = state.accounts?.[SECOND_ACCOUNT]?.regions["us-east-1"]?.workspaces.find((w) => w.WorkspaceId === workspaceId);
  expect(inBranch?.UserName).toBe("dave");
  expect(inBranch?.WorkspaceProperties?.UserVolumeSizeGib).toBe(100);

  // 6. The admin's view of the WorkSpace names its account.
  await signOut(page);
  await signInAs(page, "carol", `/admin/fleet/${workspaceId}`);
  await expect(page.getByRole("region", { name: "Facts" })).toContainText("Branch office");
});
