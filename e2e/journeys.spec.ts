import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";
import { openMyWorkspace, requestIdFrom, signOut, waitForText } from "./journey-helpers";

// One story in order on one server: the requests build on each other (one open request per WorkSpace),
// and Erin's request, submitted first, expires under the e2e policy (expiry ≈ 104 s) while the others run.
test.describe.configure({ mode: "serial" });

const shot = (page: Page, name: string, info: { outputPath: (...p: string[]) => string }) =>
  page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
let erinRequestId = "";
let aliceComputeRequestId = "";
let aliceWorkspaceId = "";

async function ask(page: Page, action: string, justification: string) {
  await page.getByRole("link", { name: action, exact: true }).click();
  await expect(page.getByRole("heading", { name: action, level: 2 })).toBeVisible();
  // The compute form starts on the current type, so it has nothing to preview until one is chosen.
  if (action !== "Change compute type") await expect(page.getByTestId("approval")).toBeVisible();
  await page.getByLabel("Justification").fill(justification);
}

test("Erin asks for more compute and nobody decides", async ({ page }, testInfo) => {
  await signInAs(page, "erin");
  await openMyWorkspace(page);
  await ask(page, "Change compute type", "Month-end close needs more power.");
  await page.getByLabel("Compute type", { exact: true }).selectOption("POWERPRO");
  await expect(page.getByTestId("approval")).toHaveText(/Needs approval from your manager/);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Pending approval");
  erinRequestId = requestIdFrom(page);
  await shot(page, "erin-pending", testInfo);
});

test("Dave requests a WorkSpace, Bob approves, it becomes available with its registration code", async ({ page }, testInfo) => {
  await signInAs(page, "dave");
  await page.getByRole("link", { name: "Request a WorkSpace" }).click();
  const directory = page.getByLabel("Directory");
  await expect(directory).toBeVisible();
  const offered = await directory.locator("option").allTextContents();
  expect(offered.length).toBeGreaterThan(0);
  for (const name of offered) expect(name).toContain("contractors.");
  // Another spec may already have given Dave a WorkSpace in one of them: pick a directory he may still ask for.
  for (const value of await directory.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))) {
    await directory.selectOption(value);
    await page.waitForTimeout(600);
    await expect(page.getByText("Checking…")).toHaveCount(0);
    await expect(page.getByTestId("approval")).toBeVisible();
    if (!(await page.getByTestId("refusal-reasons").isVisible())) break;
  }
  await page
    .getByRole("radiogroup", { name: "Bundle" })
    .getByText(/^Standard with Windows/)
    .first()
    .click();
  await page.getByLabel("Running mode").selectOption("AUTO_STOP");
  await expect(page.getByTestId("monthly-delta")).toHaveText(/\+\$\d+\.\d\d a month/);
  await expect(page.getByTestId("approval")).toHaveText(/Needs approval from your manager/);
  // A validation error keeps what was chosen.
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByLabel("Justification")).toHaveAccessibleDescription(/Say briefly why you need this\./);
  await expect(page.getByLabel("Running mode")).toHaveValue("AUTO_STOP");
  await page.getByLabel("Justification").fill("Starting on the payments project next week.");
  await shot(page, "dave-request-form", testInfo);
  await page.getByRole("button", { name: "Submit request" }).dblclick();
  await expect(page.getByTestId("request-status")).toHaveText("Pending approval");
  const requestId = requestIdFrom(page);
  await page.goto("/requests");
  await expect(page.getByRole("list", { name: "Open requests" }).getByRole("listitem")).toHaveCount(1);
  await signOut(page);

  await signInAs(page, "bob", "/approvals");
  const row = page.getByRole("listitem").filter({ hasText: "Dave Patel: New WorkSpace" });
  await expect(row).toContainText("Starting on the payments project next week.");
  await expect(row).toContainText("/ year");
  await shot(page, "bob-inbox", testInfo);
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status")).toContainText("Approved: New WorkSpace");
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByText("You approved").first()).toBeVisible();
  await signOut(page);

  await signInAs(page, "dave", `/requests/${requestId}`);
  await waitForText(page, "Completed", { advanceMinutes: 10, timeoutMs: 120_000, within: page.getByTestId("request-status") });
  // The request names the new WorkSpace; its id is secondary, copyable text beside the name.
  const created = (await page.locator("main [data-raw-id] code").first().textContent())!;
  expect(created).toMatch(/^ws-/);
  await expect(page.getByRole("link", { name: /^ws-/ })).toHaveCount(0);
  await page.goto("/");
  const card = page.getByRole("article").filter({ has: page.locator(`a[href="/workspaces/${created}"]`) });
  await expect(card.getByText("Ready")).toBeVisible();
  await expect(card.getByText(/^SLiad\+/)).toBeVisible();
  await shot(page, "dave-workspace-ready", testInfo);
});

