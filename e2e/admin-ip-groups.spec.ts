import { DescribeIpGroupsCommand, DescribeWorkspaceDirectoriesCommand, WorkSpacesClient } from "@aws-sdk/client-workspaces";
import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { expectFocusOnFirstInvalid, expectPlainLanguage } from "./language-check";

const sandboxUrl = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? "4699"}`;
const aws = new WorkSpacesClient({
  endpoint: sandboxUrl,
  region: "us-east-1",
  credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
});

test("an admin creates an IP group with two rules, then associates it with the employees' directory on its page", async ({ page }) => {
  const dirs = (await aws.send(new DescribeWorkspaceDirectoriesCommand({}))).Directories ?? [];
  const employees = dirs.find((d) => d.DirectoryName === "corp.example.com")!;
  const name = `e2e-branch-offices-${Date.now().toString(36)}`;

  await signInAs(page, "carol", "/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "IP access control groups" }).click();
  await expect(page.getByRole("heading", { name: "IP access control groups", level: 1 })).toBeVisible();
  await expectPlainLanguage(page);

  // Creating a group is behind a button.
  await expect(page.getByLabel("CIDR")).toHaveCount(0);
  await page.getByRole("link", { name: "Create a group" }).click();
  await expect(page.getByRole("heading", { name: "Create an IP group", level: 1 })).toBeVisible();

  const form = page.getByRole("main").locator("form");
  await form.getByLabel("Region").selectOption("us-east-1");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("CIDR").first().fill("10.20.0.0/16");
  await form.getByLabel("Rule description").first().fill("Branch Lyon");
  await form.getByRole("button", { name: "Add rule" }).click();
  await form.getByLabel("CIDR").nth(1).fill("10.30.0.0/999");
  await form.getByLabel("Rule description").nth(1).fill("Branch Porto");
  await form.getByRole("button", { name: "Create IP group" }).click();

  // The bad CIDR gets focus, is outlined and described by its message; the summary names it.
  const badCidr = form.getByLabel("CIDR").nth(1);
  await expect(badCidr).toBeFocused();
  await expect(badCidr).toHaveAttribute("aria-invalid", "true");
  await expect(badCidr).toHaveAccessibleDescription(/Enter an IPv4 address or CIDR range/);
  await expect(form.getByLabel("CIDR").first()).not.toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("alert").getByRole("link", { name: "Rule 2 CIDR" })).toBeVisible();
  await expectFocusOnFirstInvalid(page);

  await badCidr.fill("10.30.0.0/16");
  await form.getByRole("button", { name: "Create IP group" }).click();

  // The new group's own page opens.
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`Created ${name}`);
  await expectPlainLanguage(page);

  // The directory chooser starts empty; associating nothing is refused beside it.
  const directories = page.getByRole("region", { name: "Directories" });
  const chooser = directories.getByLabel("Directory");
  await expect(chooser).toHaveValue("");
  await expect(chooser.locator("option:checked")).toHaveText("Choose a directory…");
  await directories.getByRole("button", { name: "Associate", exact: true }).click();
  await expect(chooser).toBeFocused();
  await expect(chooser).toHaveAccessibleDescription("Choose a directory.");

  await chooser.selectOption(employees.DirectoryId!);
  await directories.getByRole("button", { name: "Associate", exact: true }).click();
  await expect(directories.getByRole("link", { name: "corp.example.com" })).toBeVisible();
  await expect(directories.getByRole("status")).toHaveText("Associated with corp.example.com.");

  // AWS (the sandbox) really has the group, its rules and the association.
  const groups = (await aws.send(new DescribeIpGroupsCommand({}))).Result ?? [];
  const created = groups.find((g) => g.groupName === name);
  expect(created?.userRules?.map((r) => [r.ipRule, r.ruleDesc])).toEqual([
    ["10.20.0.0/16", "Branch Lyon"],
    ["10.30.0.0/16", "Branch Porto"],
  ]);
  const after = (await aws.send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [employees.DirectoryId!] }))).Directories?.[0];
  expect(after?.ipGroupIds).toContain(created?.groupId);
  await expect(page).toHaveURL(new RegExp(`/admin/ip-groups/${created!.groupId}`));

  // A bad CIDR when editing the rules: focus on it, with its message.
  const rules = page.getByRole("region", { name: "Rules" });
  await rules.getByLabel("CIDR").first().fill("300.1.1.1");
  await rules.getByRole("button", { name: "Save rules" }).click();
  await expect(rules.getByLabel("CIDR").first()).toBeFocused();
  await expect(rules.getByLabel("CIDR").first()).toHaveAccessibleDescription(/Enter an IPv4 address or CIDR range/);
  await rules.getByLabel("CIDR").first().fill("10.20.0.0/16");

  // Deleting it now is refused, naming the directory, after a confirmation.
  const del = page.getByRole("region", { name: "Delete" });
  await del.getByRole("button", { name: "Delete group" }).click();
  await del.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(del.getByRole("alert")).toContainText("still associated with corp.example.com");
  await expectPlainLanguage(page);
  expect(((await aws.send(new DescribeIpGroupsCommand({ GroupIds: [created!.groupId!] }))).Result ?? []).length).toBe(1);

  // The directory's page lists the group by name, linking back to it.
  await directories.getByRole("link", { name: "corp.example.com" }).click();
  await expect(page.getByRole("heading", { name: "corp.example.com", level: 1 })).toBeVisible();
  await page.getByRole("region", { name: "IP access control groups" }).getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

  // Once disassociated it can be deleted, and the list opens without it.
  await page.getByRole("region", { name: "Directories" }).getByRole("button", { name: "Disassociate from corp.example.com" }).click();
  await expect(page.getByRole("region", { name: "Directories" })).toContainText("No directory yet.");
  await page.getByRole("region", { name: "Delete" }).getByRole("button", { name: "Delete group" }).click();
  await page.getByRole("region", { name: "Delete" }).getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("heading", { name: "IP access control groups", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
});
