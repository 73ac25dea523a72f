import {
  CreateWorkspacesCommand,
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspacesCommand,
  WorkSpacesClient,
} from "@aws-sdk/client-workspaces";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";
import { expectPlainLanguage } from "./language-check";
import { sandboxControl } from "./sandbox-control";

// An image rollout with a canary wave and one failure: three lab WorkSpaces on a custom bundle get its next
// image; AWS refuses one rebuild of the canary, the rollout waits for Continue, the failure is retried, and
// the last wave finishes it.

const sandboxUrl = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? "4699"}`;
const aws = new WorkSpacesClient({
  endpoint: sandboxUrl,
  region: "us-east-1",
  credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
});
// Spare lab users: the sandbox's labs directory has 20 more users than the generated fleet gives WorkSpaces to.
const USERS = ["lab00024", "lab00025", "lab00026"];

/** Moves the sandbox's clock past a rebuild (an hour), so the test need not wait for it. */
const passAnHour = async () =>
  expect((await sandboxControl("/__sandbox/clock", { method: "POST", body: JSON.stringify({ advanceMinutes: 61 }) })).ok).toBe(true);

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}

test("an image rollout: a canary wave with one failure, Continue, Retry failed items, and the end", async ({ page }) => {
  test.setTimeout(300_000);
  const dirs = (await aws.send(new DescribeWorkspaceDirectoriesCommand({}))).Directories ?? [];
  const labs = dirs.find((d) => d.DirectoryName === "labs.example.com")!;
  const bundles = (await aws.send(new DescribeWorkspaceBundlesCommand({}))).Bundles ?? [];
  const custom = bundles.find((b) => b.Name === "Corp-Standard-Win10")!;
  const created = await aws.send(
    new CreateWorkspacesCommand({
      Workspaces: USERS.map((UserName) => ({
        DirectoryId: labs.DirectoryId!,
        UserName,
        BundleId: custom.BundleId!,
        WorkspaceProperties: { RunningMode: "ALWAYS_ON" },
      })),
    }),
  );
  expect(created.FailedRequests ?? []).toEqual([]);
  await passAnHour();
  await expect(async () => {
    const listed = (await aws.send(new DescribeWorkspacesCommand({ BundleId: custom.BundleId }))).Workspaces ?? [];
    expect(listed.filter((w) => w.State === "AVAILABLE")).toHaveLength(USERS.length);
  }).toPass({ timeout: 30_000 });

  await signInAs(page, "carol", "/admin/bundles");
  // The bundle of us-east-1, where the WorkSpaces are (each Region has its own Corp-Standard-Win10).
  await page.locator(`main a[href*="${custom.BundleId}"]`).first().click();
  await page.getByRole("link", { name: "Roll out to its WorkSpaces" }).click();
  await expect(page.getByRole("heading", { name: "Roll out a new image of Corp-Standard-Win10", level: 1 })).toBeVisible();

  // Before it starts: each WorkSpace, its wave, its last snapshot and what it loses.
  const plan = page.getByRole("table", { name: /WorkSpaces in the rollout/ });
  await expect(plan.getByRole("row")).toHaveCount(USERS.length + 1);
  await expect(plan.getByRole("row").nth(1)).toContainText("Canary");
  await expect(plan.getByRole("row").nth(3)).toContainText("Wave 1");
  await expect(page.getByText(/drive C/).first()).toBeVisible();
  await expectPlainLanguage(page);
  await axe(page);
  await page.screenshot({ path: test.info().outputPath("rollout-plan.png"), fullPage: true });

  // The form refuses without the confirmation, naming it and focusing it.
  const form = page.locator("form#rollout");
  await form.getByLabel("Image to roll out").selectOption({ label: "corp-win10-2026" });
  await form.getByLabel("WorkSpaces in the canary wave").fill("2");
  await form.getByLabel(/Pause between waves/).fill("0");
  await form.getByLabel(/Stop when more than this share/).fill("50");
  await form.getByRole("button", { name: "Start the rollout" }).click();
  await expect(form.getByRole("alert")).toContainText("Confirmation");
  await expect(form.getByRole("checkbox")).toBeFocused();

  // One of the canary's two rebuilds is refused by AWS.
  const fault = await sandboxControl("/__sandbox/faults", {
    method: "POST",
    body: JSON.stringify({ failNext: { operation: "RebuildWorkspaces", code: "InvalidResourceStateException" } }),
  });
  expect(fault.ok).toBe(true);
  await form.getByRole("checkbox").check();
  await form.getByRole("button", { name: "Start the rollout" }).click();
  await expect(page).toHaveURL(/\/admin\/rollouts\/[^/]+$/);
  await expect(page.getByRole("heading", { name: "Rebuild on the bundle Corp-Standard-Win10", level: 1 })).toBeVisible();

  const canary = page.getByRole("table", { name: /Canary/ });
  await expect(canary.locator('tr[data-status="FAILED"]')).toHaveCount(1, { timeout: 60_000 });
  await expect(canary.locator('tr[data-status="IN_PROGRESS"], tr[data-status="DONE"]')).toHaveCount(1);
  await passAnHour();
  // One failure in two is not more than the 50% allowed: the canary waits for Continue.
  await expect(page.getByText("Waiting for Continue", { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("button", { name: "Continue" })).toBeVisible({ timeout: 10_000 });
  await expect(canary.locator('tr[data-status="DONE"]')).toHaveCount(1);
  await expectPlainLanguage(page);
  await axe(page);
  await page.screenshot({ path: test.info().outputPath("rollout-canary.png"), fullPage: true });

  await page.getByRole("button", { name: "Retry failed items (1)" }).click();
  await expect(page.getByText("Trying 1 failed WorkSpace again.")).toBeVisible();
  await expect(canary.locator('tr[data-status="IN_PROGRESS"]')).toHaveCount(1, { timeout: 60_000 });
  await passAnHour();
  await expect(canary.locator('tr[data-status="DONE"]')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByRole("button", { name: "Continue" })).toBeVisible({ timeout: 30_000 });

  await page.getByRole("button", { name: "Continue" }).click();
  const wave1 = page.getByRole("table", { name: /Wave 1/ });
  await expect(wave1.locator('tr[data-status="IN_PROGRESS"]')).toHaveCount(1, { timeout: 60_000 });
  await passAnHour();
  await expect(page.getByText("Finished", { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  await page.reload();
  await expect(page.locator('tr[data-status="DONE"]')).toHaveCount(USERS.length);
  await page.screenshot({ path: test.info().outputPath("rollout-finished.png"), fullPage: true });

  // The list and the audit log tell the story.
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Rollouts" }).click();
  await expect(page.getByRole("link", { name: "Rebuild on the bundle Corp-Standard-Win10" }).first()).toBeVisible();
  await expectPlainLanguage(page);
  await axe(page);
});