test("Alice reboots without approval", async ({ page }, testInfo) => {
  await signInAs(page, "alice");
  aliceWorkspaceId = await openMyWorkspace(page);
  await ask(page, "Reboot", "It froze.");
  await expect(page.getByTestId("approval")).toHaveText(/No approval needed/);
  await expect(page.getByText("usually back within about 2 minutes")).toBeVisible();
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText(/Approved|In progress|Completed/);
  await waitForText(page, "Completed", { advanceMinutes: 3, within: page.getByTestId("request-status") });
  await shot(page, "alice-reboot", testInfo);
});

test("a migration to a Linux bundle is refused with the reason", async ({ page }, testInfo) => {
  await signInAs(page, "alice", `/workspaces/${aliceWorkspaceId}?action=migrate`);
  await page.getByLabel("Target bundle", { exact: true }).selectOption({
    label: (await page.getByLabel("Target bundle", { exact: true }).locator("option", { hasText: "Linux" }).first().textContent())!,
  });
  await page.getByRole("checkbox", { name: /I understand what is lost/ }).check();
  await expect(page.getByTestId("refusal-reasons")).toContainText(/Linux/);
  await expect(page.getByText("Drive C is replaced").first()).toBeVisible();
  await shot(page, "alice-migrate-refused", testInfo);
});

test("Alice asks for a larger compute type; Erin and Frank cannot touch it; Bob rejects with a comment", async ({ page }, testInfo) => {
  await signInAs(page, "alice", `/workspaces/${aliceWorkspaceId}`);
  await ask(page, "Change compute type", "Builds are slow.");
  await page.getByLabel("Compute type", { exact: true }).selectOption("POWER");
  await expect(page.getByTestId("monthly-delta")).toHaveText(/^\+\$/);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Pending approval");
  aliceComputeRequestId = requestIdFrom(page);
  await signOut(page);

  await signInAs(page, "erin");
  expect((await page.goto(`/workspaces/${aliceWorkspaceId}`))?.status()).toBe(404);
  expect((await page.goto(`/requests/${aliceComputeRequestId}`))?.status()).toBe(404);
  await page.goto("/");
  await signOut(page);

  await signInAs(page, "frank", "/approvals");
  await expect(page.getByText("Alice Nguyen")).toHaveCount(0);
  expect((await page.goto(`/requests/${aliceComputeRequestId}`))?.status()).toBe(404);
  await page.goto("/approvals");
  await signOut(page);

  await signInAs(page, "bob", "/approvals");
  const row = page.getByRole("listitem").filter({ hasText: "Alice Nguyen: Change" });
  await row.getByRole("button", { name: "Reject" }).click();
  await expect(row.getByRole("alert")).toHaveText(/Say why you reject/);
  await row.getByLabel(/Comment/).fill("Use the build farm instead.");
  await row.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByRole("status")).toContainText("Rejected");
  await signOut(page);

  await signInAs(page, "alice", `/requests/${aliceComputeRequestId}`);
  await expect(page.getByTestId("request-status")).toHaveText("Rejected");
  await expect(page.getByText("Use the build farm instead.").first()).toBeVisible();
  // The bell's name: "Notifications, 2 unread" (Chromium puts a space before the comma of the screen-reader text).
  await expect(page.getByRole("link", { name: /Notifications ?, \d+ unread/ })).toBeVisible();
  await shot(page, "alice-rejected", testInfo);
});

