import { describe, expect, it } from "vitest";
import { approvalPolicy } from "./approval";
import { approvalRuleFor, approvalRules, policyContradictions, withApprovalRules } from "./approval-rules";
import { CHANGE_TYPES, type Change, type ChangeType } from "./change";
import { money } from "./money";
import { policySettingsSchema } from "./schemas";
import { DEFAULT_POLICY_SETTINGS, type PolicySettings } from "./settings";
import { requester } from "./testing/fixtures";

const SETTINGS: PolicySettings = { ...DEFAULT_POLICY_SETTINGS, managerThresholdCents: 0, adminThresholdCents: 10_000 };
const change = (type: ChangeType): Change => ({ type, workspaceId: "ws-1" }) as Change;

describe("policyContradictions", () => {
  it("finds none in the defaults or in any policy the three-way choice writes", () => {
    expect(policyContradictions(DEFAULT_POLICY_SETTINGS)).toEqual([]);
    const written = withApprovalRules(SETTINGS, { computeType: "managerAndAdmin", rebuild: "manager", reboot: "automatic" });
    expect(policyContradictions(written)).toEqual([]);
  });

  it.each([
    {
      lists: { autoApprovedChangeTypes: ["computeType"], alwaysNeedAdminChangeTypes: ["computeType"] },
      message: "Compute type changes cannot both be approved automatically and need the manager and an admin: choose one.",
    },
    {
      lists: { autoApprovedChangeTypes: ["rebuild"], alwaysNeedApprovalChangeTypes: ["rebuild"] },
      message: "Rebuilds cannot both be approved automatically and need the manager: choose one.",
    },
    {
      lists: { alwaysNeedApprovalChangeTypes: ["tags"], alwaysNeedAdminChangeTypes: ["tags"] },
      message: "Tag changes cannot both need the manager and need the manager and an admin: choose one.",
    },
  ] as { lists: Partial<PolicySettings>; message: string }[])("refuses a type under two rules: $message", ({ lists, message }) => {
    const found = policyContradictions({ ...SETTINGS, ...lists });
    expect(found.map((c) => c.message)).toEqual([message]);
  });

  it("names each contradicting type once, with all of its rules", () => {
    const found = policyContradictions({
      ...SETTINGS,
      autoApprovedChangeTypes: ["volumes", "reboot"],
      alwaysNeedApprovalChangeTypes: ["volumes"],
      alwaysNeedAdminChangeTypes: ["volumes", "reboot"],
    });
    expect(found.map((c) => [c.changeType, c.rules])).toEqual([
      ["reboot", ["automatic", "managerAndAdmin"]],
      ["volumes", ["automatic", "manager", "managerAndAdmin"]],
    ]);
    expect(found[1]!.message).toBe(
      "Volume increases cannot be approved automatically, need the manager and need the manager and an admin at once: choose one.",
    );
  });
});

describe("the three-way choice", () => {
  it("reads a policy saved before it existed: no admin list, unlisted types automatic", () => {
    const old = { ...SETTINGS } as Record<string, unknown>;
    delete old.alwaysNeedAdminChangeTypes;
    const parsed = policySettingsSchema.parse({ ...old, alwaysNeedApprovalChangeTypes: ["rebuild"] });
    expect(parsed.alwaysNeedAdminChangeTypes).toEqual([]);
    expect(approvalRuleFor(parsed, "rebuild")).toBe("manager");
    expect(approvalRuleFor(parsed, "computeType")).toBe("automatic");
  });

  it("reads a stored contradiction as the strictest rule, and approvalPolicy follows it", () => {
    const stored = { ...SETTINGS, autoApprovedChangeTypes: ["rebuild" as const], alwaysNeedApprovalChangeTypes: ["rebuild" as const] };
    expect(approvalRuleFor(stored, "rebuild")).toBe("manager");
    expect(approvalPolicy({ change: change("rebuild"), costDelta: money(0), requester: requester(), settings: stored }).autoApproved).toBe(
      false,
    );
  });

  it("puts every change type in exactly one list, and reads back what it wrote", () => {
    const rules = { ...approvalRules(SETTINGS), terminate: "managerAndAdmin", rebuild: "manager" } as const;
    const written = withApprovalRules(SETTINGS, rules);
    const all = [...written.autoApprovedChangeTypes, ...written.alwaysNeedApprovalChangeTypes, ...written.alwaysNeedAdminChangeTypes];
    expect([...all].sort()).toEqual([...CHANGE_TYPES].sort());
    expect(approvalRules(written)).toEqual(rules);
  });

  it.each([
    { rule: "automatic", delta: 0, steps: [] },
    { rule: "automatic", delta: 500, steps: ["MANAGER"] },
    { rule: "automatic", delta: 20_000, steps: ["MANAGER", "ADMIN"] },
    { rule: "manager", delta: -500, steps: ["MANAGER"] },
    { rule: "manager", delta: 20_000, steps: ["MANAGER", "ADMIN"] },
    { rule: "managerAndAdmin", delta: -500, steps: ["MANAGER", "ADMIN"] },
    { rule: "managerAndAdmin", delta: null, steps: ["MANAGER", "ADMIN"] },
  ] as const)("a compute type change under $rule adding $delta cents waits for $steps", ({ rule, delta, steps }) => {
    const settings = withApprovalRules(SETTINGS, { computeType: rule });
    const decision = approvalPolicy({
      change: change("computeType"),
      costDelta: delta === null ? null : money(delta),
      requester: requester(),
      settings,
    });
    expect(decision.steps.map((s) => s.role)).toEqual(steps);
    expect(decision.autoApproved).toBe(steps.length === 0);
  });
});
