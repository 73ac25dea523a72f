import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { DEMO_PEOPLE, seedDemoOrganization } from "./demo-organization";

describe("demo organization seed", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it("creates the six people with their managers, roles and cost centres", async () => {
    await expect(seedDemoOrganization(database.prisma)).resolves.toEqual({ created: 6 });
    const people = await database.prisma.user.findMany({ include: { manager: true } });
    const byName = new Map(people.map((p) => [p.name, p]));
    expect(people).toHaveLength(6);
    expect(byName.get("Alice Nguyen")).toMatchObject({
      role: "EMPLOYEE",
      department: "Engineering",
      costCenter: "CC-1001",
      email: "alice@example.com",
    });
    expect(byName.get("Alice Nguyen")?.manager?.name).toBe("Bob Martinez");
    expect(byName.get("Dave Patel")).toMatchObject({ persona: "CONTRACTOR" });
    expect(byName.get("Dave Patel")?.manager?.name).toBe("Bob Martinez");
    expect(byName.get("Erin Wong")?.manager?.name).toBe("Frank Osei");
    expect(byName.get("Frank Osei")?.role).toBe("MANAGER");
    expect(byName.get("Carol Smith")?.role).toBe("ADMIN");
    for (const p of people) expect(p.email).toBe(`${p.name.split(" ")[0]!.toLowerCase()}@example.com`);
  });

  it("is safe to run again and keeps what admins changed", async () => {
    await database.prisma.user.update({ where: { email: "erin@example.com" }, data: { role: "MANAGER" } });
    await expect(seedDemoOrganization(database.prisma)).resolves.toEqual({ created: 0 });
    expect(await database.prisma.user.count()).toBe(DEMO_PEOPLE.length);
    expect((await database.prisma.user.findUniqueOrThrow({ where: { email: "erin@example.com" } })).role).toBe("MANAGER");
  });

  it("creates no admin when told the database is not embedded", async () => {
    await database.prisma.user.deleteMany();
    await expect(seedDemoOrganization(database.prisma, { admins: false })).resolves.toEqual({ created: 6 });
    expect(await database.prisma.user.count({ where: { role: "ADMIN" } })).toBe(0);
    expect((await database.prisma.user.findUniqueOrThrow({ where: { email: "carol@example.com" } })).role).toBe("EMPLOYEE");
  });

  it("survives two starts seeding at the same moment", async () => {
    await database.prisma.user.deleteMany();
    await Promise.all([seedDemoOrganization(database.prisma), seedDemoOrganization(database.prisma)]);
    expect(await database.prisma.user.count()).toBe(6);
  });
});
