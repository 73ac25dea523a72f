import {
  CopyWorkspaceImageCommand,
  CreateWorkspaceBundleCommand,
  CreateWorkspaceImageCommand,
  CreateWorkspacesCommand,
  DeleteWorkspaceBundleCommand,
  DeleteWorkspaceImageCommand,
  DescribeTagsCommand,
  DescribeWorkspaceImagePermissionsCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesCommand,
  UpdateWorkspaceImagePermissionCommand,
} from "@aws-sdk/client-workspaces";
import { beforeAll, describe, expect, it } from "vitest";
import { awsError, LINUX, lookupSeed, sandboxPerFile, WIN, type SeedLookup } from "./test-helpers";

const t = sandboxPerFile();
let seed: SeedLookup;
beforeAll(async () => {
  seed = await lookupSeed(t);
});

async function newWorkspace(user: string, bundleId: string, props: { encrypted?: boolean; directoryId?: string } = {}): Promise<string> {
  const out = await t.ws().send(
    new CreateWorkspacesCommand({
      Workspaces: [
        {
          DirectoryId: props.directoryId ?? seed.employees,
          UserName: user,
          BundleId: bundleId,
          ...(props.encrypted ? { RootVolumeEncryptionEnabled: true, VolumeEncryptionKey: "alias/aws/workspaces" } : {}),
        },
      ],
    }),
  );
  expect(out.FailedRequests).toEqual([]);
  return out.PendingRequests![0]!.WorkspaceId!;
}

async function image(id: string, region = "us-east-1") {
  const out = await t.ws(region).send(new DescribeWorkspaceImagesCommand({ ImageIds: [id] }));
  return out.Images?.[0];
}

async function state(id: string) {
  const out = await t.ws().send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }));
  return out.Workspaces?.[0]?.State;
}

