import { DescribeDirectoriesCommand, DirectoryServiceClient } from "@aws-sdk/client-directory-service";
import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { advanceSandbox, SANDBOX, waitForText } from "./journey-helpers";
import { expectFocusOnFirstInvalid, expectPlainLanguage } from "./language-check";
import { sandboxControl } from "./sandbox-control";

// An admin turns on MFA (RADIUS) for the contractors' directory, watches AWS set it up, changes it, sees AWS's
// refusal beside the form, and turns it off again. The shared secret never comes back to the page.

const ds = new DirectoryServiceClient({
  endpoint: SANDBOX,
  region: "us-east-1",
  credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
});
const SECRET = "E2E radius secret 2026!";

async function contractors() {
  const dirs = (await ds.send(new DescribeDirectoriesCommand({}))).DirectoryDescriptions ?? [];
  return dirs.find((d) => d.Name?.startsWith("contractors."))!;
}

test("an admin turns on MFA for a directory, changes it, and sees its status", async ({ page }) => {
  const before = await contractors();
  test.skip(before.RadiusSettings !== undefined, "the contractors' directory already has RADIUS from an earlier run");

  await signInAs(page, "carol", "/admin/directories");
  const row = page
    .getByRole("table", { name: "Registered directories" })
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: before.Name!, exact: true }) });
  await expect(row).toContainText("Off");
  await row.getByRole("link", { name: before.Name!, exact: true }).click();

  const section = page.getByRole("region", { name: "MFA (RADIUS)" });
  await expect(section).toContainText("MFA is off");
  await expect(section).toContainText(/persona/);

  // The form's own checks first: a bad server and a missing secret are named beside their fields.
  const form = section.getByRole("form", { name: "MFA (RADIUS) settings" });
  await form.getByLabel("RADIUS servers").fill("bad_host!");
  await form.getByRole("button", { name: "Turn on MFA" }).click();
  await expect(form.getByRole("alert").first()).toBeVisible();
  await expectFocusOnFirstInvalid(page);

  await form.getByLabel("RADIUS servers").fill("10.30.0.5\n10.30.1.5");
  await form.getByLabel("Protocol").selectOption("MS-CHAPv2");
  await form.getByLabel("Shared secret").fill(SECRET);
  await form.getByRole("button", { name: "Turn on MFA" }).click();
  await expect(form.getByRole("status")).toContainText("MFA is being turned on");
  // Two sandbox minutes pass in two real seconds at the default clock speed, so either may show first.
  await expect(section.getByTestId("radius-status")).toContainText(/MFA is on · (Being set up|Working)/);
  await expect(form.getByLabel("Shared secret")).toHaveValue("");

  // AWS finishes setting it up; the page looks again on its own while it does.
  await advanceSandbox(3);
  await waitForText(page, "MFA is on · Working", { within: page.getByTestId("radius-status") });
  await expect(page.getByTestId("radius-status")).toContainText("10.30.0.5, 10.30.1.5");
  await expect(page.getByTestId("radius-status")).toContainText("MS-CHAP v2");
  expect(await page.content()).not.toContain(SECRET);
  await expectPlainLanguage(page);
  const after = await contractors();
  expect(after.RadiusSettings).toMatchObject({ RadiusServers: ["10.30.0.5", "10.30.1.5"], AuthenticationProtocol: "MS-CHAPv2" });

  // A change without a new secret keeps the one AWS holds.
  const mfa = page.getByRole("form", { name: "MFA (RADIUS) settings" });
  await mfa.getByLabel("Timeout (seconds)").fill("10");
  await mfa.getByRole("button", { name: "Save MFA settings" }).click();
  await expect(mfa.getByRole("status")).toContainText("MFA settings sent to AWS");
  await expect.poll(async () => (await contractors()).RadiusSettings?.RadiusTimeout).toBe(10);

  // AWS's refusal is shown beside the form, in words.
  await sandboxControl("/__sandbox/faults", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      failNext: { operation: "UpdateRadius", code: "ClientException", message: "The RADIUS servers did not answer." },
    }),
  });
  await mfa.getByLabel("Retries").fill("4");
  await mfa.getByRole("button", { name: "Save MFA settings" }).click();
  await expect(mfa.getByRole("alert").first()).toContainText("AWS refused");
  await expect(mfa).toContainText("The RADIUS servers did not answer.");

  // Off again.
  await mfa.getByRole("button", { name: "Turn off MFA" }).click();
  await mfa.getByRole("button", { name: "Yes, turn off MFA" }).click();
  await expect(page.getByTestId("radius-status")).toContainText("MFA is off", { timeout: 15_000 });
  expect((await contractors()).RadiusSettings).toBeUndefined();
});

test("a Simple AD directory explains why it cannot have MFA", async ({ page }) => {
  const dirs = (await ds.send(new DescribeDirectoriesCommand({}))).DirectoryDescriptions ?? [];
  const labs = dirs.find((d) => d.Type === "SimpleAD" && d.Name === "labs.example.com")!;
  await signInAs(page, "carol", `/admin/directories/${labs.DirectoryId}`);
  const section = page.getByRole("region", { name: "MFA (RADIUS)" });
  await expect(section).toContainText("AD Connector and AWS Managed Microsoft AD directories only");
  await expect(section.getByRole("button")).toHaveCount(0);
});
