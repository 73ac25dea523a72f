import { DescribeIpGroupsCommand, DescribeWorkspaceDirectoriesCommand, WorkSpacesClient } from "@aws-sdk/client-workspaces";
import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

const sandboxUrl = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? "4699"}`;
const aws = new WorkSpacesClient({
  endpoint: sandboxUrl,
  region: "us-east-1",
  credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
});

test("an admin creates an IP group with two rules and associates it with the employees' directory", async ({ page }) => {
  const dirs = (await aws.send(new DescribeWorkspaceDirectoriesCommand({}))).Directories ?? [];
  const employees = dirs.find((d) => d.DirectoryName === "corp.example.com")!;

  await signInAs(page, "carol", "/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "IP access control groups" }).click();
  await expect(page.getByRole("heading", { name: "IP access control groups", level: 1 })).toBeVisible();

  const form = page.getByRole("region", { name: "New IP group" });
  await form.getByLabel("Region").selectOption("us-east-1");
  await form.getByLabel("Name").fill("e2e-branch-offices");
  await form.getByLabel("CIDR").first().fill("10.20.0.0/16");
  await form.getByLabel("Rule description").first().fill("Branch Lyon");
  await form.getByRole("button", { name: "Add rule" }).click();
  await form.getByLabel("CIDR").nth(1).fill("10.30.0.0/999");
  await form.getByLabel("Rule description").nth(1).fill("Branch Porto");
  await form.getByRole("button", { name: "Create IP group" }).click();
  await expect(form.getByRole("alert")).toContainText("Enter an IPv4 address or CIDR range");

  await form.getByLabel("CIDR").nth(1).fill("10.30.0.0/16");
  await form.getByRole("button", { name: "Create IP group" }).click();
  await expect(form.getByRole("status")).toContainText("Created e2e-branch-offices");

  const card = page.getByRole("region", { name: /^e2e-branch-offices/ });
  await card.getByLabel("Directory").selectOption(employees.DirectoryId!);
  await card.getByRole("button", { name: "Associate" }).click();
  await expect(
    page.getByRole("region", { name: /^e2e-branch-offices/ }).getByText(`corp.example.com (${employees.DirectoryId})`),
  ).toBeVisible();

  // AWS (the sandbox) really has the group, its rules and the association.
  const groups = (await aws.send(new DescribeIpGroupsCommand({}))).Result ?? [];
  const created = groups.find((g) => g.groupName === "e2e-branch-offices");
  expect(created?.userRules?.map((r) => [r.ipRule, r.ruleDesc])).toEqual([
    ["10.20.0.0/16", "Branch Lyon"],
    ["10.30.0.0/16", "Branch Porto"],
  ]);
  const after = (await aws.send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [employees.DirectoryId!] }))).Directories?.[0];
  expect(after?.ipGroupIds).toContain(created?.groupId);

  // Deleting it now is refused, naming the directory, after a confirmation.
  const refreshed = page.getByRole("region", { name: /^e2e-branch-offices/ });
  await refreshed.getByRole("button", { name: "Delete group" }).click();
  await refreshed.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(refreshed.getByRole("alert")).toContainText("still associated with corp.example.com");
  expect(((await aws.send(new DescribeIpGroupsCommand({ GroupIds: [created!.groupId!] }))).Result ?? []).length).toBe(1);

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Action").fill("ipgroup.");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText("ipgroup.associated");
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText("ipgroup.created");
});
