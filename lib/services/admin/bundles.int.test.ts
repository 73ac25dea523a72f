import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { getCatalogDisplay as readCatalogDisplay, getPolicySettings } from "../../core/settings";
import { db } from "../../db";
import { clearBundleDisplay, createCustomBundle, deleteCustomBundle, setBundleDisplay, updateBundleImage } from "./bundles";

const getCatalogDisplay = () => readCatalogDisplay(db());

const REGION = "us-east-1";
let world: TestWorld;
const admin = () => ({ id: world.people.carol.id });

beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

describe("custom bundles", () => {
  it("creates a bundle from an image, points it at another image and deletes it, audited", async () => {
    const images = (await world.gateway.region(REGION).bundles.describeImages()).filter((i) => i.state === "AVAILABLE");
    expect(images.length).toBeGreaterThan(0);
    const { bundleId } = await createCustomBundle(admin(), {
      region: REGION,
      name: "Finance-Std",
      description: "Finance image",
      imageId: images[0]!.imageId,
      computeType: "STANDARD",
      rootVolumeGib: 80,
      userVolumeGib: 50,
    });
    const [created] = await world.gateway.region(REGION).bundles.describeBundles({ bundleIds: [bundleId] });
    expect(created).toMatchObject({ name: "Finance-Std", computeType: "STANDARD", imageId: images[0]!.imageId });
    const other = images[1] ?? images[0]!;
    await updateBundleImage(admin(), { region: REGION, bundleId, imageId: other.imageId });
    await deleteCustomBundle(admin(), { region: REGION, bundleId });
    expect(
      await world.gateway
        .region(REGION)
        .bundles.describeBundles({ bundleIds: [bundleId] })
        .catch(() => []),
    ).toEqual([]);
    const actions = (await world.database.prisma.auditEvent.findMany({ where: { targetId: bundleId }, orderBy: { id: "asc" } })).map(
      (e) => [e.action, e.awsRequestIds.length],
    );
    expect(actions).toEqual([
      ["bundle.created", 1],
      ["bundle.image_updated", 1],
      ["bundle.deleted", 1],
    ]);
  });

  it("refuses to delete a bundle WorkSpaces use, saying which", async () => {
    const used = await world.database.prisma.workspace.findFirstOrThrow({ where: { goneAt: null, region: REGION, userName: "alice" } });
    await expect(deleteCustomBundle(admin(), { region: REGION, bundleId: used.bundleId })).rejects.toThrow(/still use.*alice/);
    expect((await world.gateway.region(REGION).bundles.describeBundles({ bundleIds: [used.bundleId] })).length).toBe(1);
  });

  it("shows AWS's refusal for a bad image, and refuses non-admins", async () => {
    await expect(
      createCustomBundle(admin(), {
        region: REGION,
        name: "Nope",
        description: "x",
        imageId: "wsi-doesnotexist",
        computeType: "STANDARD",
        rootVolumeGib: 80,
        userVolumeGib: 50,
      }),
    ).rejects.toThrow(/^AWS refused/);
    await expect(
      createCustomBundle(
        { id: world.people.alice.id },
        {
          region: REGION,
          name: "Nope",
          description: "x",
          imageId: "wsi-doesnotexist",
          computeType: "STANDARD",
          rootVolumeGib: 80,
          userVolumeGib: 50,
        },
      ),
    ).rejects.toThrow("Only admins");
    const publicBundle = (await world.gateway.region(REGION).bundles.describeBundles({ owner: "AMAZON" }))[0]!;
    await expect(updateBundleImage(admin(), { region: REGION, bundleId: publicBundle.bundleId, imageId: "wsi-abcdefghi" })).rejects.toThrow(
      /public bundles cannot be changed/,
    );
  });

  it("points a custom bundle at a new image, audited with the old and new image", async () => {
    const images = (await world.gateway.region(REGION).bundles.describeImages()).filter((i) => i.state === "AVAILABLE");
    const { bundleId } = await createCustomBundle(admin(), {
      region: REGION,
      name: "Repoint",
      description: "x",
      imageId: images[0]!.imageId,
      computeType: "VALUE",
      rootVolumeGib: 80,
      userVolumeGib: 10,
    });
    const other = images.find((i) => i.imageId !== images[0]!.imageId) ?? images[0]!;
    await updateBundleImage(admin(), { region: REGION, bundleId, imageId: other.imageId });
    const [after] = await world.gateway.region(REGION).bundles.describeBundles({ bundleIds: [bundleId] });
    expect(after!.imageId).toBe(other.imageId);
    const event = await world.database.prisma.auditEvent.findFirstOrThrow({
      where: { targetId: bundleId, action: "bundle.image_updated" },
    });
    expect(event.before).toEqual({ imageId: images[0]!.imageId });
    expect(event.after).toEqual({ imageId: other.imageId });
    await expect(
      updateBundleImage({ id: world.people.alice.id }, { region: REGION, bundleId, imageId: images[0]!.imageId }),
    ).rejects.toThrow("Only admins");
    await expect(updateBundleImage(admin(), { region: REGION, bundleId, imageId: "not-an-image" })).rejects.toThrow("Choose an image.");
    await deleteCustomBundle(admin(), { region: REGION, bundleId });
  });
});

describe("catalog display names", () => {
  const offeredBundle = async () => {
    const policy = await getPolicySettings(world.database.prisma);
    return Object.values(policy.catalog.byPersona).flatMap((o) => o.bundleIds)[0]!;
  };

  it("stores a display name and description per offered bundle, audited, and clears it", async () => {
    const bundleId = await offeredBundle();
    await setBundleDisplay(admin(), { bundleId, displayName: "  Everyday desktop ", description: "Office, browser and chat." });
    expect((await getCatalogDisplay())[bundleId]).toEqual({ displayName: "Everyday desktop", description: "Office, browser and chat." });
    await setBundleDisplay(admin(), { bundleId, displayName: "Everyday desktop", description: "" });
    const events = await world.database.prisma.auditEvent.findMany({
      where: { targetId: bundleId, action: "bundle.display_set" },
      orderBy: { id: "asc" },
    });
    expect(events).toHaveLength(2);
    expect(events[1]!.before).toEqual({ displayName: "Everyday desktop", description: "Office, browser and chat." });
    await clearBundleDisplay(admin(), { region: REGION, bundleId });
    expect((await getCatalogDisplay())[bundleId]).toBeUndefined();
  });

  it("refuses a bundle no one is offered, an empty or overlong name, and non-admins", async () => {
    const bundleId = await offeredBundle();
    await expect(setBundleDisplay(admin(), { bundleId: "wsb-notoffered1", displayName: "X" })).rejects.toThrow(
      /not offered to any persona or group/,
    );
    await expect(setBundleDisplay(admin(), { bundleId, displayName: "   " })).rejects.toThrow("Give the bundle a display name.");
    await expect(setBundleDisplay(admin(), { bundleId, displayName: "x".repeat(65) })).rejects.toThrow(/under 64 characters/);
    await expect(setBundleDisplay({ id: world.people.alice.id }, { bundleId, displayName: "Mine" })).rejects.toThrow("Only admins");
    expect(await world.database.prisma.auditEvent.count({ where: { action: "bundle.display_set", targetId: "wsb-notoffered1" } })).toBe(0);
  });
});
