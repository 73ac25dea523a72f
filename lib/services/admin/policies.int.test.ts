import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvalRules, DEFAULT_POLICY_SETTINGS, withApprovalRules } from "@/lib/domain";
import { getPolicySettings, POLICY_SETTING_KEY } from "@/lib/core/settings";
import { createTestWorld, type TestWorld } from "@/test/world";
import { updatePolicySettings } from "./policies";

let world: TestWorld;
const admin = () => ({ id: world.people.carol.id });
const audits = () => world.database.prisma.auditEvent.count({ where: { action: "policy.updated" } });

beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

describe("the approval policy's three-way choice", () => {
  it("round-trips each change type's rule: automatic, manager, manager and an admin", async () => {
    const current = await getPolicySettings(world.database.prisma);
    const rules = { ...approvalRules(current), computeType: "managerAndAdmin", rebuild: "manager", reboot: "automatic" } as const;
    await updatePolicySettings(admin(), withApprovalRules(current, rules));
    const stored = await getPolicySettings(world.database.prisma);
    expect(approvalRules(stored)).toEqual(rules);
    expect(stored.alwaysNeedAdminChangeTypes).toEqual(["computeType"]);
    expect(stored.alwaysNeedApprovalChangeTypes).toEqual(["rebuild"]);
  });

  it("refuses a contradiction with a clear message, and changes nothing", async () => {
    const before = await getPolicySettings(world.database.prisma);
    const auditsBefore = await audits();
    const contradiction = {
      ...before,
      autoApprovedChangeTypes: [...before.autoApprovedChangeTypes, "computeType"],
      alwaysNeedAdminChangeTypes: ["computeType"],
    };
    await expect(updatePolicySettings(admin(), contradiction)).rejects.toThrow(
      "The policy was not saved: Compute type changes cannot both be approved automatically and need the manager and an admin: choose one.",
    );
    await expect(
      updatePolicySettings(admin(), { ...before, alwaysNeedApprovalChangeTypes: ["tags"], alwaysNeedAdminChangeTypes: ["tags"] }),
    ).rejects.toMatchObject({ code: "invalid", reasons: [{ code: "approvalRules.tags" }] });
    expect(await getPolicySettings(world.database.prisma)).toEqual(before);
    expect(await audits()).toBe(auditsBefore);
  });

  it("reads a policy stored before the choice existed (no admin list) and saves it back in the new shape", async () => {
    const old: Record<string, unknown> = { ...DEFAULT_POLICY_SETTINGS, alwaysNeedApprovalChangeTypes: ["terminate"] };
    delete old.alwaysNeedAdminChangeTypes;
    await world.database.prisma.setting.upsert({
      where: { key: POLICY_SETTING_KEY },
      create: { key: POLICY_SETTING_KEY, value: old as object },
      update: { value: old as object },
    });
    const read = await getPolicySettings(world.database.prisma);
    expect(read.alwaysNeedAdminChangeTypes).toEqual([]);
    expect(approvalRules(read).terminate).toBe("manager");
    expect(approvalRules(read).computeType).toBe("automatic");
    await updatePolicySettings(admin(), withApprovalRules(read, {}));
    expect(approvalRules(await getPolicySettings(world.database.prisma))).toEqual(approvalRules(read));
  });
});
