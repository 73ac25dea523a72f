import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { signInAs } from "./helpers";
import { askForLargerCompute, cancelOpenRequest, openMyWorkspace, settle, signOut } from "./journey-helpers";
import {
  ADMIN_AREAS,
  expectFocusOnFirstInvalid,
  expectPlainLanguage,
  expectSingleBanner,
  findLanguageOffences,
  visibleTexts,
} from "./language-check";

// One journey per persona through the pages they use, as a person reads them: no raw ws-/wsb-/d- id and no
// AWS code (AVAILABLE, AUTO_STOP, GRAPHICS_G4DN…) where a name or a label belongs, a failed submit that puts
// focus on the first invalid field, and one banner for a pending request. Each page is also screenshot.
// The checks are soft: a journey goes on to its next page and lists every page that fails.

async function look(page: Page, info: TestInfo, path: string, name: string) {
  await page.goto(path);
  await settle(page);
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
  await expectPlainLanguage(page, { soft: true, where: `${name} (${path})` });
}

/** The href of the first link in the main content whose path matches, or null when there is none. */
async function firstLink(page: Page, path: RegExp): Promise<string | null> {
  // getAttribute, not .href: an SVG link's href is not a string.
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((href) => path.test(href.split(/[?#]/)[0]!)) ?? null;
}

/** As Alice: cancels whatever she still has open, so the journeys (and reruns) find her WorkSpace free. */
async function cancelAlicesOpenRequests(page: Page) {
  await page.goto("/requests");
  await settle(page);
  const hrefs = await page
    .locator('main a[href^="/requests/"]')
    .evaluateAll((links) => [...new Set(links.map((a) => (a as HTMLAnchorElement).getAttribute("href")!.split(/[?#]/)[0]!))]);
  for (const href of hrefs) await cancelOpenRequest(page, href.split("/requests/")[1]!);
}

test("the language check reads what a person sees and skips marked ids, option values and hidden text", async ({ page }) => {
  await page.setContent(`
    <main>
      <h1>Change ws-abc12345x to PERFORMANCE</h1>
      <p>WSAMZN-LLQWLC2M <span data-raw-id><code>ws-llqwlc2mj1</code><button>Copy</button></span></p>
      <select><option value="AUTO_STOP">AutoStop</option><option value="ALWAYS_ON">ALWAYS_ON</option></select>
      <input type="hidden" name="directoryId" value="d-f28e33fdf9" />
      <p hidden>AVAILABLE</p><p style="display:none">wsb-2140o11i8</p>
      <details><summary>Before and after</summary><pre>STOPPED</pre></details>
      <td>d-f28e33fdf9</td><p>Ready · AutoStop · Graphics.g4dn · DCV</p>
    </main>`);
  const offences = findLanguageOffences(await visibleTexts(page.locator("main")));
  expect(offences.map((o) => o.match)).toEqual(["ws-abc12345x", "PERFORMANCE", "ALWAYS_ON", "d-f28e33fdf9"]);
  expect(findLanguageOffences(["Change ws-abc12345x"], [/Change ws-/])).toEqual([]);
  // A link's address in a plain-text mail carries the id; the same id as words does not pass.
  expect(findLanguageOffences(["Open in the portal: https://portal.example.com/workspaces/ws-abc12345x"])).toEqual([]);
  expect(findLanguageOffences(["Your WorkSpace ws-abc12345x restarts"]).map((o) => o.match)).toEqual(["ws-abc12345x"]);
  // AWS's bundle names carry the protocol code; the portal reads them "(DCV)" / "(PCoIP)" (bundleNameLabel).
  expect(findLanguageOffences(["Standard with Windows 10 (Server 2019 based) (DCV)", "Value with Amazon Linux 2 (PCoIP)"])).toEqual([]);
  expect(findLanguageOffences(["Standard with Windows 10 (Server 2019 based) (WSP)", "DCV (WSP)"]).map((o) => o.match)).toEqual([
    "WSP",
    "WSP",
  ]);
});

test("Alice, an employee, reads names and labels on her pages", async ({ page }, info) => {
  test.setTimeout(360_000);
  await signInAs(page, "alice");
  await cancelAlicesOpenRequests(page);
  await look(page, info, "/", "alice-home");

  const workspaceId = await openMyWorkspace(page);
  await look(page, info, `/workspaces/${workspaceId}`, "alice-workspace");
  await look(page, info, `/workspaces/${workspaceId}?action=computeType`, "alice-compute-form");
  await look(page, info, `/workspaces/${workspaceId}/password`, "alice-password");
  await look(page, info, "/notifications", "alice-notifications");

  // A pending request: its own page, then the WorkSpace page with one banner for it.
  await page.goto(`/workspaces/${workspaceId}`);
  const requestId = await askForLargerCompute(page, "Builds are slow.");
  await look(page, info, `/requests/${requestId}`, "alice-request");
  await look(page, info, "/requests", "alice-requests");
  await look(page, info, `/workspaces/${workspaceId}`, "alice-workspace-pending");
  await expectSingleBanner(page, { soft: true });

  // A failed submit of the request form: focus on the first invalid field, its message linked to it.
  await look(page, info, "/workspaces/new", "alice-new-request");
  const submit = page.getByRole("button", { name: "Submit request" });
  await expect.soft(submit, "the request form opens on something Alice can ask for, so she can submit it").toBeEnabled();
  if (await submit.isEnabled()) await submit.click();
  await expectFocusOnFirstInvalid(page, { soft: true });
  await page.screenshot({ path: info.outputPath("alice-new-request-invalid.png"), fullPage: true });
  await expectPlainLanguage(page, { soft: true, where: "alice-new-request after a failed submit" });
});

test("Bob, a manager, reads names and labels on his approvals, team and reports", async ({ page }, info) => {
  test.setTimeout(360_000);
  await signInAs(page, "bob");
  await look(page, info, "/", "bob-home");
  await look(page, info, "/approvals", "bob-approvals");
  const request = await firstLink(page, /^\/requests\/[^/]+$/);
  expect.soft(request, "Alice's pending request is in Bob's inbox with a link to it").not.toBeNull();
  if (request) await look(page, info, request, "bob-request");
  await look(page, info, "/approvals/history", "bob-approvals-history");
  await look(page, info, "/approvals/delegation", "bob-delegation");
  await look(page, info, "/approvals/team", "bob-team");
  await look(page, info, "/requests", "bob-requests");
  await look(page, info, "/notifications", "bob-notifications");
  await look(page, info, "/reports", "bob-reports");
  await look(page, info, "/workspaces/new", "bob-new-request");
});

test("Carol, an admin, reads names and labels on every admin page", async ({ page }, info) => {
  test.setTimeout(600_000);
  await signInAs(page, "carol");
  await look(page, info, "/", "carol-home");
  const workspaceId = await openMyWorkspace(page);
  await look(page, info, `/workspaces/${workspaceId}`, "carol-workspace");
  await look(page, info, "/reports", "carol-reports");
  await look(page, info, "/admin", "carol-admin");

  // The inventory syncs in the background after start-up: wait until the fleet has it.
  await expect(async () => {
    await page.goto("/admin/fleet");
    await expect(
      page
        .locator("main")
        .getByText(/ws-|WSAMZN-/)
        .first(),
    ).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await look(page, info, "/admin/fleet", "carol-fleet");
  const fleetItem = await firstLink(page, /^\/admin\/(fleet|workspaces)\/(?!bulk)[^/]+$/);
  if (fleetItem) await look(page, info, fleetItem, "carol-fleet-workspace");

  for (const [path, name, detail] of ADMIN_AREAS) {
    await look(page, info, path, name);
    const item = detail && (await firstLink(page, detail));
    if (item) await look(page, info, item, `${name}-item`);
  }
  // A mail names things as the portal does: its plain-text version is read too.
  const plainText = page.getByText("Plain-text version");
  if (await plainText.isVisible()) {
    await plainText.click();
    await expectPlainLanguage(page, { soft: true, where: "carol-mail-item, its plain-text version" });
  }

  // An admin form that fails: focus on its first invalid field, as in every form.
  for (const [path, button] of [
    ["/admin/api-tokens", "Create token"],
    ["/admin/webhooks", "Add endpoint"],
  ] as const) {
    await page.goto(path);
    await settle(page);
    await page.getByRole("button", { name: button, exact: true }).click();
    await expectFocusOnFirstInvalid(page, { soft: true });
    await expect.soft(page.getByRole("alert").filter({ hasText: "Name" }).first(), `${path}: the summary names the field`).toBeVisible();
  }
});

test("Alice withdraws what the journeys left open", async ({ page }) => {
  await signInAs(page, "alice");
  await cancelAlicesOpenRequests(page);
  await signOut(page);
});