test("Alice grows her user volume; Bob approves from the email link; the new size shows", async ({ page }, testInfo) => {
  await signInAs(page, "alice", `/workspaces/${aliceWorkspaceId}`);
  await expect(page.getByText("User 50 GB")).toBeVisible();
  await ask(page, "Increase volumes", "Project data no longer fits.");
  await page.getByLabel("New size", { exact: true }).selectOption("100");
  await expect(page.getByTestId("approval")).toHaveText(/Needs approval from your manager/);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Pending approval");
  const requestId = requestIdFrom(page);
  await signOut(page);

  // The mail as Bob received it, read in the local outbox.
  await signInAs(page, "carol", "/admin/mail");
  await page.getByRole("link", { name: "A request needs your approval" }).first().click();
  const text = await page.locator("pre").textContent();
  expect(text).toContain("user volume");
  const approveUrl = /Approve: (\S+)/.exec(text ?? "")?.[1];
  expect(approveUrl).toBeTruthy();
  await signOut(page);

  await signInAs(page, "bob", new URL(approveUrl!).pathname);
  await expect(page.getByRole("heading", { name: "Approve this request?" })).toBeVisible();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved. The requester has been told.")).toBeVisible();
  await signOut(page);

  await signInAs(page, "alice", `/requests/${requestId}`);
  await expect(page.getByText(/Approved by Bob Martinez from the email link/)).toBeVisible();
  await waitForText(page, "Completed", { advanceMinutes: 20, within: page.getByTestId("request-status"), timeoutMs: 120_000 });
  await page.goto(`/workspaces/${aliceWorkspaceId}`);
  await expect(page.getByText("User 100 GB")).toBeVisible();
  await shot(page, "alice-volume-grown", testInfo);
});

