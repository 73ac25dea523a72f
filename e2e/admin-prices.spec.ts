import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { expectFocusOnFirstInvalid } from "./language-check";

test("an admin edits and confirms a storage price; a bad amount is refused and nothing changes", async ({ page }) => {
  await signInAs(page, "carol", "/admin/prices");
  const userPrice = page.getByLabel("User storage price us-east-1");
  const original = await userPrice.inputValue();

  await userPrice.fill("-1");
  await page.getByRole("button", { name: "Save prices" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("User storage price, us-east-1");
  await expectFocusOnFirstInvalid(page);
  // The refused edit is still unsaved: reloading asks first (the browser's own prompt), and going on drops it.
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(dialogs).toEqual(["beforeunload"]);
  await expect(page.getByLabel("User storage price us-east-1")).toHaveValue(original);

  await page.getByLabel("User storage price us-east-1").fill("0.12");
  await page.getByRole("button", { name: "Confirm today for storage in us-east-1" }).click();
  await page.getByRole("button", { name: "Save prices" }).click();
  await expect(page.locator("main").getByRole("status")).toContainText("Prices saved");
  await page.reload();
  await expect(page.getByLabel("User storage price us-east-1")).toHaveValue("0.12");
  const today = new Date().toISOString().slice(0, 10);
  await expect(page.getByRole("region", { name: "Storage prices" })).toContainText(today);

  // Put the example price back: the employee journeys estimate costs from it.
  await page.getByLabel("User storage price us-east-1").fill(original);
  await page.getByRole("button", { name: "Save prices" }).click();
  await expect(page.locator("main").getByRole("status")).toContainText("Prices saved");
});
