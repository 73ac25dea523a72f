import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { getDirectory, listDirectories } from "./admin-directories";
import { getIpGroup, listIpGroups } from "./admin-ip-groups";

let world: TestWorld;

beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

describe("directory pages", () => {
  it("lists every registered directory with the WorkSpaces the inventory knows in it", async () => {
    const { directories } = await listDirectories();
    const employees = directories.find((d) => d.name === "corp.example.com")!;
    const known = await world.database.prisma.workspace.count({
      where: { directoryId: employees.directoryId, goneAt: null, state: { not: "TERMINATED" } },
    });
    expect(known).toBeGreaterThan(0);
    expect(employees.workspaceCount).toBe(known);
    for (const d of directories)
      expect(d.workspaceCount).toBe(
        await world.database.prisma.workspace.count({ where: { directoryId: d.directoryId, goneAt: null, state: { not: "TERMINATED" } } }),
      );
  });

  it("reads one directory by its id, whichever Region holds it, with the same view the list has", async () => {
    const { directories } = await listDirectories();
    for (const listed of directories) {
      const page = await getDirectory(listed.directoryId);
      expect(page?.directory).toEqual(listed);
      expect(page?.personas).toContain("EMPLOYEE");
    }
    expect(directories.some((d) => d.region === "eu-west-1")).toBe(true);
  });

  it("does not count a WorkSpace the sync no longer finds", async () => {
    const { directories } = await listDirectories();
    const employees = directories.find((d) => d.name === "corp.example.com")!;
    const one = await world.database.prisma.workspace.findFirstOrThrow({
      where: { directoryId: employees.directoryId, goneAt: null, state: { not: "TERMINATED" } },
    });
    await world.database.prisma.workspace.update({ where: { id: one.id }, data: { goneAt: new Date() } });
    try {
      expect((await getDirectory(employees.directoryId))?.directory.workspaceCount).toBe(employees.workspaceCount - 1);
    } finally {
      await world.database.prisma.workspace.update({ where: { id: one.id }, data: { goneAt: null } });
    }
  });

  it("answers null for a directory no managed Region has registered", async () => {
    expect(await getDirectory("d-0000000000")).toBeNull();
    // A directory Directory Service has but WorkSpaces does not: offered for registration, without a page.
    const eu = world.gateway.region("eu-west-1").directories;
    const spare = (await eu.describeDirectories()).find((d) => d.name === "eu-labs.example.com")!;
    await eu.deregisterDirectory(spare.directoryId);
    try {
      const { unregistered } = await listDirectories();
      expect(unregistered.map((d) => d.directoryId)).toContain(spare.directoryId);
      expect(await getDirectory(spare.directoryId)).toBeNull();
    } finally {
      await eu.registerDirectory({ directoryId: spare.directoryId, subnetIds: spare.subnetIds, enableSelfService: false });
    }
  });
});

describe("IP group pages", () => {
  it("reads one group with the directories of its Region it does not guard yet, by name", async () => {
    const { groups, directories } = await listIpGroups();
    expect(groups.length).toBeGreaterThan(0);
    for (const listed of groups) {
      const page = await getIpGroup(listed.groupId);
      expect(page?.group).toEqual(listed);
      const expected = directories
        .filter((d) => d.region === listed.region && !listed.usedBy.some((u) => u.directoryId === d.directoryId))
        .map((d) => d.name);
      expect(page?.candidates.map((d) => d.name)).toEqual(expected);
      for (const c of page!.candidates) expect(c.region).toBe(listed.region);
    }
  });

  it("answers null for a group no managed Region has", async () => {
    expect(await getIpGroup("wsipg-00000000")).toBeNull();
  });
});
