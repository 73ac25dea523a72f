import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { signOut, waitForText } from "./journey-helpers";

test("an admin creates a WorkSpace for a contractor; it is created without approval and the rules still apply", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await signInAs(page, "carol", "/admin/users");
  await page.getByRole("link", { name: "Dave Patel" }).first().click();
  await page.getByRole("link", { name: "Create a WorkSpace for Dave Patel" }).click();
  await expect(page.getByRole("heading", { name: "Create a WorkSpace for Dave Patel" })).toBeVisible();

  // Dave's offering: the contractors' directories only (one per Region).
  const directory = page.getByLabel("Directory");
  for (const option of await directory.getByRole("option").allTextContents()) expect(option).toContain("contractors");
  await page.getByLabel("Justification").fill("New contractor starting on Monday; laptop not ready yet.");
  await expect(page.getByText("No approval needed").first()).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: testInfo.outputPath("on-behalf-form.png"), fullPage: true });
  await page.getByRole("button", { name: "Create WorkSpace for Dave Patel" }).click();

  await expect(page).toHaveURL(/\/admin\/users\/[^/]+\?created=/);
  await expect(page.getByRole("status").filter({ hasText: "approved at once" })).toBeVisible();
  const userPage = page.url().split("?")[0]!;

  // The sandbox provisions in simulated time; the inventory then shows it as Dave's.
  const daves = page.getByRole("table", { name: "WorkSpaces of Dave Patel" });
  await waitForText(page, "Ready", {
    advanceMinutes: 30,
    within: page.getByRole("table", { name: "WorkSpaces of Dave Patel" }),
    timeoutMs: 150_000,
  });
  // Named in the table; its id is the secondary, copyable text beside the name.
  const idText = (await daves.locator("tbody tr").first().locator("[data-raw-id]").first().textContent()) ?? "";
  const workspaceId = /ws-[a-z0-9]+/.exec(idText)?.[0] ?? "";
  expect(workspaceId).toMatch(/^ws-/);

  await page.goto(`/admin/fleet?q=${workspaceId}`);
  await expect(page.getByRole("region", { name: "Fleet" })).toContainText("Dave Patel");

  // A second one in the same directory breaks the one-per-directory rule, admin or not: refused in plain words.
  // The form opens on a directory where Dave may still have one, and marks the one where he has it.
  await page.goto(`${userPage}/new-workspace`);
  const withOne = page.getByLabel("Directory").locator("option", { hasText: "(has one)" }).first();
  await expect(withOne).toBeAttached();
  await page.getByLabel("Directory").selectOption((await withOne.getAttribute("value"))!);
  await expect(page.getByTestId("submit-blocker")).toContainText(
    "Dave Patel already has a WorkSpace in this directory, and only one is allowed per directory.",
    { timeout: 15_000 },
  );
  await expect(page.getByRole("button", { name: "Create WorkSpace for Dave Patel" })).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath("on-behalf-refused.png"), fullPage: true });

  // Dave sees it among his WorkSpaces.
  await signOut(page);
  await signInAs(page, "dave");
  await expect(page.locator("main")).toContainText(workspaceId);
});
