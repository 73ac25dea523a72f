import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPolicySettings } from "@/lib/core/settings";
import { createTestWorld, type TestWorld } from "@/test/world";
import {
  associateDirectoryIpGroup,
  deregisterDirectory,
  disassociateDirectoryIpGroup,
  registerDirectory,
  updateAccessProperties,
  updateClientProperties,
  updateCreationProperties,
  updateDirectoryRequesters,
  updateSelfServicePermissions,
} from "./directories";

const REGION = "us-east-1";
let world: TestWorld;
let employeesDir: string;
let labsDir: string;

const admin = () => ({ id: world.people.carol.id });
const gw = () => world.gateway.region(REGION);
const describeDir = async (id: string) => (await gw().directories.describeDirectories([id]))[0];
const audit = async (targetId: string) => world.database.prisma.auditEvent.findMany({ where: { targetId }, orderBy: { id: "asc" } });
const mutatingCalls = () => world.calls.filter((c) => !/^(Describe|Get|List)/.test(c.operation)).length;

async function failNext(operation: string, code: string) {
  const res = await fetch(`${world.sandbox.url}/__sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Sandbox-Token": world.sandbox.controlToken },
    body: JSON.stringify({ failNext: { operation, code } }),
  });
  expect(res.ok).toBe(true);
}

beforeAll(async () => {
  world = await createTestWorld();
  const dirs = await gw().directories.describeDirectories();
  employeesDir = dirs.find((d) => d.name === "corp.example.com")!.directoryId;
  labsDir = dirs.find((d) => d.name === "labs.example.com")!.directoryId;
});
afterAll(() => world.close());

describe("directory settings", () => {
  it("changes self-service permissions in AWS and audits the change with AWS's request id", async () => {
    await updateSelfServicePermissions(admin(), {
      region: REGION,
      directoryId: employeesDir,
      permissions: { RebuildWorkspace: "DISABLED", SwitchRunningMode: "DISABLED" },
    });
    const dir = await describeDir(employeesDir);
    expect(dir?.selfservicePermissions).toMatchObject({
      RebuildWorkspace: "DISABLED",
      SwitchRunningMode: "DISABLED",
      RestartWorkspace: "ENABLED",
    });
    const [event] = await audit(employeesDir);
    expect(event).toMatchObject({ action: "directory.selfservice_updated", actorId: world.people.carol.id, targetType: "directory" });
    expect(event?.awsRequestIds).toHaveLength(1);
    expect(event?.before).toMatchObject({ RebuildWorkspace: "ENABLED" });
  });

  it("changes creation properties: default OU, custom security group, internet, local admin, maintenance", async () => {
    const properties = {
      defaultOu: "OU=Desktops,OU=Corp,DC=corp,DC=example,DC=com",
      customSecurityGroupId: "sg-0123456789abcdef0",
      enableInternetAccess: false,
      userEnabledAsLocalAdministrator: false,
      enableMaintenanceMode: false,
    };
    await updateCreationProperties(admin(), { region: REGION, directoryId: employeesDir, properties });
    expect((await describeDir(employeesDir))?.creationProperties).toMatchObject({
      DefaultOu: properties.defaultOu,
      CustomSecurityGroupId: properties.customSecurityGroupId,
      EnableInternetAccess: false,
      UserEnabledAsLocalAdministrator: false,
      EnableMaintenanceMode: false,
    });
    expect((await audit(employeesDir)).at(-1)?.action).toBe("directory.creation_updated");
  });

  it("refuses a default OU that is not a distinguished name and a malformed security group id, before calling AWS", async () => {
    const calls = world.calls.length;
    for (const defaultOu of ["Desktops", "CN=Desktops,DC=corp,DC=com", "OU=Desktops", "OU=Desktops;DC=corp"]) {
      await expect(
        updateCreationProperties(admin(), { region: REGION, directoryId: employeesDir, properties: { defaultOu } }),
      ).rejects.toThrow(/distinguished name/);
    }
    for (const customSecurityGroupId of ["sg-123", "0123456789abcdef0", "sg-0123456789ABCDEF0", "sg-0123456789abcdef"]) {
      await expect(
        updateCreationProperties(admin(), { region: REGION, directoryId: employeesDir, properties: { customSecurityGroupId } }),
      ).rejects.toThrow(/security group id/);
    }
    expect(world.calls.length).toBe(calls);
  });

  it("changes which device types may connect", async () => {
    await updateAccessProperties(admin(), {
      region: REGION,
      directoryId: employeesDir,
      properties: { DeviceTypeWeb: "DENY", DeviceTypeLinux: "DENY" },
    });
    expect((await describeDir(employeesDir))?.accessProperties).toMatchObject({
      DeviceTypeWeb: "DENY",
      DeviceTypeLinux: "DENY",
      DeviceTypeWindows: "ALLOW",
    });
    expect((await audit(employeesDir)).at(-1)?.action).toBe("directory.access_updated");
  });

  it("changes client reconnect and log upload", async () => {
    await updateClientProperties(admin(), {
      region: REGION,
      directoryId: employeesDir,
      properties: { ReconnectEnabled: "DISABLED", LogUploadEnabled: "DISABLED" },
    });
    const [client] = await gw().directories.describeClientProperties([employeesDir]);
    expect(client?.properties).toEqual({ ReconnectEnabled: "DISABLED", LogUploadEnabled: "DISABLED" });
    const event = (await audit(employeesDir)).at(-1);
    expect(event?.action).toBe("directory.client_updated");
    expect(event?.before).toEqual({ ReconnectEnabled: "ENABLED", LogUploadEnabled: "ENABLED" });
  });

  it("associates and disassociates an IP group through the IP groups service", async () => {
    const partner = (await gw().ipGroups.describeIpGroups()).find((g) => g.name === "partner-extranet")!;
    await associateDirectoryIpGroup(admin(), { region: REGION, directoryId: labsDir, groupId: partner.groupId });
    expect((await describeDir(labsDir))?.ipGroupIds).toContain(partner.groupId);
    await disassociateDirectoryIpGroup(admin(), { region: REGION, directoryId: labsDir, groupId: partner.groupId });
    expect((await describeDir(labsDir))?.ipGroupIds).not.toContain(partner.groupId);
    expect((await audit(partner.groupId)).map((e) => e.action)).toEqual(["ipgroup.associated", "ipgroup.disassociated"]);
  });

  it("sets which personas and groups may request WorkSpaces in a directory, keeping the rest of the policy", async () => {
    const before = await getPolicySettings(world.database.prisma);
    await updateDirectoryRequesters(admin(), { directoryId: labsDir, personas: ["CONTRACTOR"], groups: ["lab-users"] });
    const after = await getPolicySettings(world.database.prisma);
    expect(after.catalog.byPersona.CONTRACTOR?.directoryIds).toContain(labsDir);
    expect(after.catalog.byPersona.CONTRACTOR?.bundleIds).toEqual(before.catalog.byPersona.CONTRACTOR?.bundleIds);
    expect(after.catalog.byPersona.EMPLOYEE?.directoryIds ?? []).not.toContain(labsDir);
    expect(after.catalog.byGroup["lab-users"]).toEqual({ bundleIds: [], directoryIds: [labsDir] });
    expect(after.managerThresholdCents).toBe(before.managerThresholdCents);
    const event = (await audit(labsDir)).at(-1);
    expect(event).toMatchObject({
      action: "policy.directory_requesters_updated",
      after: { personas: ["CONTRACTOR"], groups: ["lab-users"] },
    });

    await updateDirectoryRequesters(admin(), { directoryId: labsDir, personas: [], groups: [] });
    const cleared = await getPolicySettings(world.database.prisma);
    expect(cleared.catalog.byPersona.CONTRACTOR?.directoryIds).not.toContain(labsDir);
    expect(cleared.catalog.byGroup["lab-users"]?.directoryIds).toEqual([]);
  });

  it("refuses to deregister a directory while cached WorkSpaces use it, without calling AWS", async () => {
    const calls = mutatingCalls();
    await expect(deregisterDirectory(admin(), { region: REGION, directoryId: employeesDir })).rejects.toThrow(
      /WorkSpaces? still uses? this directory \(.*\)\. Migrate or terminate/,
    );
    // The WorkSpaces are named by their users (and computer names), not by their ids.
    const refusal = await deregisterDirectory(admin(), { region: REGION, directoryId: employeesDir }).catch((e: Error) => e.message);
    expect(refusal).not.toMatch(/\bws-/);
    expect(mutatingCalls()).toBe(calls);
    expect(await describeDir(employeesDir)).toBeDefined();
  });

  it("deregisters a directory once its WorkSpaces are gone, shows AWS's own refusal before that, and registers it again", async () => {
    const inLabs = await world.database.prisma.workspace.findMany({ where: { directoryId: labsDir, goneAt: null } });
    expect(inLabs.length).toBeGreaterThan(0);
    await gw().workspaces.terminate(inLabs.map((w) => w.id));
    // The cache has not seen the terminations yet, so the portal refuses on its own.
    await expect(deregisterDirectory(admin(), { region: REGION, directoryId: labsDir })).rejects.toThrow(/still uses? this directory/);

    // The cache believes they are gone while AWS is still terminating them: AWS's refusal is shown and nothing changes.
    await world.database.prisma.workspace.updateMany({ where: { directoryId: labsDir }, data: { state: "TERMINATED" } });
    await expect(deregisterDirectory(admin(), { region: REGION, directoryId: labsDir })).rejects.toThrow(/^AWS refused: /);
    expect(await describeDir(labsDir)).toBeDefined();
    expect((await audit(labsDir)).at(-1)?.action).toBe("directory.deregister.refused");

    world.sandbox.advance(60);
    await world.sync();
    await deregisterDirectory(admin(), { region: REGION, directoryId: labsDir });
    expect(await describeDir(labsDir)).toBeUndefined();
    const deregistered = (await audit(labsDir)).at(-1);
    expect(deregistered?.action).toBe("directory.deregistered");
    expect(deregistered?.awsRequestIds).toHaveLength(1);

    const subnetIds: [string, string] = ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"];
    await registerDirectory(admin(), { region: REGION, directoryId: labsDir, subnetIds, enableSelfService: true });
    const again = await describeDir(labsDir);
    expect(again?.subnetIds).toEqual(subnetIds);
    expect(again?.selfservicePermissions.RebuildWorkspace).toBe("ENABLED");
    expect((await audit(labsDir)).at(-1)?.action).toBe("directory.registered");
    await expect(registerDirectory(admin(), { region: REGION, directoryId: labsDir, subnetIds })).rejects.toThrow(/already registered/);
  });

  it("refuses register input without two distinct subnet ids", async () => {
    const calls = world.calls.length;
    const bad = [
      ["subnet-0123456789abcdef0", "subnet-0123456789abcdef0"],
      ["subnet-0123456789abcdef0", "subnet-1"],
    ] as const;
    for (const subnetIds of bad) {
      await expect(
        registerDirectory(admin(), { region: REGION, directoryId: labsDir, subnetIds: [...subnetIds] as [string, string] }),
      ).rejects.toThrow(/two different subnets|subnet id/);
    }
    expect(world.calls.length).toBe(calls);
  });

  it("shows AWS's refusal in plain words, records the attempt and changes nothing", async () => {
    const before = await describeDir(employeesDir);
    const events = (await audit(employeesDir)).length;
    await failNext("ModifySelfservicePermissions", "AccessDeniedException");
    await expect(
      updateSelfServicePermissions(admin(), { region: REGION, directoryId: employeesDir, permissions: { RestartWorkspace: "DISABLED" } }),
    ).rejects.toThrow(/^AWS refused: /);
    expect((await describeDir(employeesDir))?.selfservicePermissions).toEqual(before?.selfservicePermissions);
    const after = await audit(employeesDir);
    expect(after.map((e) => e.action).slice(events)).toEqual(["directory.selfservice_update.refused"]);
  });

  it("refuses non-admins before anything happens", async () => {
    const calls = world.calls.length;
    const ref = { region: REGION, directoryId: employeesDir };
    for (const who of ["alice", "bob", "dave"] as const) {
      const caller = { id: world.people[who].id };
      await expect(updateSelfServicePermissions(caller, { ...ref, permissions: { RestartWorkspace: "DISABLED" } })).rejects.toThrow(
        "Only admins can do this.",
      );
      await expect(updateCreationProperties(caller, { ...ref, properties: { enableInternetAccess: true } })).rejects.toThrow("Only admins");
      await expect(updateAccessProperties(caller, { ...ref, properties: { DeviceTypeWeb: "ALLOW" } })).rejects.toThrow("Only admins");
      await expect(updateClientProperties(caller, { ...ref, properties: { ReconnectEnabled: "ENABLED" } })).rejects.toThrow("Only admins");
      await expect(updateDirectoryRequesters(caller, { directoryId: employeesDir, personas: ["CONTRACTOR"], groups: [] })).rejects.toThrow(
        "Only admins",
      );
      await expect(deregisterDirectory(caller, ref)).rejects.toThrow("Only admins");
      await expect(
        registerDirectory(caller, { ...ref, subnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"] }),
      ).rejects.toThrow("Only admins");
    }
    expect(world.calls.length).toBe(calls);
  });
});
