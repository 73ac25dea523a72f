import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { signInAs } from "./helpers";
import { askForLargerCompute, cancelOpenRequest, openMyWorkspace, settle, signOut } from "./journey-helpers";
import { ADMIN_AREAS } from "./language-check";

// axe-core on every page of the portal, as each persona reaches it: a serious or critical violation fails,
// listed with its rule, the elements it found and what to fix. Checks are soft, so one run lists every page.
// The shell stays usable on a 375 px phone (no sideways scrolling) and from the keyboard (skip link first).

const BLOCKING = new Set(["serious", "critical"]);

async function axe(page: Page, where: string) {
  // A mail is shown as its recipient sees it, in a sandboxed frame that runs no script: axe cannot run inside
  // it (and would wait for it), so the frame itself is checked from outside (its title) but not its content.
  const results = await new AxeBuilder({ page }).exclude("iframe[sandbox]").analyze();
  const violations = results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ""))
    .flatMap((v) =>
      v.nodes.map(
        (node) => `${v.id} (${v.impact}) ${node.target.join(" ")}: ${node.failureSummary?.split("\n").slice(1).join(" ").trim()}`,
      ),
    );
  expect.soft(violations, `${where}: serious or critical accessibility violations`).toEqual([]);
}

async function check(page: Page, info: TestInfo, path: string, name: string, { status }: { status?: number } = {}) {
  const response = await page.goto(path);
  if (status) expect.soft(response?.status(), `${name} answers ${status}`).toBe(status);
  await settle(page);
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
  await axe(page, `${name} (${path})`);
}

