import {
  AssociateIpGroupsCommand,
  AuthorizeIpRulesCommand,
  CreateIpGroupCommand,
  CreateTagsCommand,
  DeleteIpGroupCommand,
  DeleteTagsCommand,
  DescribeIpGroupsCommand,
  DescribeTagsCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspacesCommand,
  DisassociateIpGroupsCommand,
  RevokeIpRulesCommand,
  UpdateRulesOfIpGroupCommand,
} from "@aws-sdk/client-workspaces";
import { beforeAll, describe, expect, it } from "vitest";
import { awsErrorName, lookupSeed, sandboxPerFile, type SeedLookup } from "./test-helpers";

const t = sandboxPerFile();
let seed: SeedLookup;
beforeAll(async () => {
  seed = await lookupSeed(t);
});

const rules = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => ({ ipRule: `10.${offset}.${i}.0/24`, ruleDesc: `net ${i}` }));

describe("IP access control groups", () => {
  it("lists the seeded groups and the directories they are attached to", async () => {
    const groups = (await t.ws().send(new DescribeIpGroupsCommand({}))).Result!;
    expect(groups.map((g) => g.groupName)).toEqual(expect.arrayContaining(["office-networks", "corporate-vpn", "partner-extranet"]));
    const dir = (await t.ws().send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [seed.employees] }))).Directories![0]!;
    expect(dir.ipGroupIds).toHaveLength(2);
    const paged = await t.ws().send(new DescribeIpGroupsCommand({ MaxResults: 2 }));
    expect(paged.Result).toHaveLength(2);
    expect((await t.ws().send(new DescribeIpGroupsCommand({ NextToken: paged.NextToken }))).Result).toHaveLength(1);
  });

  it("runs the whole life cycle: create, authorize, revoke, update, associate, disassociate, delete", async () => {
    const { GroupId } = await t.ws().send(
      new CreateIpGroupCommand({
        GroupName: "home-office",
        GroupDesc: "Home",
        UserRules: rules(2),
        Tags: [{ Key: "Team", Value: "IT" }],
      }),
    );
    expect(GroupId).toMatch(/^wsipg-/);
    expect((await t.ws().send(new DescribeTagsCommand({ ResourceId: GroupId! }))).TagList).toEqual([{ Key: "Team", Value: "IT" }]);
    await t.ws().send(new AuthorizeIpRulesCommand({ GroupId: GroupId!, UserRules: [{ ipRule: "198.51.100.7/32" }] }));
    await t.ws().send(new RevokeIpRulesCommand({ GroupId: GroupId!, UserRules: ["10.0.0.0/24"] }));
    let group = (await t.ws().send(new DescribeIpGroupsCommand({ GroupIds: [GroupId!] }))).Result![0]!;
    expect(group.userRules!.map((r) => r.ipRule)).toEqual(["10.0.1.0/24", "198.51.100.7/32"]);
    await t.ws().send(new UpdateRulesOfIpGroupCommand({ GroupId: GroupId!, UserRules: rules(3, 5) }));
    group = (await t.ws().send(new DescribeIpGroupsCommand({ GroupIds: [GroupId!] }))).Result![0]!;
    expect(group.userRules).toHaveLength(3);
    await t.ws().send(new AssociateIpGroupsCommand({ DirectoryId: seed.labs, GroupIds: [GroupId!] }));
    expect(await awsErrorName(t.ws().send(new DeleteIpGroupCommand({ GroupId: GroupId! })))).toBe("ResourceAssociatedException");
    await t.ws().send(new DisassociateIpGroupsCommand({ DirectoryId: seed.labs, GroupIds: [GroupId!] }));
    await t.ws().send(new DeleteIpGroupCommand({ GroupId: GroupId! }));
    expect((await t.ws().send(new DescribeIpGroupsCommand({ GroupIds: [GroupId!] }))).Result).toEqual([]);
  });

  it("enforces 10 rules per group, valid CIDRs and unique names", async () => {
    expect(await awsErrorName(t.ws().send(new CreateIpGroupCommand({ GroupName: "too-many", UserRules: rules(11) })))).toBe(
      "ResourceLimitExceededException",
    );
    expect(await awsErrorName(t.ws().send(new CreateIpGroupCommand({ GroupName: "bad", UserRules: [{ ipRule: "300.1.1.1/24" }] })))).toBe(
      "InvalidParameterValuesException",
    );
    expect(await awsErrorName(t.ws().send(new CreateIpGroupCommand({ GroupName: "office-networks" })))).toBe(
      "ResourceAlreadyExistsException",
    );
    const { GroupId } = await t.ws().send(new CreateIpGroupCommand({ GroupName: "nearly-full", UserRules: rules(10) }));
    expect(await awsErrorName(t.ws().send(new AuthorizeIpRulesCommand({ GroupId: GroupId!, UserRules: [{ ipRule: "192.0.2.1" }] })))).toBe(
      "ResourceLimitExceededException",
    );
    expect(await awsErrorName(t.ws().send(new UpdateRulesOfIpGroupCommand({ GroupId: GroupId!, UserRules: rules(11) })))).toBe(
      "ResourceLimitExceededException",
    );
    expect(await awsErrorName(t.ws().send(new RevokeIpRulesCommand({ GroupId: GroupId!, UserRules: ["nonsense"] })))).toBe(
      "InvalidParameterValuesException",
    );
    for (const cmd of [
      new AuthorizeIpRulesCommand({ GroupId: "wsipg-unknown00", UserRules: [] }),
      new RevokeIpRulesCommand({ GroupId: "wsipg-unknown00", UserRules: [] }),
      new UpdateRulesOfIpGroupCommand({ GroupId: "wsipg-unknown00", UserRules: [] }),
      new DeleteIpGroupCommand({ GroupId: "wsipg-unknown00" }),
      new AssociateIpGroupsCommand({ DirectoryId: seed.labs, GroupIds: ["wsipg-unknown00"] }),
      new DisassociateIpGroupsCommand({ DirectoryId: "d-0000000000", GroupIds: [] }),
    ]) {
      expect(await awsErrorName(t.ws().send(cmd as never))).toBe("ResourceNotFoundException");
    }
  });

  it("allows at most 25 groups per directory", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push((await t.ws().send(new CreateIpGroupCommand({ GroupName: `bulk-${i}` }))).GroupId!);
    await t.ws().send(new AssociateIpGroupsCommand({ DirectoryId: seed.employees, GroupIds: ids.slice(0, 23) }));
    expect(await awsErrorName(t.ws().send(new AssociateIpGroupsCommand({ DirectoryId: seed.employees, GroupIds: ids.slice(23) })))).toBe(
      "ResourceLimitExceededException",
    );
  });
});

