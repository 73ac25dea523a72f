import { DescribeWorkspaceDirectoriesCommand, WorkSpacesClient } from "@aws-sdk/client-workspaces";
import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { expectFocusOnFirstInvalid, expectPlainLanguage } from "./language-check";

const sandboxUrl = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? "4699"}`;
const aws = new WorkSpacesClient({
  endpoint: sandboxUrl,
  region: "us-east-1",
  credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
});

async function employeesDirectory() {
  const dirs = (await aws.send(new DescribeWorkspaceDirectoriesCommand({}))).Directories ?? [];
  return dirs.find((d) => d.DirectoryName === "corp.example.com")!;
}

test("an admin opens a directory from the list and changes its settings, section by section", async ({ page }) => {
  const before = await employeesDirectory();
  expect(before.SelfservicePermissions?.RebuildWorkspace).toBe("ENABLED");
  expect(before.WorkspaceCreationProperties?.EnableMaintenanceMode).toBe(true);

  await signInAs(page, "carol", "/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Directories" }).click();
  await expect(page.getByRole("heading", { name: "Directories", level: 1 })).toBeVisible();

  // The list names each directory with its type and settings at a glance; the id is secondary text.
  const list = page.getByRole("table", { name: "Registered directories" });
  const row = list.getByRole("row").filter({ has: page.getByRole("link", { name: "corp.example.com", exact: true }) });
  await expect(row).toContainText("AD Connector");
  await expect(row).toContainText("us-east-1");
  await expect(row.locator("[data-raw-id]")).toHaveText(before.DirectoryId!);
  await expectPlainLanguage(page);
  // Nothing is edited on the list: no forms, no Save buttons.
  await expect(page.getByRole("main").getByRole("button", { name: /^Save/ })).toHaveCount(0);

  await row.getByRole("link", { name: "corp.example.com", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/directories/${before.DirectoryId}$`));
  await expect(page.getByRole("heading", { name: "corp.example.com", level: 1 })).toBeVisible();
  await expect(page.locator("main [data-raw-id]").first()).toContainText(before.DirectoryId!);
  await expect(page.getByRole("main")).toContainText("MFA (RADIUS)");
  await expect(page.getByRole("main")).toContainText("On · Working · 2 RADIUS servers");
  await expectPlainLanguage(page);

  const settings = page.getByRole("region", { name: "What users may do" });
  await settings.getByLabel("Rebuild WorkSpace").uncheck();
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByRole("status")).toHaveText("Saved self-service permissions.");

  const creation = page.getByRole("region", { name: "Creation properties" });
  // A default OU that is not a distinguished name is refused beside its field, which gets focus; nothing reaches AWS.
  await creation.getByLabel("Default OU").fill("WorkSpaces");
  await creation.getByRole("button", { name: "Save creation properties" }).click();
  await expect(creation.getByLabel("Default OU")).toBeFocused();
  await expect(creation.getByLabel("Default OU")).toHaveAttribute("aria-invalid", "true");
  await expect(creation.getByLabel("Default OU")).toHaveAccessibleDescription(/distinguished name/);
  await expect(creation.getByRole("alert")).toContainText("Default OU");
  await expectFocusOnFirstInvalid(page);

  // So is a security group that is not one, with its own message next to it.
  await creation.getByLabel("Default OU").fill(before.WorkspaceCreationProperties!.DefaultOu!);
  await creation.getByLabel("Custom security group").fill("sg-123");
  await creation.getByRole("button", { name: "Save creation properties" }).click();
  const securityGroup = creation.getByLabel("Custom security group");
  await expect(securityGroup).toBeFocused();
  await expect(securityGroup).toHaveAttribute("aria-invalid", "true");
  await expect(securityGroup).toHaveAccessibleDescription(/security group id/);
  await expect(creation.getByLabel("Default OU")).not.toHaveAttribute("aria-invalid", "true");
  await expect(creation.getByRole("alert").getByRole("link", { name: "Custom security group" })).toBeVisible();

  await securityGroup.fill(before.WorkspaceCreationProperties?.CustomSecurityGroupId ?? "");
  await creation.getByLabel("Maintenance mode").uncheck();
  await creation.getByRole("button", { name: "Save creation properties" }).click();
  await expect(creation.getByRole("status")).toContainText("Creation properties saved.");

  // AWS (the sandbox) really has the new settings; the rest is untouched.
  const after = await employeesDirectory();
  expect(after.SelfservicePermissions).toMatchObject({ RebuildWorkspace: "DISABLED", RestartWorkspace: "ENABLED" });
  expect(after.WorkspaceCreationProperties).toMatchObject({
    EnableMaintenanceMode: false,
    DefaultOu: before.WorkspaceCreationProperties!.DefaultOu,
  });

  // The page shows what AWS now says after a reload.
  await page.reload();
  await expect(page.getByRole("region", { name: "What users may do" }).getByLabel("Rebuild WorkSpace")).not.toBeChecked();
  await expect(page.getByRole("region", { name: "Creation properties" }).getByLabel("Maintenance mode")).not.toBeChecked();

  // The IP group chooser starts empty; associating nothing is refused beside it.
  const ipGroups = page.getByRole("region", { name: "IP access control groups" });
  const chooser = ipGroups.getByLabel("Associate an IP group");
  await expect(chooser).toHaveValue("");
  await expect(chooser.locator("option:checked")).toHaveText("Choose an IP group…");
  await ipGroups.getByRole("button", { name: "Associate", exact: true }).click();
  await expect(chooser).toBeFocused();
  await expect(chooser).toHaveAccessibleDescription("Choose an IP group.");

  // Deregistering asks first, then is refused while WorkSpaces use the directory, naming them without ids.
  const deregister = page.getByRole("region", { name: "Deregister" });
  await deregister.getByRole("button", { name: "Deregister directory" }).click();
  await deregister.getByRole("button", { name: "Deregister", exact: true }).click();
  await expect(deregister.getByRole("alert")).toContainText("still use this directory");
  await expectPlainLanguage(page);
  expect((await employeesDirectory()).State).toBe("REGISTERED");
});

