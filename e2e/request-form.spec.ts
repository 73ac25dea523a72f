import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";
import { settle } from "./journey-helpers";
import { expectFocusOnFirstInvalid, expectPlainLanguage } from "./language-check";

// The "Request a WorkSpace" form opens on something the person can do: a directory where they may still
// request, the ones where they have a WorkSpace marked, what stops them said next to Submit, bundles
// filtered by operating system and protocol, a chart of cost against hours used, and a failed submit that
// puts focus on the first invalid field.

const shot = (page: Page, name: string, info: { outputPath: (...p: string[]) => string }) =>
  page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });

async function openForm(page: Page) {
  await signInAs(page, "alice", "/workspaces/new");
  await expect(page.getByRole("heading", { name: "Request a WorkSpace", level: 1 })).toBeVisible();
  await expect(page.getByTestId("approval")).toBeVisible({ timeout: 15_000 });
}

test("the form opens on a directory where Alice may request, and marks the one where she has a WorkSpace", async ({ page }, info) => {
  await openForm(page);
  const directory = page.getByLabel("Directory", { exact: true });
  const options = await directory.locator("option").allTextContents();
  const mine = options.filter((o) => o.endsWith("(you have one)"));
  expect(mine.length, "Alice has a WorkSpace in at least one offered directory").toBeGreaterThan(0);
  expect(mine.length).toBeLessThan(options.length);

  // The default is one she may request in: nothing stands in the way, Submit is enabled.
  const chosen = await directory.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]!.textContent!);
  expect(chosen).not.toContain("(you have one)");
  await expect(page.getByTestId("submit-blocker")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Submit request" })).toBeEnabled();
  await shot(page, "request-form-default", info);

  // Choosing the directory where she has one: the blocker next to Submit, in "you" words.
  await directory.selectOption({ label: mine[0]! });
  const blocker = page.getByTestId("submit-blocker");
  await expect(blocker).toContainText("You already have a WorkSpace in this directory");
  await expect(page.getByRole("button", { name: "Submit request" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Submit request" })).toHaveAttribute("aria-describedby", "request-workspace-blocker");
  await shot(page, "request-form-blocked", info);
  await expectPlainLanguage(page, { where: "request form with a blocker" });
});

test("the bundle list filters by operating system and protocol with the portal's labels", async ({ page }, info) => {
  await openForm(page);
  const list = page.getByRole("radiogroup", { name: "Bundle" });
  const all = await list.getByRole("radio").count();
  const os = page.getByLabel("Operating system");
  const systems = await os.locator("option").allTextContents();
  expect(systems).toEqual(expect.arrayContaining(["Any", "Windows", "Linux"]));
  expect(systems.join(" ")).not.toMatch(/WINDOWS|LINUX/);
  expect((await page.getByLabel("Protocol").locator("option").allTextContents()).join(" ")).not.toMatch(/\bWSP\b|PCOIP/);

  await os.selectOption({ label: "Linux" });
  const platforms = await list.getByTestId("bundle-platform").allTextContents();
  expect(platforms.length).toBeGreaterThan(0);
  expect(platforms.length).toBeLessThan(all);
  for (const p of platforms) expect(p).toMatch(/^Linux · /);
  // The chosen bundle follows the filter, and so does the estimate.
  await expect(list.getByRole("radio", { checked: true })).toHaveCount(1);
  await expect(page.getByText(/^\d+ of \d+ bundles$/)).toBeVisible();
  await shot(page, "request-form-linux", info);

  await os.selectOption({ label: "Any" });
  await expect(list.getByRole("radio")).toHaveCount(all);
});

test("a chart of monthly cost against hours used marks the break-even, with its numbers in text", async ({ page }, info) => {
  await openForm(page);
  const chart = page.getByRole("img", { name: /Monthly cost against hours used, AlwaysOn and AutoStop/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator("[data-break-even]")).toHaveCount(1);
  const figure = page.getByTestId("cost-hours-chart");
  await expect(figure).toContainText(/AlwaysOn: \$[\d,.]+ a month/);
  await expect(figure).toContainText(/AutoStop: \$[\d,.]+ a month plus \$[\d.]+ an hour used/);
  await expect(page.getByTestId("break-even")).toHaveText(/^Break-even at about \d+ hours a month/);
  const before = await page.getByTestId("break-even").textContent();

  // Another bundle, another chart: the Linux bundles cost less than the Windows ones.
  await page.getByLabel("Operating system").selectOption({ label: "Linux" });
  await expect(page.getByTestId("break-even")).toHaveText(/^Break-even at about \d+ hours a month/);
  await figure.scrollIntoViewIfNeeded();
  await figure.screenshot({ path: info.outputPath("request-form-chart.png") });
  expect(typeof before).toBe("string");
});

test("a failed submit puts focus on the first invalid field, outlined and linked to its message", async ({ page }, info) => {
  await openForm(page);
  await page.getByRole("button", { name: "Submit request" }).click();
  const justification = page.getByLabel("Justification");
  await expect(justification).toHaveAttribute("aria-invalid", "true");
  await expect(justification).toBeFocused();
  await expectFocusOnFirstInvalid(page);
  await expect(page.getByRole("alert").getByRole("link", { name: "Justification" })).toBeVisible();
  await expect(justification).toHaveAccessibleDescription(/Say briefly why you need this\./);
  await shot(page, "request-form-invalid", info);
  // axe-core on the form with its errors showing: no serious or critical violation.
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("on a phone the bundle list grows with the page instead of scrolling in its own box", async ({ page }, info) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await openForm(page);
  await settle(page);
  const list = page.getByRole("radiogroup", { name: "Bundle" });
  const box = await list.evaluate((el) => ({
    overflow: getComputedStyle(el).overflowY,
    scroll: el.scrollHeight,
    client: el.clientHeight,
  }));
  expect(box.overflow).not.toMatch(/auto|scroll/);
  expect(box.scroll).toBeLessThanOrEqual(box.client + 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await shot(page, "request-form-phone", info);
});
