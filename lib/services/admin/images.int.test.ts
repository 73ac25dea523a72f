import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { getImage, imagingAssessment, listImages } from "../../queries/admin-images";
import { copyImage, createImageFromWorkspace, deleteImage, setImagePermission } from "./images";

const REGION = "us-east-1";
let world: TestWorld;
const admin = () => ({ id: world.people.carol.id });

async function newWorkspace(userName: string, bundleName: RegExp, props: { encrypted?: boolean } = {}): Promise<string> {
  const gw = world.gateway.region(REGION);
  const dirs = await gw.directories.describeDirectories();
  const directoryId = dirs.find((d) => d.name === "corp.example.com")!.directoryId;
  const bundle = (await gw.bundles.describeBundles({ owner: "AMAZON" })).find((b) => bundleName.test(b.name))!;
  await gw.workspaces.createWorkspaces([
    {
      portalRequestId: `image-test-${userName}`,
      directoryId,
      userName,
      bundleId: bundle.bundleId,
      runningMode: "ALWAYS_ON",
      ...(props.encrypted ? { rootVolumeEncrypted: true, volumeEncryptionKey: "alias/aws/workspaces" } : {}),
    },
  ]);
  world.sandbox.advance(61);
  await world.sync();
  const row = await world.database.prisma.workspace.findFirstOrThrow({ where: { userName, directoryId, goneAt: null } });
  return row.id;
}

const audit = (targetId: string) =>
  world.database.prisma.auditEvent
    .findMany({ where: { targetId }, orderBy: { id: "asc" } })
    .then((rows) => rows.map((e) => [e.action, e.awsRequestIds.length]));

beforeAll(async () => {
  world = await createTestWorld({ fleetSize: 4 });
}, 120_000);
afterAll(() => world.close());

