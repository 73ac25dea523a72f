import { CreateTagsCommand, DeleteTagsCommand, DescribeIpGroupsCommand, DescribeTagsCommand } from "@aws-sdk/client-workspaces";
import { beforeAll, describe, expect, it } from "vitest";
import { awsErrorName, lookupSeed, sandboxPerFile, WIN, type SeedLookup } from "./test-helpers";

// Tags on the resources the admin pages tag besides WorkSpaces: custom bundles and IP access control
// groups, through the real SDK client. Amazon's public bundles take no tags.

const t = sandboxPerFile();
let seed: SeedLookup;
beforeAll(async () => {
  seed = await lookupSeed(t);
});

const tags = (id: string) =>
  t
    .ws()
    .send(new DescribeTagsCommand({ ResourceId: id }))
    .then((out) => out.TagList ?? []);

describe("tags on bundles and IP groups", () => {
  it("adds, overwrites and deletes a custom bundle's tags", async () => {
    const id = seed.customBundle("Corp-Standard-Win10");
    await t.ws().send(
      new CreateTagsCommand({
        ResourceId: id,
        Tags: [
          { Key: "CostCenter", Value: "CC-1" },
          { Key: "Team", Value: "Desktop" },
        ],
      }),
    );
    await t.ws().send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: "CostCenter", Value: "CC-2" }] }));
    expect(await tags(id)).toEqual(
      expect.arrayContaining([
        { Key: "CostCenter", Value: "CC-2" },
        { Key: "Team", Value: "Desktop" },
      ]),
    );
    await t.ws().send(new DeleteTagsCommand({ ResourceId: id, TagKeys: ["Team"] }));
    expect((await tags(id)).map((tag) => tag.Key)).toEqual(["CostCenter"]);
  });

  it("refuses to tag Amazon's public bundles but describes them", async () => {
    const id = seed.bundle(WIN("Standard"));
    expect(await awsErrorName(t.ws().send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: "Team", Value: "x" }] })))).toBe(
      "InvalidParameterValuesException",
    );
    expect(await awsErrorName(t.ws().send(new DeleteTagsCommand({ ResourceId: id, TagKeys: ["Team"] })))).toBe(
      "InvalidParameterValuesException",
    );
    expect(await tags(id)).toEqual([]);
  });

  it("tags an IP group up to 50 tags, counting the ones it has", async () => {
    const group = (await t.ws().send(new DescribeIpGroupsCommand({}))).Result!.find((g) => g.groupName === "office-networks")!;
    const id = group.groupId!;
    const first = Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await t.ws().send(new CreateTagsCommand({ ResourceId: id, Tags: first }));
    await t.ws().send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: "k0", Value: "replaced" }] }));
    expect(await tags(id)).toHaveLength(49);
    await t.ws().send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: "Last", Value: "x" }] }));
    expect(await awsErrorName(t.ws().send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: "OneTooMany", Value: "x" }] })))).toBe(
      "ResourceLimitExceededException",
    );
    expect(await awsErrorName(t.ws().send(new DeleteTagsCommand({ ResourceId: id, TagKeys: ["aws:created"] })))).toBe(
      "InvalidParameterValuesException",
    );
    await t.ws().send(new DeleteTagsCommand({ ResourceId: id, TagKeys: first.map((tag) => tag.Key) }));
    expect(await tags(id)).toEqual([{ Key: "Last", Value: "x" }]);
  });
});
