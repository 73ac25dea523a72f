import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

const PAGES = [
  "/admin",
  "/admin/bundles",
  "/admin/prices",
  "/admin/ip-groups",
  "/admin/aliases",
  "/admin/directories",
  "/admin/fleet",
  "/admin/users",
  "/admin/accounts",
  "/admin/policies",
  "/admin/audit",
  "/admin/mail",
  "/admin/bundles/new",
  "/admin/directories/register",
  "/admin/ip-groups/new",
  "/admin/rollouts",
  "/admin/rollouts/new?bundle=wsb-0123456789",
  // Item pages answer 403 before they look anything up, so a made-up id tells nothing either.
  "/admin/fleet/ws-0123456789",
  "/admin/bundles/wsb-0123456789",
  "/admin/directories/d-0123456789",
  "/admin/ip-groups/wsipg-01234567",
  "/admin/rollouts/ro_0123456789",
  "/admin/aliases/desktop.example.com",
];
const EXPORTS = ["/api/admin/fleet/export", "/api/admin/audit/export"];

for (const who of ["alice", "bob", "dave"] as const) {
  test(`${who} gets 403 for every admin page and export`, async ({ page }) => {
    await signInAs(page, who);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
    for (const path of PAGES) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
    }
    for (const path of EXPORTS) expect((await page.request.get(path)).status(), path).toBe(403);
  });
}

test("the admin sees every area in the admin navigation", async ({ page }) => {
  await signInAs(page, "carol", "/admin");
  const nav = page.getByRole("navigation", { name: "Admin" });
  for (const name of ["Bundles", "Prices", "IP access control groups", "Directories", "Fleet", "Users", "Policies", "Audit log"]) {
    await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  }
});