describe("images", () => {
  let workspaceId: string;
  let imageId: string;

  it("explains every precondition of an imageable WorkSpace, makes the image and follows it to AVAILABLE, audited", async () => {
    workspaceId = await newWorkspace("dave", /^Standard with Windows.*\(WSP\)$/);
    const subject = await imagingAssessment(workspaceId);
    expect(subject?.checks.map((c) => c.ok)).toEqual([true, true, true, true]);
    const out = await createImageFromWorkspace(admin(), { workspaceId, name: "golden-2026-11", description: "Golden image" });
    imageId = out.imageId;
    expect(out.region).toBe(REGION);
    let listed = (await listImages()).images.find((i) => i.imageId === imageId);
    expect(listed).toMatchObject({ state: "PENDING", stateLabel: "Being made", owned: true, bundles: [] });
    // The WorkSpace is suspended while AWS images it, so a second image is refused with the reason.
    await world.sync();
    await expect(createImageFromWorkspace(admin(), { workspaceId, name: "again", description: "x" })).rejects.toThrow(
      /cannot be imaged\. It is suspended/,
    );
    world.sandbox.advance(46);
    listed = (await listImages()).images.find((i) => i.imageId === imageId);
    expect(listed).toMatchObject({ state: "AVAILABLE", stateLabel: "Available" });
    const detail = await getImage(REGION, imageId);
    expect(detail?.madeFrom).toMatchObject({ workspaceId, inInventory: true });
    expect(await audit(imageId)).toEqual([["image.created", 1]]);
  });

  it("refuses an encrypted WorkSpace before asking AWS, saying why", async () => {
    const encrypted = await newWorkspace("emp00020", /^Value with Windows.*\(WSP\)$/, { encrypted: true });
    const before = world.sandbox.mutationCount();
    await expect(createImageFromWorkspace(admin(), { workspaceId: encrypted, name: "enc", description: "x" })).rejects.toThrow(
      /encrypted, and AWS cannot make images of encrypted WorkSpaces/,
    );
    expect(world.sandbox.mutationCount()).toBe(before);
  });

  it("shows AWS's reason when an image ends in ERROR", async () => {
    const source = await newWorkspace("emp00021", /^Value with Windows.*\(WSP\)$/);
    const { imageId: failing } = await createImageFromWorkspace(admin(), { workspaceId: source, name: "will-fail", description: "x" });
    const res = await fetch(`${world.sandbox.url}/__sandbox/images/fail`, {
      method: "POST",
      headers: { "X-Sandbox-Token": world.sandbox.controlToken },
      body: JSON.stringify({ imageId: failing, errorCode: "ImageCheckerFailed", errorMessage: "A Windows update needs a restart." }),
    });
    expect(res.status).toBe(200);
    world.sandbox.advance(46);
    const detail = await getImage(REGION, failing);
    expect(detail?.image).toMatchObject({ state: "ERROR", stateLabel: "Failed", errorMessage: "A Windows update needs a restart." });
    await deleteImage(admin(), { region: REGION, imageId: failing });
    expect(await getImage(REGION, failing)).toBeNull();
  });

  it("refuses deleting an image bundles use, naming the bundles, without calling AWS", async () => {
    const corp = (await listImages()).images.find((i) => i.name === "corp-win10-2025" && i.region === REGION)!;
    expect(corp.bundles.map((b) => b.name).sort()).toEqual(["Corp-Performance-Win10", "Corp-Standard-Win10"]);
    const before = world.sandbox.mutationCount();
    await expect(deleteImage(admin(), { region: REGION, imageId: corp.imageId })).rejects.toThrow(
      "The bundles Corp-Performance-Win10, Corp-Standard-Win10 still use this image. Give them another image or delete them first.",
    );
    expect(world.sandbox.mutationCount()).toBe(before);
  });

  it("shares, refuses deleting while shared, unshares, copies to the other Region and deletes, each audited", async () => {
    await setImagePermission(admin(), { region: REGION, imageId, accountId: "111122223333", allow: true });
    expect((await getImage(REGION, imageId))?.sharedWith).toEqual(["111122223333"]);
    await expect(deleteImage(admin(), { region: REGION, imageId })).rejects.toThrow(/shared with 111122223333/);
    await setImagePermission(admin(), { region: REGION, imageId, accountId: "111122223333", allow: false });
    const copy = await copyImage(admin(), { region: REGION, imageId, targetRegion: "eu-west-1", name: "golden-2026-11" });
    expect(copy.region).toBe("eu-west-1");
    expect((await getImage("eu-west-1", copy.imageId))?.image.state).toBe("PENDING");
    await deleteImage(admin(), { region: REGION, imageId });
    expect(await audit(imageId)).toEqual([
      ["image.created", 1],
      ["image.shared", 1],
      ["image.unshared", 1],
      ["image.deleted", 1],
    ]);
    expect(await audit(copy.imageId)).toEqual([["image.copied", 1]]);
  });

  it("records AWS's own refusal as an attempt, in AWS's words", async () => {
    const partner = (await listImages()).images.find((i) => !i.owned && i.region === REGION)!;
    await expect(
      setImagePermission(admin(), { region: REGION, imageId: partner.imageId, accountId: "111122223333", allow: true }),
    ).rejects.toThrow(/only its owner/);
    const copyName = "golden-2026-11";
    const corp = (await listImages()).images.find((i) => i.name === "corp-win10-2025" && i.region === REGION)!;
    await expect(copyImage(admin(), { region: REGION, imageId: corp.imageId, targetRegion: "eu-west-1", name: copyName })).rejects.toThrow(
      /AWS refused: .*already exists/,
    );
    // The portal's own refusals (not the owner; a bundle uses it) asked AWS nothing and are not attempts.
    expect(await audit(corp.imageId)).toEqual([["image.copy.refused", 1]]);
  });

  it("refuses non-admins", async () => {
    await expect(
      createImageFromWorkspace({ id: world.people.alice.id }, { workspaceId: "ws-zz0000000", name: "x", description: "x" }),
    ).rejects.toThrow("Only admins can do this.");
  });
});