describe("tags", () => {
  it("adds, overwrites, describes and deletes tags on a WorkSpace", async () => {
    const alice = (await t.ws().send(new DescribeWorkspacesCommand({ DirectoryId: seed.employees, UserName: "alice" }))).Workspaces![0]!;
    const id = alice.WorkspaceId!;
    await t.ws().send(
      new CreateTagsCommand({
        ResourceId: id,
        Tags: [
          { Key: "CostCenter", Value: "CC-7" },
          { Key: "Project", Value: "Blue sky" },
        ],
      }),
    );
    const tags = (await t.ws().send(new DescribeTagsCommand({ ResourceId: id }))).TagList!;
    expect(tags).toEqual(
      expect.arrayContaining([
        { Key: "CostCenter", Value: "CC-7" },
        { Key: "Project", Value: "Blue sky" },
      ]),
    );
    await t.ws().send(new DeleteTagsCommand({ ResourceId: id, TagKeys: ["Project"] }));
    expect((await t.ws().send(new DescribeTagsCommand({ ResourceId: id }))).TagList!.some((x) => x.Key === "Project")).toBe(false);
  });

  it("enforces the reserved prefix, allowed characters, 50 tags and known resources", async () => {
    const id = seed.employees;
    expect(
      await awsErrorName(t.ws().send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: "aws:workspaces:x", Value: "1" }] }))),
    ).toBe("InvalidParameterValuesException");
    expect(await awsErrorName(t.ws().send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: "bad#key", Value: "1" }] })))).toBe(
      "InvalidParameterValuesException",
    );
    expect(await awsErrorName(t.ws().send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: " padded", Value: "1" }] })))).toBe(
      "InvalidParameterValuesException",
    );
    expect(await awsErrorName(t.ws().send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: "k".repeat(128), Value: "1" }] })))).toBe(
      "ValidationException",
    );
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    expect(await awsErrorName(t.ws().send(new CreateTagsCommand({ ResourceId: id, Tags: many })))).toBe("ResourceLimitExceededException");
    await t.ws().send(new CreateTagsCommand({ ResourceId: id, Tags: many.slice(0, 50) }));
    expect((await t.ws().send(new DescribeTagsCommand({ ResourceId: id }))).TagList).toHaveLength(50);
    expect(await awsErrorName(t.ws().send(new CreateTagsCommand({ ResourceId: "ws-unknown000", Tags: [{ Key: "a", Value: "b" }] })))).toBe(
      "ResourceNotFoundException",
    );
    expect(await awsErrorName(t.ws().send(new DeleteTagsCommand({ ResourceId: "ws-unknown000", TagKeys: ["a"] })))).toBe(
      "ResourceNotFoundException",
    );
    expect(await awsErrorName(t.ws().send(new DescribeTagsCommand({ ResourceId: "wsipg-unknown00" })))).toBe("ResourceNotFoundException");
    const custom = seed.customBundle("Corp-Standard-Win10");
    await t.ws().send(new CreateTagsCommand({ ResourceId: custom, Tags: [{ Key: "Owner", Value: "it@example.com" }] }));
    expect((await t.ws().send(new DescribeTagsCommand({ ResourceId: custom }))).TagList).toEqual([
      { Key: "Owner", Value: "it@example.com" },
    ]);
  });
});