describe("images", () => {
  let windowsWs: string;
  let imageId: string;

  it("refuses an image of a WorkSpace that is not AVAILABLE", async () => {
    windowsWs = await newWorkspace("emp00049", seed.bundle(WIN("Standard")));
    const err = await awsError(
      t.ws().send(new CreateWorkspaceImageCommand({ Name: "too-early", Description: "PENDING source", WorkspaceId: windowsWs })),
    );
    expect(err.name).toBe("InvalidResourceStateException");
    expect(err.message).toMatch(/PENDING/);
    const missing = await awsError(
      t.ws().send(new CreateWorkspaceImageCommand({ Name: "ghost", Description: "no such WorkSpace", WorkspaceId: "ws-zzzzzzzzz" })),
    );
    expect(missing.name).toBe("ResourceNotFoundException");
  });

  it("makes an image from an AVAILABLE WorkSpace: PENDING with the WorkSpace SUSPENDED, then AVAILABLE", async () => {
    t.sandbox.advance(61);
    expect(await state(windowsWs)).toBe("AVAILABLE");
    const out = await t.ws().send(
      new CreateWorkspaceImageCommand({
        Name: "golden-2026-11",
        Description: "Golden image with Office",
        WorkspaceId: windowsWs,
        Tags: [{ Key: "team", Value: "desktop" }],
      }),
    );
    imageId = out.ImageId!;
    expect(imageId).toMatch(/^wsi-[0-9a-z]{9,63}$/);
    expect(out).toMatchObject({
      State: "PENDING",
      RequiredTenancy: "DEFAULT",
      OperatingSystem: { Type: "WINDOWS" },
      OwnerAccountId: "123456789012",
    });
    expect(await state(windowsWs)).toBe("SUSPENDED");
    const tags = await t.ws().send(new DescribeTagsCommand({ ResourceId: imageId }));
    expect(tags.TagList).toEqual([{ Key: "team", Value: "desktop" }]);
    const dup = await awsError(
      t.ws().send(new CreateWorkspaceImageCommand({ Name: "golden-2026-11", Description: "again", WorkspaceId: windowsWs })),
    );
    expect(dup.name).toBe("InvalidResourceStateException");
    t.sandbox.advance(46);
    expect(await image(imageId)).toMatchObject({ State: "AVAILABLE", Updates: { UpdateAvailable: false } });
    expect(await state(windowsWs)).toBe("AVAILABLE");
    const sameName = await awsError(
      t.ws().send(new CreateWorkspaceImageCommand({ Name: "golden-2026-11", Description: "again", WorkspaceId: windowsWs })),
    );
    expect(sameName.name).toBe("ResourceAlreadyExistsException");
  });

  it("refuses encrypted WorkSpaces and BYOL WorkSpaces on a directory without dedicated tenancy", async () => {
    const encrypted = await newWorkspace("emp00048", seed.bundle(WIN("Value")), { encrypted: true });
    const byol = await newWorkspace("emp00047", seed.customBundle("BYOL-Performance-Win11"));
    t.sandbox.advance(61);
    const enc = await awsError(
      t.ws().send(new CreateWorkspaceImageCommand({ Name: "enc", Description: "encrypted", WorkspaceId: encrypted })),
    );
    expect(enc.name).toBe("OperationNotSupportedException");
    expect(enc.message).toMatch(/encrypted/);
    const lic = await awsError(t.ws().send(new CreateWorkspaceImageCommand({ Name: "byol", Description: "byol", WorkspaceId: byol })));
    expect(lic.name).toBe("OperationNotSupportedException");
    expect(lic.message).toMatch(/dedicated tenancy/);
  });

  it("makes Amazon Linux 2 images, and refuses other Linux distributions", async () => {
    const al2 = await newWorkspace("lab00024", seed.bundle(LINUX("Standard")), { directoryId: seed.labs });
    t.sandbox.advance(21);
    const out = await t.ws().send(new CreateWorkspaceImageCommand({ Name: "al2-dev", Description: "Amazon Linux dev", WorkspaceId: al2 }));
    expect(out.OperatingSystem?.Type).toBe("LINUX");
    t.sandbox.advance(46);
    // A custom bundle whose image is Ubuntu: WorkSpaces from it report UBUNTU_22_04.
    const bundle = await t.ws().send(
      new CreateWorkspaceBundleCommand({
        BundleName: "Ubuntu-Dev",
        BundleDescription: "Ubuntu 22.04 developer desktop",
        ImageId: out.ImageId!,
        ComputeType: { Name: "STANDARD" },
        UserStorage: { Capacity: "50" },
      }),
    );
    const ubuntu = await newWorkspace("lab00023", bundle.WorkspaceBundle!.BundleId!, { directoryId: seed.labs });
    t.sandbox.advance(21);
    const err = await awsError(
      t.ws().send(new CreateWorkspaceImageCommand({ Name: "ubuntu", Description: "ubuntu", WorkspaceId: ubuntu })),
    );
    expect(err.name).toBe("OperationNotSupportedException");
    expect(err.message).toMatch(/UBUNTU_22_04/);
  });

  it("ends an image in ERROR with AWS's reason when the control API says so", async () => {
    const source = await newWorkspace("emp00046", seed.bundle(WIN("Value")));
    t.sandbox.advance(21);
    const out = await t.ws().send(new CreateWorkspaceImageCommand({ Name: "broken", Description: "will fail", WorkspaceId: source }));
    expect(
      await t.control("/__sandbox/images/fail", {
        imageId: out.ImageId,
        errorCode: "ImageCheckerFailed",
        errorMessage: "The Image Checker found a pending Windows update reboot.",
      }),
    ).toMatchObject({ ok: true, region: "us-east-1" });
    t.sandbox.advance(46);
    expect(await image(out.ImageId!)).toMatchObject({
      State: "ERROR",
      ErrorCode: "ImageCheckerFailed",
      ErrorMessage: "The Image Checker found a pending Windows update reboot.",
    });
    expect(await state(source)).toBe("AVAILABLE");
    await t.ws().send(new DeleteWorkspaceImageCommand({ ImageId: out.ImageId! }));
    expect(await image(out.ImageId!)).toBeUndefined();
  });

  it("filters by type, pages with MaxResults and reports available updates of old Windows images", async () => {
    const shared = await t.ws().send(new DescribeWorkspaceImagesCommand({ ImageType: "SHARED" }));
    expect(shared.Images!.map((i) => i.Name)).toEqual(["partner-tools"]);
    const owned = await t.ws().send(new DescribeWorkspaceImagesCommand({ ImageType: "OWNED" }));
    expect(owned.Images!.every((i) => i.OwnerAccountId === "123456789012")).toBe(true);
    expect(owned.Images!.find((i) => i.Name === "corp-win10-2025")?.Updates).toMatchObject({ UpdateAvailable: true });
    const first = await t.ws().send(new DescribeWorkspaceImagesCommand({ MaxResults: 2 }));
    expect(first.Images).toHaveLength(2);
    const rest = await t.ws().send(new DescribeWorkspaceImagesCommand({ NextToken: first.NextToken }));
    expect(first.Images!.length + rest.Images!.length).toBe(owned.Images!.length + shared.Images!.length);
  });

  it("refuses deleting an image that bundles use, naming them, and one that is shared", async () => {
    const all = (await t.ws().send(new DescribeWorkspaceImagesCommand({ ImageType: "OWNED" }))).Images!;
    const corp = all.find((i) => i.Name === "corp-win10-2025")!;
    const err = await awsError(t.ws().send(new DeleteWorkspaceImageCommand({ ImageId: corp.ImageId! })));
    expect(err.name).toBe("ResourceAssociatedException");
    expect(err.message).toContain(seed.customBundle("Corp-Standard-Win10"));
    expect(err.message).toContain(seed.customBundle("Corp-Performance-Win10"));

    await t
      .ws()
      .send(new UpdateWorkspaceImagePermissionCommand({ ImageId: imageId, AllowCopyImage: true, SharedAccountId: "111122223333" }));
    const perms = await t.ws().send(new DescribeWorkspaceImagePermissionsCommand({ ImageId: imageId }));
    expect(perms).toMatchObject({ ImageId: imageId, ImagePermissions: [{ SharedAccountId: "111122223333" }] });
    const shared = await awsError(t.ws().send(new DeleteWorkspaceImageCommand({ ImageId: imageId })));
    expect(shared.name).toBe("ResourceAssociatedException");
    expect(shared.message).toMatch(/111122223333/);
    await t
      .ws()
      .send(new UpdateWorkspaceImagePermissionCommand({ ImageId: imageId, AllowCopyImage: false, SharedAccountId: "111122223333" }));
    expect((await t.ws().send(new DescribeWorkspaceImagePermissionsCommand({ ImageId: imageId }))).ImagePermissions).toEqual([]);

    const self = await awsError(
      t.ws().send(new UpdateWorkspaceImagePermissionCommand({ ImageId: imageId, AllowCopyImage: true, SharedAccountId: "123456789012" })),
    );
    expect(self.name).toBe("InvalidParameterValuesException");
    const partner = (await t.ws().send(new DescribeWorkspaceImagesCommand({ ImageType: "SHARED" }))).Images![0]!;
    const notOwn = await awsError(
      t
        .ws()
        .send(
          new UpdateWorkspaceImagePermissionCommand({ ImageId: partner.ImageId!, AllowCopyImage: true, SharedAccountId: "111122223333" }),
        ),
    );
    expect(notOwn.name).toBe("AccessDeniedException");
    expect((await awsError(t.ws().send(new DeleteWorkspaceImageCommand({ ImageId: partner.ImageId! })))).name).toBe(
      "AccessDeniedException",
    );
  });

  it("deletes an image once no bundle uses it; an unknown id is already gone", async () => {
    const bundle = await t.ws().send(
      new CreateWorkspaceBundleCommand({
        BundleName: "Golden-Standard",
        BundleDescription: "Golden image",
        ImageId: imageId,
        ComputeType: { Name: "STANDARD" },
        UserStorage: { Capacity: "50" },
      }),
    );
    expect((await awsError(t.ws().send(new DeleteWorkspaceImageCommand({ ImageId: imageId })))).message).toContain(
      bundle.WorkspaceBundle!.BundleId!,
    );
    await t.ws().send(new DeleteWorkspaceBundleCommand({ BundleId: bundle.WorkspaceBundle!.BundleId! }));
    await t.ws().send(new DeleteWorkspaceImageCommand({ ImageId: "wsi-zzzzzzzzz" }));
    // Still kept for the copy below.
    expect((await image(imageId))?.State).toBe("AVAILABLE");
  });

  it("copies an image into another Region under a new id, PENDING until the copy is done", async () => {
    const out = await t.ws("eu-west-1").send(
      new CopyWorkspaceImageCommand({
        Name: "golden-2026-11",
        SourceImageId: imageId,
        SourceRegion: "us-east-1",
        Tags: [{ Key: "copy", Value: "yes" }],
      }),
    );
    expect(out.ImageId).toMatch(/^wsi-/);
    expect(out.ImageId).not.toBe(imageId);
    expect(await image(out.ImageId!, "eu-west-1")).toMatchObject({
      State: "PENDING",
      Name: "golden-2026-11",
      Description: "Golden image with Office",
    });
    expect(await image(out.ImageId!, "us-east-1")).toBeUndefined();
    const again = await awsError(
      t.ws("eu-west-1").send(new CopyWorkspaceImageCommand({ Name: "golden-2026-11", SourceImageId: imageId, SourceRegion: "us-east-1" })),
    );
    expect(again.name).toBe("ResourceAlreadyExistsException");
    const pendingSource = await awsError(
      t.ws().send(new CopyWorkspaceImageCommand({ Name: "copy-of-copy", SourceImageId: out.ImageId!, SourceRegion: "eu-west-1" })),
    );
    expect(pendingSource.name).toBe("ResourceUnavailableException");
    const missing = await awsError(
      t.ws().send(new CopyWorkspaceImageCommand({ Name: "nothing", SourceImageId: "wsi-zzzzzzzzz", SourceRegion: "eu-west-1" })),
    );
    expect(missing.name).toBe("ResourceNotFoundException");
    t.sandbox.advance(31);
    expect((await image(out.ImageId!, "eu-west-1"))?.State).toBe("AVAILABLE");
  });
});
