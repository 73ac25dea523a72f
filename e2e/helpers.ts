import { expect, type Page } from "@playwright/test";

export const PEOPLE = {
  alice: "Alice Nguyen (employee)",
  dave: "Dave Patel (contractor)",
  bob: "Bob Martinez (manager)",
  erin: "Erin Wong (employee)",
  frank: "Frank Osei (manager)",
  carol: "Carol Smith (admin)",
} as const;

export async function signInAs(page: Page, who: keyof typeof PEOPLE, path = "/") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByRole("button", { name: `Sign in as ${PEOPLE[who]}` }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}