async function firstLink(page: Page, path: RegExp): Promise<string | null> {
  const hrefs = await page
    .locator("main a[href]")
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
  return hrefs.find((href) => path.test(href.split(/[?#]/)[0]!)) ?? null;
}

test("sign-in, help and a missing page", async ({ page }, info) => {
  await check(page, info, "/signin", "signin");
  await check(page, info, "/help", "help");
  await check(page, info, "/no-such-page", "not-found", { status: 404 });
});

test("an employee's pages", async ({ page }, info) => {
  test.setTimeout(360_000);
  await signInAs(page, "alice");
  await check(page, info, "/", "alice-home");
  const id = await openMyWorkspace(page);
  await check(page, info, `/workspaces/${id}`, "alice-workspace");
  for (const action of ["computeType", "runningMode", "volumes", "migrate", "reboot"]) {
    await check(page, info, `/workspaces/${id}?action=${action}`, `alice-workspace-${action}`);
  }
  await check(page, info, `/workspaces/${id}/password`, "alice-password");
  await check(page, info, "/workspaces/new", "alice-new-request");
  const submit = page.getByRole("button", { name: "Submit request" });
  await expect.soft(submit, "the request form opens on something Alice can ask for, so she can submit it").toBeEnabled();
  if (await submit.isEnabled()) {
    await submit.click();
    await expect(page.getByRole("alert").first()).toBeVisible();
    await axe(page, "alice-new-request after a failed submit");
  }
  await check(page, info, "/requests", "alice-requests");
  await check(page, info, "/notifications", "alice-notifications");
  await check(page, info, "/admin", "alice-forbidden", { status: 403 });
});

test("a pending request: its page, the WorkSpace's banner, the manager's inbox and the email decision page", async ({ page }, info) => {
  test.setTimeout(360_000);
  await signInAs(page, "alice");
  await openMyWorkspace(page);
  const requestId = await askForLargerCompute(page, "Checking that every page can be used by everyone.");
  try {
    await check(page, info, `/requests/${requestId}`, "alice-request");
    await check(page, info, "/requests", "alice-requests-open");
    await signOut(page);

    // The approval mail as Bob received it, in the local outbox.
    await signInAs(page, "carol", "/admin/mail");
    await check(page, info, "/admin/mail", "carol-mail");
    const mail = page.getByRole("link", { name: "A request needs your approval" }).first();
    await mail.click();
    await settle(page);
    await axe(page, "carol-mail-message");
    const approveUrl = /Approve: (\S+)/.exec((await page.locator("pre").first().textContent()) ?? "")?.[1];
    await signOut(page);

    await signInAs(page, "bob", "/approvals");
    await check(page, info, "/approvals", "bob-approvals");
    await check(page, info, `/requests/${requestId}`, "bob-request");
    expect.soft(approveUrl, "the approval mail carries an Approve link").toBeTruthy();
    if (approveUrl) await check(page, info, new URL(approveUrl).pathname, "bob-email-decision");
    await signOut(page);
  } finally {
    await signInAs(page, "alice");
    await cancelOpenRequest(page, requestId);
  }
});

test("a manager's pages", async ({ page }, info) => {
  test.setTimeout(240_000);
  await signInAs(page, "bob");
  for (const [path, name] of [
    ["/approvals/history", "bob-approvals-history"],
    ["/approvals/delegation", "bob-delegation"],
    ["/approvals/team", "bob-team"],
    ["/reports", "bob-reports"],
    ["/requests", "bob-requests"],
    ["/notifications", "bob-notifications"],
  ] as const) {
    await check(page, info, path, name);
  }
});

test("an admin's pages", async ({ page }, info) => {
  test.setTimeout(600_000);
  await signInAs(page, "carol");
  await check(page, info, "/admin", "carol-admin");
  await check(page, info, "/reports", "carol-reports");
  await expect(async () => {
    await page.goto("/admin/fleet");
    await expect(
      page
        .locator("main")
        .getByText(/ws-|WSAMZN-/)
        .first(),
    ).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  for (const [path, name, detail] of [
    ["/admin/fleet", "carol-fleet", /^\/admin\/(fleet|workspaces)\/(?!bulk)[^/]+$/] as const,
    ...ADMIN_AREAS,
  ]) {
    await check(page, info, path, name);
    const item = detail && (await firstLink(page, detail));
    if (item) await check(page, info, item, `${name}-item`);
    if (name === "carol-users" && item) await check(page, info, `${item}/new-workspace`, "carol-user-new-workspace");
  }

  // The admin forms' messages after a failed submit are checked too.
  for (const [path, button] of [
    ["/admin/api-tokens", "Create token"],
    ["/admin/webhooks", "Add endpoint"],
    ["/admin/accounts", "Add account"],
  ] as const) {
    await page.goto(path);
    await settle(page);
    await page.getByRole("button", { name: button, exact: true }).click();
    await expect(page.locator('main [aria-invalid="true"]').first()).toBeVisible();
    await axe(page, `${path} after a failed submit`);
  }
});

test("a bulk operation's page", async ({ page }, info) => {
  test.setTimeout(240_000);
  await signInAs(page, "carol");
  // Two generated employees' WorkSpaces (never the demo people's), rebooted: the smallest bulk operation.
  const filtered = "/admin/fleet?region=us-east-1&size=2&sort=id&q=emp";
  await expect(async () => {
    await page.goto(filtered);
    await expect(
      page
        .locator("main")
        .getByText(/ws-|WSAMZN-/)
        .first(),
    ).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  const selectAll = page.getByRole("checkbox", { name: /Select all/ }).first();
  await expect(selectAll, "the fleet offers a selection to start a bulk operation from").toBeVisible();
  await selectAll.check();
  await page.getByLabel("Action").selectOption("reboot");
  await page.getByRole("button", { name: /^Reboot \d+ WorkSpaces?$/ }).click();
  await expect(page).toHaveURL(/\/admin\/fleet\/bulk\//);
  await check(page, info, new URL(page.url()).pathname, "carol-bulk-operation");
});

test("on a 375 px phone no page scrolls sideways, and the skip link comes first and leads to the content", async ({ page }, info) => {
  test.setTimeout(480_000);
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/signin");
  expect.soft(await page.evaluate(() => document.documentElement.scrollWidth), "signin fits 375 px").toBeLessThanOrEqual(375);
  await signInAs(page, "carol");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  const id = await openMyWorkspace(page);
  for (const path of [
    "/",
    `/workspaces/${id}`,
    "/workspaces/new",
    "/requests",
    "/notifications",
    "/approvals",
    "/approvals/team",
    "/reports",
    "/help",
    "/admin",
    "/admin/fleet",
    "/admin/bundles",
    "/admin/images",
    "/admin/prices",
    "/admin/policies",
    "/admin/directories",
    "/admin/ip-groups",
    "/admin/aliases",
    "/admin/audit",
    "/admin/users",
    "/admin/accounts",
    "/admin/optimizer",
    "/admin/api-tokens",
    "/admin/webhooks",
    "/admin/mail",
  ]) {
    await page.goto(path);
    await settle(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 375) await page.screenshot({ path: info.outputPath(`phone${path.replaceAll("/", "-") || "-home"}.png`), fullPage: true });
    expect.soft(width, `${path} fits a 375 px screen`).toBeLessThanOrEqual(375);
  }
});
