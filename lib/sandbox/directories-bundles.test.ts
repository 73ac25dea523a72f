import {
  CreateWorkspaceBundleCommand,
  CreateWorkspacesCommand,
  DeleteWorkspaceBundleCommand,
  DeregisterWorkspaceDirectoryCommand,
  DescribeClientPropertiesCommand,
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspaceImagesCommand,
  ModifyClientPropertiesCommand,
  ModifySelfservicePermissionsCommand,
  ModifyWorkspaceAccessPropertiesCommand,
  ModifyWorkspaceCreationPropertiesCommand,
  RegisterWorkspaceDirectoryCommand,
  UpdateWorkspaceBundleCommand,
} from "@aws-sdk/client-workspaces";
import { beforeAll, describe, expect, it } from "vitest";
import { awsErrorName, lookupSeed, sandboxPerFile, WIN, type SeedLookup } from "./test-helpers";

const t = sandboxPerFile();
let seed: SeedLookup;
beforeAll(async () => {
  seed = await lookupSeed(t);
});

describe("bundles and images", () => {
  it("lists Amazon's public bundles for every compute type, OS and protocol, 25 per page", async () => {
    const first = await t.ws().send(new DescribeWorkspaceBundlesCommand({ Owner: "AMAZON" }));
    expect(first.Bundles).toHaveLength(25);
    const second = await t.ws().send(new DescribeWorkspaceBundlesCommand({ Owner: "AMAZON", NextToken: first.NextToken }));
    const all = [...first.Bundles!, ...second.Bundles!];
    expect(new Set(all.map((b) => b.ComputeType?.Name))).toEqual(
      new Set(["VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO", "GRAPHICS_G4DN", "GRAPHICSPRO_G4DN"]),
    );
    expect(all.some((b) => b.Name?.includes("Linux") && b.Name.includes("PCOIP"))).toBe(true);
    expect(all.find((b) => b.ComputeType?.Name === "POWER")).toMatchObject({
      RootStorage: { Capacity: "175" },
      UserStorage: { Capacity: "100" },
    });
  });

  it("lists the account's custom and BYOL bundles by default, and refuses combining ids with owner", async () => {
    const own = await t.ws().send(new DescribeWorkspaceBundlesCommand({}));
    expect(own.Bundles!.map((b) => b.Name)).toEqual(expect.arrayContaining(["Corp-Standard-Win10", "BYOL-Performance-Win11"]));
    expect(
      await awsErrorName(t.ws().send(new DescribeWorkspaceBundlesCommand({ Owner: "AMAZON", BundleIds: [seed.bundle(WIN("Value"))] }))),
    ).toBe("InvalidParameterValuesException");
  });

  it("describes owned and shared images", async () => {
    const owned = await t.ws().send(new DescribeWorkspaceImagesCommand({ ImageType: "OWNED" }));
    expect(owned.Images!.some((i) => i.RequiredTenancy === "DEDICATED")).toBe(true);
    const shared = await t.ws().send(new DescribeWorkspaceImagesCommand({ ImageType: "SHARED" }));
    expect(shared.Images).toHaveLength(1);
    const paged = await t.ws().send(new DescribeWorkspaceImagesCommand({ MaxResults: 2 }));
    expect(paged.Images).toHaveLength(2);
    expect(paged.NextToken).toBeTruthy();
  });

  it("creates, updates and deletes a custom bundle with AWS's refusals", async () => {
    const images = (await t.ws().send(new DescribeWorkspaceImagesCommand({ ImageType: "OWNED" }))).Images!;
    const image = images.find((i) => i.Name === "corp-win10-2026")!;
    const input = {
      BundleName: "Team-Bundle",
      BundleDescription: "For the team",
      ImageId: image.ImageId!,
      ComputeType: { Name: "STANDARD" as const },
      UserStorage: { Capacity: "50" },
      RootStorage: { Capacity: "80" },
    };
    const created = await t.ws().send(new CreateWorkspaceBundleCommand(input));
    const id = created.WorkspaceBundle!.BundleId!;
    expect(await awsErrorName(t.ws().send(new CreateWorkspaceBundleCommand(input)))).toBe("ResourceAlreadyExistsException");
    expect(
      await awsErrorName(t.ws().send(new CreateWorkspaceBundleCommand({ ...input, BundleName: "Other", ImageId: "wsi-unknown00" }))),
    ).toBe("ResourceNotFoundException");
    expect(
      await awsErrorName(t.ws().send(new CreateWorkspaceBundleCommand({ ...input, BundleName: "Other", UserStorage: { Capacity: "33" } }))),
    ).toBe("InvalidParameterValuesException");
    const corp = images.find((i) => i.Name === "corp-win10-2025")!;
    await t.ws().send(new UpdateWorkspaceBundleCommand({ BundleId: id, ImageId: corp.ImageId! }));
    const after = await t.ws().send(new DescribeWorkspaceBundlesCommand({ BundleIds: [id] }));
    expect(after.Bundles![0]!.ImageId).toBe(corp.ImageId);
    expect(
      await awsErrorName(t.ws().send(new UpdateWorkspaceBundleCommand({ BundleId: seed.bundle(WIN("Value")), ImageId: corp.ImageId! }))),
    ).toBe("AccessDeniedException");
    const used = await t
      .ws()
      .send(new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId: seed.employees, UserName: "emp00045", BundleId: id }] }));
    expect(used.FailedRequests).toEqual([]);
    expect(await awsErrorName(t.ws().send(new DeleteWorkspaceBundleCommand({ BundleId: id })))).toBe("ResourceAssociatedException");
    expect(await awsErrorName(t.ws().send(new DeleteWorkspaceBundleCommand({ BundleId: "wsb-unknown00" })))).toBe(
      "ResourceNotFoundException",
    );
    const spare = await t.ws().send(new CreateWorkspaceBundleCommand({ ...input, BundleName: "Spare" }));
    await t.ws().send(new DeleteWorkspaceBundleCommand({ BundleId: spare.WorkspaceBundle!.BundleId! }));
    expect((await t.ws().send(new DescribeWorkspaceBundlesCommand({ BundleIds: [spare.WorkspaceBundle!.BundleId!] }))).Bundles).toEqual([]);
  });
});

