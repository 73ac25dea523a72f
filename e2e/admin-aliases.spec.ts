import {
  DeleteConnectionAliasCommand,
  DescribeConnectionAliasesCommand,
  DisassociateConnectionAliasCommand,
  WorkSpacesClient,
} from "@aws-sdk/client-workspaces";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";
import { advanceSandbox, SANDBOX, waitForText } from "./journey-helpers";
import { expectFocusOnFirstInvalid, expectPlainLanguage } from "./language-check";

// An admin sets up cross-Region redirection: one name in us-east-1 and eu-west-1, each associated with that
// Region's employees' directory, picks the primary Region, learns what people type, and sees AWS's refusal to
// delete an associated alias beside the button.

const client = (region: string) =>
  new WorkSpacesClient({ endpoint: SANDBOX, region, credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" } });
const REGIONS = ["us-east-1", "eu-west-1"];

/** Earlier runs' aliases let go of the employees' directories, so this run can associate them. */
async function clearEarlierRuns() {
  for (const region of REGIONS) {
    const aliases = (await client(region).send(new DescribeConnectionAliasesCommand({}))).ConnectionAliases ?? [];
    for (const alias of aliases.filter((a) => a.ConnectionString?.startsWith("e2e-desk-"))) {
      if (alias.Associations?.[0]?.AssociationStatus === "ASSOCIATED_WITH_OWNER_ACCOUNT")
        await client(region).send(new DisassociateConnectionAliasCommand({ AliasId: alias.AliasId! }));
    }
  }
  await advanceSandbox(2);
  for (const region of REGIONS) {
    const aliases = (await client(region).send(new DescribeConnectionAliasesCommand({}))).ConnectionAliases ?? [];
    for (const alias of aliases.filter((a) => a.ConnectionString?.startsWith("e2e-desk-") && a.State === "CREATED"))
      await client(region)
        .send(new DeleteConnectionAliasCommand({ AliasId: alias.AliasId! }))
        .catch(() => undefined);
  }
}

const regionCard = (page: Page, region: string) => page.getByRole("region", { name: new RegExp(`^${region}`) });

test("an admin sets up a connection alias pair in two Regions, chooses the primary, and is refused deleting an associated alias", async ({
  page,
}) => {
  await clearEarlierRuns();
  const name = `e2e-desk-${Date.now().toString(36)}.example.com`;

  await signInAs(page, "carol", "/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Connection aliases" }).click();
  await expect(page.getByRole("heading", { name: "Connection aliases", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "How redirection works" })).toContainText(
    "where they would otherwise enter a registration code",
  );
  await expectPlainLanguage(page);

  // A name without a domain is refused beside the field, which gets focus.
  const create = page.getByRole("region", { name: "Create a connection alias" });
  const field = create.getByLabel("Connection string");
  await field.fill("desktop");
  await create.getByRole("button", { name: "Create connection alias" }).click();
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/with a dot in it/);
  await expectFocusOnFirstInvalid(page);

  // Both Regions are chosen to begin with.
  for (const region of REGIONS) await expect(create.getByRole("checkbox", { name: region })).toBeChecked();
  await field.fill(name);
  await create.getByRole("button", { name: "Create connection alias" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByRole("status").first()).toContainText(`Created ${name}`);
  await expectPlainLanguage(page);

  // Once AWS has made each alias, associate it with the employees' directory of its Region.
  for (const [region, directory] of [
    ["us-east-1", "corp.example.com"],
    ["eu-west-1", "eu.corp.example.com"],
  ] as const) {
    const card = regionCard(page, region);
    await waitForText(page, `Directory in ${region}`, { advanceMinutes: 1, within: card });
    await card.getByLabel(`Directory in ${region}`).selectOption({ label: directory });
    await card.getByRole("button", { name: "Associate", exact: true }).click();
    await expect(card.getByRole("link", { name: directory })).toBeVisible();
  }
  await waitForText(page, /^Ready: both Regions answer/, { advanceMinutes: 1 });
  await expect(regionCard(page, "us-east-1")).toContainText("Associated");
  await expect(regionCard(page, "us-east-1")).toContainText("Connection identifier for the DNS TXT record");

  // The portal's default Region is primary until the admin chooses; the choice is kept.
  const redirection = page.getByRole("region", { name: "Redirection", exact: true });
  await expect(redirection).toContainText("us-east-1 is the primary Region (the portal's default until you choose)");
  await redirection.getByRole("radio", { name: "eu-west-1" }).check();
  await redirection.getByRole("button", { name: "Make it primary" }).click();
  await expect(redirection.getByRole("status")).toHaveText("eu-west-1 is now the primary Region.");
  await expect(redirection).toContainText("eu-west-1 is the primary Region: point the DNS failover record");
  await expect(regionCard(page, "eu-west-1").getByText("Primary", { exact: true })).toBeVisible();
  await expectPlainLanguage(page);

  // Deleting an associated alias is refused beside the button, in plain words, and AWS still has it.
  const us = regionCard(page, "us-east-1");
  await us.getByRole("button", { name: "Delete the alias in us-east-1" }).click();
  await us.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(us.getByRole("alert")).toHaveText(
    "This alias is still associated with corp.example.com. Disassociate it first, then delete it.",
  );
  const usAliases = (await client("us-east-1").send(new DescribeConnectionAliasesCommand({}))).ConnectionAliases ?? [];
  expect(usAliases.find((a) => a.ConnectionString === name)?.State).toBe("CREATED");

  // The directory's page names its alias.
  await us.getByRole("link", { name: "corp.example.com" }).click();
  await expect(page.getByRole("heading", { name: "corp.example.com", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name })).toBeVisible();
  await page.getByRole("link", { name }).click();

  // Disassociate, then delete: the alias in us-east-1 is gone, and the pair says a second Region is missing.
  const again = regionCard(page, "us-east-1");
  await again.getByRole("button", { name: "Disassociate the alias in us-east-1" }).click();
  await waitForText(page, "Directory in us-east-1", { advanceMinutes: 1, within: again });
  await again.getByRole("button", { name: "Delete the alias in us-east-1" }).click();
  await again.getByRole("button", { name: "Delete", exact: true }).click();
  await waitForText(page, /in a second Region as well/, { advanceMinutes: 1 });
  await expectPlainLanguage(page);

  // The audit log tells it in sentences.
  await page.goto("/admin/audit");
  await expect(page.getByText(`made eu-west-1 the primary Region of ${name}`).first()).toBeVisible();
  await expect(page.getByText(`deleted the connection alias ${name} in us-east-1`).first()).toBeVisible();
});
