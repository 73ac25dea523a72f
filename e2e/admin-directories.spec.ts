import { DescribeWorkspaceDirectoriesCommand, WorkSpacesClient } from "@aws-sdk/client-workspaces";
import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

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

test("an admin changes a self-service permission and a creation property of the employees' directory", async ({ page }) => {
  const before = await employeesDirectory();
  expect(before.SelfservicePermissions?.RebuildWorkspace).toBe("ENABLED");
  expect(before.WorkspaceCreationProperties?.EnableMaintenanceMode).toBe(true);

  await signInAs(page, "carol", "/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Directories" }).click();
  await expect(page.getByRole("heading", { name: "Directories", level: 1 })).toBeVisible();

  const card = page.getByRole("region", { name: /^corp\.example\.com · us-east-1/ });
  await expect(card).toContainText("MFA (RADIUS)");
  await expect(card).toContainText("On · Completed · 2 RADIUS servers");

  const selfService = card.getByRole("region", { name: "Self-service permissions" });
  await selfService.getByLabel("Rebuild WorkSpace").uncheck();
  await selfService.getByRole("button", { name: "Save self-service permissions" }).click();
  await expect(selfService.getByRole("status")).toHaveText("Self-service permissions saved.");

  const creation = card.getByRole("region", { name: "Creation properties" });
  // A default OU that is not a distinguished name is refused beside the form, and nothing reaches AWS.
  await creation.getByLabel("Default OU").fill("WorkSpaces");
  await creation.getByRole("button", { name: "Save creation properties" }).click();
  await expect(creation.getByRole("alert")).toContainText("distinguished name");
  await creation.getByLabel("Default OU").fill(before.WorkspaceCreationProperties!.DefaultOu!);
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
  const reloaded = page.getByRole("region", { name: /^corp\.example\.com · us-east-1/ });
  await expect(reloaded.getByRole("region", { name: "Self-service permissions" }).getByLabel("Rebuild WorkSpace")).not.toBeChecked();
  await expect(reloaded.getByRole("region", { name: "Creation properties" }).getByLabel("Maintenance mode")).not.toBeChecked();

  // Deregistering asks first, then is refused while WorkSpaces use the directory.
  await reloaded.getByRole("button", { name: "Deregister directory" }).click();
  await reloaded.getByRole("button", { name: "Deregister", exact: true }).click();
  await expect(reloaded.getByRole("alert")).toContainText("still use this directory");
  expect((await employeesDirectory()).State).toBe("REGISTERED");

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Action").fill("directory.");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText("directory.selfservice_updated");
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText("directory.creation_updated");
});

test("a non-admin gets 403 for the directories page", async ({ page }) => {
  await signInAs(page, "bob");
  const res = await page.goto("/admin/directories");
  expect(res?.status()).toBe(403);
});