describe("directories", () => {
  it("describes the persona directories with their creation properties", async () => {
    const out = await t.ws().send(new DescribeWorkspaceDirectoriesCommand({}));
    const byId = Object.fromEntries(out.Directories!.map((d) => [d.DirectoryId, d]));
    expect(byId[seed.employees]).toMatchObject({
      DirectoryType: "AD_CONNECTOR",
      State: "REGISTERED",
      WorkspaceCreationProperties: { EnableInternetAccess: true, UserEnabledAsLocalAdministrator: true },
    });
    expect(byId[seed.contractors]).toMatchObject({
      DirectoryType: "AD_CONNECTOR",
      WorkspaceCreationProperties: { EnableInternetAccess: false, UserEnabledAsLocalAdministrator: false },
    });
    expect(byId[seed.labs]?.DirectoryType).toBe("SIMPLE_AD");
    const paged = await t.ws().send(new DescribeWorkspaceDirectoriesCommand({ Limit: 2 }));
    expect(paged.Directories).toHaveLength(2);
    const rest = await t.ws().send(new DescribeWorkspaceDirectoriesCommand({ Limit: 2, NextToken: paged.NextToken }));
    expect(rest.Directories).toHaveLength(1);
  });

  it("modifies self-service, creation, access and client properties", async () => {
    await t
      .ws()
      .send(new ModifySelfservicePermissionsCommand({ ResourceId: seed.labs, SelfservicePermissions: { ChangeComputeType: "ENABLED" } }));
    await t.ws().send(
      new ModifyWorkspaceCreationPropertiesCommand({
        ResourceId: seed.labs,
        WorkspaceCreationProperties: { EnableInternetAccess: false, CustomSecurityGroupId: "sg-0123456789abcdef0" },
      }),
    );
    await t
      .ws()
      .send(new ModifyWorkspaceAccessPropertiesCommand({ ResourceId: seed.labs, WorkspaceAccessProperties: { DeviceTypeWeb: "DENY" } }));
    await t.ws().send(new ModifyClientPropertiesCommand({ ResourceId: seed.labs, ClientProperties: { ReconnectEnabled: "DISABLED" } }));
    const dir = (await t.ws().send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [seed.labs] }))).Directories![0]!;
    expect(dir.SelfservicePermissions?.ChangeComputeType).toBe("ENABLED");
    expect(dir.WorkspaceCreationProperties).toMatchObject({ EnableInternetAccess: false, CustomSecurityGroupId: "sg-0123456789abcdef0" });
    expect(dir.WorkspaceAccessProperties?.DeviceTypeWeb).toBe("DENY");
    const client = await t.ws().send(new DescribeClientPropertiesCommand({ ResourceIds: [seed.labs] }));
    expect(client.ClientPropertiesList![0]!.ClientProperties?.ReconnectEnabled).toBe("DISABLED");
    const unknown = "d-0000000000";
    expect(
      await awsErrorName(t.ws().send(new ModifySelfservicePermissionsCommand({ ResourceId: unknown, SelfservicePermissions: {} }))),
    ).toBe("ResourceNotFoundException");
    expect(
      await awsErrorName(
        t.ws().send(new ModifyWorkspaceCreationPropertiesCommand({ ResourceId: seed.labs, WorkspaceCreationProperties: {} })),
      ),
    ).toBe("InvalidParameterValuesException");
    expect(
      await awsErrorName(t.ws().send(new ModifyWorkspaceAccessPropertiesCommand({ ResourceId: unknown, WorkspaceAccessProperties: {} }))),
    ).toBe("ResourceNotFoundException");
    expect(await awsErrorName(t.ws().send(new DescribeClientPropertiesCommand({ ResourceIds: [unknown] })))).toBe(
      "ResourceNotFoundException",
    );
    expect(await awsErrorName(t.ws().send(new ModifyClientPropertiesCommand({ ResourceId: unknown, ClientProperties: {} })))).toBe(
      "ResourceNotFoundException",
    );
    expect(
      await awsErrorName(
        t.ws().send(
          new ModifyWorkspaceCreationPropertiesCommand({
            ResourceId: seed.labs,
            WorkspaceCreationProperties: { CustomSecurityGroupId: "not-a-group" },
          }),
        ),
      ),
    ).toBe("ValidationException");
  });

  it("deregisters only a directory without WorkSpaces, and registers it again", async () => {
    expect(await awsErrorName(t.ws().send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: seed.contractors })))).toBe(
      "InvalidResourceStateException",
    );
    const eu = await lookupSeed(t, "eu-west-1");
    const euDirs = (await t.ws("eu-west-1").send(new DescribeWorkspaceDirectoriesCommand({}))).Directories!;
    expect(euDirs.map((d) => d.DirectoryId)).toContain(eu.employees);
    expect(await awsErrorName(t.ws().send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: seed.employees })))).toBe(
      "InvalidResourceStateException",
    );
    expect(await awsErrorName(t.ws().send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: "d-0000000000" })))).toBe(
      "ResourceNotFoundException",
    );
    expect(await awsErrorName(t.ws().send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: "d-0000000000" })))).toBe(
      "ResourceNotFoundException",
    );
  });

  it("registers a directory that has no WorkSpaces after deregistering it", async () => {
    t.sandbox.reset();
    const seedAgain = await lookupSeed(t);
    const { TerminateWorkspacesCommand, DescribeWorkspacesCommand } = await import("@aws-sdk/client-workspaces");
    const labs = (await t.ws().send(new DescribeWorkspacesCommand({ DirectoryId: seedAgain.labs }))).Workspaces!;
    await t.ws().send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: labs.map((w) => ({ WorkspaceId: w.WorkspaceId! })) }));
    t.sandbox.advance(10);
    await t.ws().send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: seedAgain.labs }));
    expect((await t.ws().send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [seedAgain.labs] }))).Directories).toEqual([]);
    await t.ws().send(
      new RegisterWorkspaceDirectoryCommand({
        DirectoryId: seedAgain.labs,
        EnableSelfService: true,
        Tags: [{ Key: "Team", Value: "Labs" }],
      }),
    );
    const dir = (await t.ws().send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [seedAgain.labs] }))).Directories![0]!;
    expect(dir).toMatchObject({ State: "REGISTERED", SelfservicePermissions: { RebuildWorkspace: "ENABLED" } });
  });
});