test("registering a directory is behind a button, with its own page that leads", async ({ page }) => {
  await signInAs(page, "carol", "/admin/directories");
  await page.getByRole("link", { name: "Register a directory" }).click();
  await expect(page.getByRole("heading", { name: "Register a directory", level: 1 })).toBeVisible();
  const chooser = page.getByLabel("Directory", { exact: true });
  if (await chooser.count()) {
    await expect(chooser).toHaveValue("");
    await page.getByRole("button", { name: "Register directory" }).click();
    await expect(chooser).toBeFocused();
    await expect(chooser).toHaveAccessibleDescription("Choose a directory.");
  } else {
    await expect(page.getByRole("main")).toContainText("already registered");
  }
  await page.getByRole("link", { name: "All directories" }).click();
  await expect(page.getByRole("heading", { name: "Directories", level: 1 })).toBeVisible();
});

test("leaving a directory's page with unsaved edits asks first; its password-reset instructions have their own section", async ({
  page,
}) => {
  const dir = await employeesDirectory();
  await signInAs(page, "carol", `/admin/directories/${dir.DirectoryId}`);
  await expect(page.getByRole("region", { name: "Password reset" }).getByLabel("Instructions")).toBeVisible();

  const settings = page.getByRole("region", { name: "What users may do" });
  const logs = settings.getByLabel("Upload client logs");
  const was = await logs.isChecked();
  await logs.setChecked(!was);
  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole("link", { name: "All directories" }).click();
  await expect.poll(() => asked).toEqual([expect.stringContaining("unsaved changes")]);
  await expect(page.getByRole("heading", { name: "corp.example.com", level: 1 })).toBeVisible();

  // Put back as it was, nothing is unsaved: the list opens without a question.
  await logs.setChecked(was);
  await page.getByRole("link", { name: "All directories" }).click();
  await expect(page.getByRole("heading", { name: "Directories", level: 1 })).toBeVisible();
  expect(asked).toHaveLength(1);
});

test("a non-admin gets 403 for the directories pages", async ({ page }) => {
  await signInAs(page, "bob");
  const dir = await employeesDirectory();
  for (const path of ["/admin/directories", `/admin/directories/${dir.DirectoryId}`, "/admin/directories/register"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page).not.toHaveTitle(/corp\.example\.com/);
  }
});
