import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY_SETTINGS, EXAMPLE_PRICE_TABLE } from "@/lib/domain";
import { getPolicySettings, getPriceTable } from "@/lib/core/settings";
import { createTestWorld, type TestWorld } from "@/test/world";
import { updatePolicySettings, updatePriceTable } from "./policies";
import { changeUserManager, changeUserRole } from "./users";

let world: TestWorld;
const admin = () => ({ id: world.people.carol.id });

beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

describe("users", () => {
  it("changes a role and a manager, audited", async () => {
    await changeUserRole(admin(), { userId: world.people.erin.id, role: "MANAGER" });
    await changeUserManager(admin(), { userId: world.people.erin.id, managerId: world.people.bob.id });
    const erin = await world.database.prisma.user.findUniqueOrThrow({ where: { id: world.people.erin.id } });
    expect(erin.role).toBe("MANAGER");
    expect(erin.managerId).toBe(world.people.bob.id);
    const actions = (await world.database.prisma.auditEvent.findMany({ where: { targetId: erin.id }, orderBy: { id: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["user.role_changed", "user.manager_changed"]);
  });

  it("never removes the last admin, and allows it once there is another", async () => {
    await expect(changeUserRole(admin(), { userId: world.people.carol.id, role: "EMPLOYEE" })).rejects.toThrow(/last admin/);
    expect((await world.database.prisma.user.findUniqueOrThrow({ where: { id: world.people.carol.id } })).role).toBe("ADMIN");
    await changeUserRole(admin(), { userId: world.people.frank.id, role: "ADMIN" });
    await changeUserRole({ id: world.people.frank.id }, { userId: world.people.carol.id, role: "EMPLOYEE" });
    await expect(changeUserRole({ id: world.people.frank.id }, { userId: world.people.frank.id, role: "MANAGER" })).rejects.toThrow(
      /last admin/,
    );
    await changeUserRole({ id: world.people.frank.id }, { userId: world.people.carol.id, role: "ADMIN" });
  });

  it("refuses a manager loop and self-management", async () => {
    await expect(changeUserManager(admin(), { userId: world.people.bob.id, managerId: world.people.bob.id })).rejects.toThrow(
      /own manager/,
    );
    // Alice reports to Bob; making Alice Bob's manager would loop.
    await expect(changeUserManager(admin(), { userId: world.people.bob.id, managerId: world.people.alice.id })).rejects.toThrow(/loop/);
  });

  it("refuses non-admins", async () => {
    await expect(changeUserRole({ id: world.people.bob.id }, { userId: world.people.alice.id, role: "ADMIN" })).rejects.toThrow(
      "Only admins",
    );
    await expect(changeUserManager({ id: world.people.alice.id }, { userId: world.people.alice.id, managerId: null })).rejects.toThrow(
      "Only admins",
    );
  });
});

describe("policies and prices", () => {
  it("saves a valid policy, effective at once, audited with before and after", async () => {
    const current = await getPolicySettings(world.database.prisma);
    const next = {
      ...current,
      adminThresholdCents: 25_000,
      autoApprovedChangeTypes: ["reboot" as const],
      expectedAutoStopHoursPerMonth: 60,
    };
    await updatePolicySettings(admin(), next);
    expect(await getPolicySettings(world.database.prisma)).toMatchObject({
      adminThresholdCents: 25_000,
      autoApprovedChangeTypes: ["reboot"],
      expectedAutoStopHoursPerMonth: 60,
    });
    const event = await world.database.prisma.auditEvent.findFirstOrThrow({ where: { action: "policy.updated" } });
    expect(event.before).toMatchObject({ adminThresholdCents: current.adminThresholdCents });
    expect(event.after).toMatchObject({ adminThresholdCents: 25_000 });
  });

  it("refuses an invalid policy with the domain's reason and keeps the old one", async () => {
    const before = await getPolicySettings(world.database.prisma);
    await expect(
      updatePolicySettings(admin(), { ...DEFAULT_POLICY_SETTINGS, managerThresholdCents: 500, adminThresholdCents: 100 }),
    ).rejects.toThrow(/admin threshold must not be below/);
    await expect(updatePolicySettings(admin(), { ...DEFAULT_POLICY_SETTINGS, escalationDays: 10, expiryDays: 5 })).rejects.toThrow(
      /escalated before they expire/,
    );
    await expect(updatePolicySettings(admin(), { ...DEFAULT_POLICY_SETTINGS, autoApprovedChangeTypes: ["format-disk"] })).rejects.toThrow(
      /not saved/,
    );
    expect(await getPolicySettings(world.database.prisma)).toEqual(before);
    await expect(updatePolicySettings({ id: world.people.bob.id }, DEFAULT_POLICY_SETTINGS)).rejects.toThrow("Only admins");
  });

  it("edits the price table, confirms a date, refuses fractional cents and duplicates", async () => {
    const table = structuredClone(EXAMPLE_PRICE_TABLE);
    table.compute[0]!.monthlyCents = 4321;
    table.compute[0]!.confirmedAt = "2026-11-01";
    await updatePriceTable(admin(), table);
    const stored = await getPriceTable(world.database.prisma);
    expect(stored.compute[0]).toMatchObject({ monthlyCents: 4321, confirmedAt: "2026-11-01" });
    expect(await world.database.prisma.auditEvent.count({ where: { action: "prices.updated" } })).toBe(1);

    const fractional = structuredClone(table);
    fractional.compute[1]!.monthlyCents = 12.5;
    await expect(updatePriceTable(admin(), fractional)).rejects.toThrow(/not saved/);
    const duplicate = structuredClone(table);
    duplicate.compute.push(structuredClone(duplicate.compute[0]!));
    await expect(updatePriceTable(admin(), duplicate)).rejects.toThrow(/Duplicate price/);
    expect((await getPriceTable(world.database.prisma)).compute).toHaveLength(table.compute.length);
    await expect(updatePriceTable({ id: world.people.alice.id }, table)).rejects.toThrow("Only admins");
  });
});

describe("the audit log", () => {
  it("cannot be edited or deleted", async () => {
    const event = await world.database.prisma.auditEvent.findFirstOrThrow();
    await expect(world.database.prisma.auditEvent.update({ where: { id: event.id }, data: { action: "x" } })).rejects.toThrow();
    await expect(world.database.prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
  });
});
