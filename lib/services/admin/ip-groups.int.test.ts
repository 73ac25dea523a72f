import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { associateIpGroup, createIpGroup, deleteIpGroup, disassociateIpGroup, replaceIpRules } from "./ip-groups";

const REGION = "us-east-1";
let world: TestWorld;
let employeesDir: string;
let contractorsDir: string;

const admin = () => ({ id: world.people.carol.id });
const auditActions = async (targetId: string) =>
  (await world.database.prisma.auditEvent.findMany({ where: { targetId }, orderBy: { id: "asc" } })).map((e) => e.action);

beforeAll(async () => {
  world = await createTestWorld();
  const dirs = await world.gateway.region(REGION).directories.describeDirectories();
  employeesDir = dirs.find((d) => d.name === "corp.example.com")!.directoryId;
  contractorsDir = dirs.find((d) => d.name === "contractors.corp.example.com")!.directoryId;
});
afterAll(() => world.close());

describe("IP access control groups", () => {
  it("creates a group with rules and tags, associates it, and audits each AWS call with its request id", async () => {
    const { groupId } = await createIpGroup(admin(), {
      region: REGION,
      name: "branch-offices",
      description: "Branches",
      rules: [
        { cidr: "10.1.0.0/16", description: "Branch A" },
        { cidr: "10.2.0.0/16", description: "Branch B" },
      ],
      tags: [{ key: "Team", value: "Network" }],
    });
    const [group] = await world.gateway.region(REGION).ipGroups.describeIpGroups([groupId]);
    expect(group?.rules.map((r) => r.cidr)).toEqual(["10.1.0.0/16", "10.2.0.0/16"]);
    expect(await world.gateway.region(REGION).tags.describeTags(groupId)).toEqual([{ key: "Team", value: "Network" }]);

    await associateIpGroup(admin(), { region: REGION, groupId, directoryId: employeesDir });
    const [dir] = await world.gateway.region(REGION).directories.describeDirectories([employeesDir]);
    expect(dir?.ipGroupIds).toContain(groupId);

    const events = await world.database.prisma.auditEvent.findMany({ where: { targetId: groupId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["ipgroup.created", "ipgroup.associated"]);
    for (const e of events) expect(e.awsRequestIds).toHaveLength(1);
    expect(events[0]?.actorId).toBe(world.people.carol.id);
  });

  it("refuses to delete a group while it is associated, naming the directories, and changes nothing", async () => {
    const groups = await world.gateway.region(REGION).ipGroups.describeIpGroups();
    const vpn = groups.find((g) => g.name === "corporate-vpn")!;
    await expect(deleteIpGroup(admin(), { region: REGION, groupId: vpn.groupId })).rejects.toThrow(
      /still associated with corp\.example\.com, contractors\.corp\.example\.com\./,
    );
    expect((await world.gateway.region(REGION).ipGroups.describeIpGroups([vpn.groupId])).length).toBe(1);
    expect(await auditActions(vpn.groupId)).toEqual([]);
  });

  it("deletes a group after it is disassociated", async () => {
    const { groupId } = await createIpGroup(admin(), {
      region: REGION,
      name: "temporary",
      rules: [{ cidr: "192.0.2.10", description: "One host" }],
    });
    await associateIpGroup(admin(), { region: REGION, groupId, directoryId: contractorsDir });
    await disassociateIpGroup(admin(), { region: REGION, groupId, directoryId: contractorsDir });
    await deleteIpGroup(admin(), { region: REGION, groupId });
    expect(
      await world.gateway
        .region(REGION)
        .ipGroups.describeIpGroups([groupId])
        .catch(() => []),
    ).toEqual([]);
    expect(await auditActions(groupId)).toEqual(["ipgroup.created", "ipgroup.associated", "ipgroup.disassociated", "ipgroup.deleted"]);
  });

  it("refuses more than 10 rules, a bad CIDR, a missing description and duplicates before calling AWS", async () => {
    const { groupId } = await createIpGroup(admin(), { region: REGION, name: "rules-test", rules: [] });
    const calls = world.calls.length;
    const eleven = Array.from({ length: 11 }, (_, i) => ({ cidr: `10.0.${i}.0/24`, description: `Net ${i}` }));
    await expect(replaceIpRules(admin(), { region: REGION, groupId, rules: eleven })).rejects.toThrow(/at most 10 rules/);
    await expect(
      replaceIpRules(admin(), { region: REGION, groupId, rules: [{ cidr: "10.0.0.300/24", description: "x" }] }),
    ).rejects.toThrow(/IPv4 address or CIDR/);
    await expect(replaceIpRules(admin(), { region: REGION, groupId, rules: [{ cidr: "10.0.0.0/33", description: "x" }] })).rejects.toThrow(
      /IPv4 address or CIDR/,
    );
    await expect(replaceIpRules(admin(), { region: REGION, groupId, rules: [{ cidr: "10.0.0.0/8", description: "" }] })).rejects.toThrow(
      /Describe each rule/,
    );
    const dup = [
      { cidr: "10.0.0.0/8", description: "a" },
      { cidr: "10.0.0.0/8", description: "b" },
    ];
    await expect(replaceIpRules(admin(), { region: REGION, groupId, rules: dup })).rejects.toThrow(/only once/);
    expect(world.calls.length).toBe(calls);

    const ten = eleven.slice(0, 10);
    await replaceIpRules(admin(), { region: REGION, groupId, rules: ten });
    const [group] = await world.gateway.region(REGION).ipGroups.describeIpGroups([groupId]);
    expect(group?.rules).toHaveLength(10);
  });

  it("refuses a 26th group on one directory", async () => {
    const gw = world.gateway.region(REGION);
    const [dir] = await gw.directories.describeDirectories([contractorsDir]);
    const needed = 25 - dir!.ipGroupIds.length;
    for (let i = 0; i < needed; i++) {
      const { groupId } = await gw.ipGroups.createIpGroup({ name: `fill-${i}` });
      await gw.ipGroups.associateIpGroups(contractorsDir, [groupId]);
    }
    const { groupId } = await createIpGroup(admin(), { region: REGION, name: "one-too-many", rules: [] });
    await expect(associateIpGroup(admin(), { region: REGION, groupId, directoryId: contractorsDir })).rejects.toThrow(
      /already has 25 IP access control groups/,
    );
    const [after] = await gw.directories.describeDirectories([contractorsDir]);
    expect(after!.ipGroupIds).not.toContain(groupId);
  });

  it("shows AWS's refusal in plain words and records the attempt, changing nothing", async () => {
    await expect(createIpGroup(admin(), { region: REGION, name: "office-networks", rules: [] })).rejects.toThrow(/^AWS refused: /);
    const refused = await world.database.prisma.auditEvent.findFirst({ where: { action: "ipgroup.create.refused" } });
    expect(refused?.awsRequestIds.length).toBe(1);
  });

  it("refuses non-admins before anything happens", async () => {
    for (const who of ["alice", "bob"] as const) {
      await expect(createIpGroup({ id: world.people[who].id }, { region: REGION, name: "nope", rules: [] })).rejects.toThrow(
        "Only admins can do this.",
      );
      await expect(deleteIpGroup({ id: world.people[who].id }, { region: REGION, groupId: "wsipg-abcdefgh1" })).rejects.toThrow(
        "Only admins",
      );
      await expect(
        associateIpGroup({ id: world.people[who].id }, { region: REGION, groupId: "wsipg-abcdefgh1", directoryId: employeesDir }),
      ).rejects.toThrow("Only admins");
    }
  });
});
