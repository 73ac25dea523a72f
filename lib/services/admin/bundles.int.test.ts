import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { createCustomBundle, deleteCustomBundle, updateBundleImage } from "./bundles";

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
    const { bundleId } = await createCustomBundle(admin(), { region: REGION, name: "Finance-Std", description: "Finance image", imageId: images[0]!.imageId, computeType: "STANDARD", rootVolumeGib: 80, userVolumeGib: 50 });
    const [created] = await world.gateway.region(REGION).bundles.describeBundles({ bundleIds: [bundleId] });
    expect(created).toMatchObject({ name: "Finance-Std", computeType: "STANDARD", imageId: images[0]!.imageId });
    const other = images[1] ?? images[0]!;
    await updateBundleImage(admin(), { region: REGION, bundleId, imageId: other.imageId });
    await deleteCustomBundle(admin(), { region: REGION, bundleId });
    expect(await world.gateway.region(REGION).bundles.describeBundles({ bundleIds: [bundleId] }).catch(() => [])).toEqual([]);
    const actions = (await world.database.prisma.auditEvent.findMany({ where: { targetId: bundleId }, orderBy: { id: "asc" } })).map((e) => [e.action, e.awsRequestIds.length]);
    expect(actions).toEqual([["bundle.created", 1], ["bundle.image_updated", 1], ["bundle.deleted", 1]]);
  });

  it("refuses to delete a bundle WorkSpaces use, saying which", async () => {
    const used = await world.database.prisma.workspace.findFirstOrThrow({ where: { goneAt: null, region: REGION, userName: "alice" } });
    await expect(deleteCustomBundle(admin(), { region: REGION, bundleId: used.bundleId })).rejects.toThrow(/still use.*alice/);
    expect((await world.gateway.region(REGION).bundles.describeBundles({ bundleIds: [used.bundleId] })).length).toBe(1);
  });

  it("shows AWS's refusal for a bad image, and refuses non-admins", async () => {
    await expect(createCustomBundle(admin(), { region: REGION, name: "Nope", description: "x", imageId: "wsi-doesnotexist", computeType: "STANDARD", rootVolumeGib: 80, userVolumeGib: 50 })).rejects.toThrow(/^AWS refused/);
    await expect(createCustomBundle({ id: world.people.alice.id }, { region: REGION, name: "Nope", description: "x", imageId: "wsi-doesnotexist", computeType: "STANDARD", rootVolumeGib: 80, userVolumeGib: 50 })).rejects.toThrow("Only admins");
    const publicBundle = (await world.gateway.region(REGION).bundles.describeBundles({ owner: "AMAZON" }))[0]!;
    await expect(updateBundleImage(admin(), { region: REGION, bundleId: publicBundle.bundleId, imageId: "wsi-abcdefghi" })).rejects.toThrow(/public bundles cannot be changed/);
  });
});