test("Carol resets her Simple AD password; Alice is told who to ask", async ({ page }, testInfo) => {
  await signInAs(page, "carol");
  await openMyWorkspace(page);
  await page.getByRole("link", { name: "Reset my directory password" }).click();
  await expect(page.getByText(/At least 8 characters/)).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the new password").fill("short");
  await page.getByRole("button", { name: "Change my password" }).click();
  await expect(page.getByLabel("New password", { exact: true })).toHaveAccessibleDescription(/Use at least 8 characters\./);
  await page.getByLabel("New password", { exact: true }).fill("Winter-Sky-2026!");
  await page.getByLabel("Repeat the new password").fill("Winter-Sky-2026!");
  await page.getByRole("button", { name: "Change my password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "was changed" })).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveValue("");
  expect(await page.content()).not.toContain("Winter-Sky-2026!");
  await shot(page, "carol-password", testInfo);
  await signOut(page);

  await signInAs(page, "alice", `/workspaces/${aliceWorkspaceId}/password`);
  await expect(page.getByText("Ask the IT service desk to reset your password")).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
  await shot(page, "alice-password-ad-connector", testInfo);
});

test("Alice withdraws a pending request and catches up on her notifications", async ({ page }, testInfo) => {
  await signInAs(page, "alice", `/workspaces/${aliceWorkspaceId}`);
  await ask(page, "Change compute type", "Trying Power for the audit week.");
  await page.getByLabel("Compute type", { exact: true }).selectOption("POWER");
  await expect(page.getByTestId("approval")).toHaveText(/Needs approval/);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Pending approval");
  await page.getByRole("button", { name: "Cancel request" }).click();
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Cancelled");
  await expect(page.getByRole("button", { name: "Cancel request" })).toHaveCount(0);
  await page.goto(`/workspaces/${aliceWorkspaceId}`);
  await expect(page.getByRole("list", { name: "Requests for this WorkSpace" }).getByText("Cancelled").first()).toBeVisible();

  // Every transition of her earlier requests left a notification; the header counts the unread ones.
  const badge = page.getByTestId("unread-count");
  await expect(badge).toBeVisible();
  await page.getByRole("link", { name: /^Notifications/ }).click();
  const unreadText = await page.getByText(/^\d+ unread$/).textContent();
  const unread = Number(unreadText?.split(" ")[0]);
  expect(unread).toBeGreaterThan(1);
  await page.getByRole("button", { name: "Mark as read" }).first().click();
  await expect(page.getByText("Marked as read.")).toBeVisible();
  await expect(page.getByText(`${unread - 1} unread`, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByText("All notifications marked as read.")).toBeVisible();
  await expect(page.getByText("0 unread", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark as read" })).toHaveCount(0);
  await expect(badge).toHaveCount(0);
  await shot(page, "alice-notifications-read", testInfo);
});

test("Bob delegates to Frank, sees his team, and approves several requests at once", async ({ page }, testInfo) => {
  // Alice uses her WorkSpace all day (the sandbox's heavy profile): AlwaysOn would save money, so it would
  // need nobody. She asks for more compute instead, which costs more and waits for Bob.
  await signInAs(page, "alice", `/workspaces/${aliceWorkspaceId}?action=runningMode`);
  await page.getByLabel("Running mode", { exact: true }).selectOption("ALWAYS_ON");
  await expect(page.getByText(/Above about \d+ hours a month AlwaysOn is cheaper/)).toBeVisible();
  await expect(page.getByTestId("monthly-delta")).toHaveText(/^saves \$[\d,.]+ a month$/);
  await expect(page.getByTestId("approval")).toHaveText("No approval needed — it starts as soon as you submit.");
  await page.goto(`/workspaces/${aliceWorkspaceId}?action=computeType`);
  await page.getByLabel("Compute type", { exact: true }).selectOption("POWER");
  await expect(page.getByTestId("approval")).toHaveText(/Needs approval from your manager/);
  await page.getByLabel("Justification").fill("I work on it all day now.");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Pending approval");

  // A second request for Bob: Alice asks for a WorkSpace in the labs directory, where she has none yet.
  await page.goto("/workspaces/new");
  const labs = await page.getByLabel("Directory").locator("option", { hasText: "labs.example.com" }).first().getAttribute("value");
  await page.getByLabel("Directory").selectOption(labs!);
  await page.getByLabel("Justification").fill("A lab machine for the training next month.");
  await expect(page.getByTestId("approval")).toHaveText(/Needs approval/);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Pending approval");
  await signOut(page);

  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await signInAs(page, "bob", "/approvals/delegation");
  await page.getByLabel("Delegate", { exact: true }).selectOption({ label: "Frank Osei" });
  await page.getByLabel("Until (inclusive)").fill(tomorrow);
  await page.getByRole("button", { name: "Delegate my approvals" }).click();
  await expect(page.getByText("Delegation saved.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Frank Osei" })).toContainText("active now");
  await page.getByRole("link", { name: "My team" }).click();
  await expect(page.getByTestId("team-total")).toHaveText(/^\$[\d,]+\.\d\d \/ month$/);
  await expect(page.getByRole("table")).toContainText("Alice Nguyen");
  await shot(page, "bob-team", testInfo);
  await signOut(page);

  await signInAs(page, "frank", "/approvals");
  await expect(page.getByRole("listitem").filter({ hasText: "Alice Nguyen: Change" })).toContainText(
    "You are asked because Bob Martinez delegated their approvals to you.",
  );
  await signOut(page);

  await signInAs(page, "bob", "/approvals");
  await page.getByLabel("Select all").check();
  await page.getByRole("button", { name: "Approve selected (2)" }).click();
  await expect(page.getByRole("status")).toContainText("Approved 2 requests.");
  await expect(page.getByText("Nothing is waiting for you")).toBeVisible();
  await shot(page, "bob-bulk-approved", testInfo);
});

test("on a phone-width screen the pages fit without sideways scrolling", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "alice");
  for (const [path, name] of [
    ["/", "phone-home"],
    ["/workspaces/new", "phone-request-form"],
    [`/workspaces/${aliceWorkspaceId}?action=volumes`, "phone-workspace"],
    ["/requests", "phone-requests"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, name, testInfo);
  }
  // Keyboard: the skip link comes first and the bundle cards are a radio group reachable by Tab.
  await page.goto("/workspaces/new");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
});

test("Erin's undecided request expires", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await signInAs(page, "erin", `/requests/${erinRequestId}`);
  await waitForText(page, "Expired", { within: page.getByTestId("request-status"), timeoutMs: 200_000 });
  await expect(page.getByText("This request expired")).toBeVisible();
  await shot(page, "erin-expired", testInfo);
});
