import { CHANGE_TYPES, type ChangeType } from "./change";
import type { PolicySettings } from "./settings";

// Who must approve a change of each type, as one three-way choice per change type:
// - automatic: nobody, unless its cost says otherwise;
// - manager: the manager always (an admin stands in when there is none);
// - managerAndAdmin: the manager and then an admin, always.
// The cost limits apply on top: a change that adds more than the manager limit needs the manager, more than the
// admin limit an admin as well, whatever its type's rule. A rule only ever asks for more approval, never less.
//
// The policy stores the choice as three lists of change types (autoApprovedChangeTypes, alwaysNeedApprovalChangeTypes,
// alwaysNeedAdminChangeTypes). A type in none of them is automatic (the shape before the three-way choice).
// A type in more than one is a contradiction: saving one is refused (policyContradictions); one stored before
// is read as the strictest of its rules.

export const APPROVAL_RULES = ["automatic", "manager", "managerAndAdmin"] as const;
export type ApprovalRule = (typeof APPROVAL_RULES)[number];

type RuleLists = Pick<PolicySettings, "autoApprovedChangeTypes" | "alwaysNeedApprovalChangeTypes"> & {
  alwaysNeedAdminChangeTypes?: readonly ChangeType[];
};

/** How people call the changes of a type, in the plural: "Compute type changes need the manager." */
export const CHANGE_TYPE_NOUNS: Record<ChangeType, string> = {
  create: "New WorkSpaces",
  reboot: "Restarts",
  start: "Starts",
  stop: "Stops",
  rebuild: "Rebuilds",
  restore: "Restores",
  terminate: "Requests to give a WorkSpace back",
  resetPassword: "Password resets",
  computeType: "Compute type changes",
  volumes: "Volume increases",
  runningMode: "Running mode changes",
  migrate: "Migrations",
  tags: "Tag changes",
  encryption: "Encryption changes",
  maintenance: "Maintenance mode changes",
};

/** The rule in force for a change type; a stored contradiction counts as the strictest of its rules. */
export function approvalRuleFor(settings: RuleLists, type: ChangeType): ApprovalRule {
  if (settings.alwaysNeedAdminChangeTypes?.includes(type)) return "managerAndAdmin";
  if (settings.alwaysNeedApprovalChangeTypes.includes(type)) return "manager";
  return "automatic";
}

/** Every change type's rule. */
export function approvalRules(settings: RuleLists): Record<ChangeType, ApprovalRule> {
  return Object.fromEntries(CHANGE_TYPES.map((type) => [type, approvalRuleFor(settings, type)])) as Record<ChangeType, ApprovalRule>;
}

/** The policy with each change type's rule set: every type lands in exactly one of the three lists. */
export function withApprovalRules<T extends PolicySettings>(settings: T, rules: Partial<Record<ChangeType, ApprovalRule>>): T {
  const current = approvalRules(settings);
  const ruleOf = (type: ChangeType) => rules[type] ?? current[type];
  const listed = (rule: ApprovalRule) => CHANGE_TYPES.filter((type) => ruleOf(type) === rule);
  return {
    ...settings,
    autoApprovedChangeTypes: listed("automatic"),
    alwaysNeedApprovalChangeTypes: listed("manager"),
    alwaysNeedAdminChangeTypes: listed("managerAndAdmin"),
  };
}

const RULE_PHRASES: Record<ApprovalRule, string> = {
  automatic: "be approved automatically",
  manager: "need the manager",
  managerAndAdmin: "need the manager and an admin",
};

export interface PolicyContradiction {
  changeType: ChangeType;
  rules: ApprovalRule[];
  /** "Compute type changes cannot both be approved automatically and need the manager and an admin: choose one." */
  message: string;
}

/** Change types given more than one rule: a policy with any of these is refused. */
export function policyContradictions(settings: RuleLists): PolicyContradiction[] {
  const lists: [ApprovalRule, readonly ChangeType[]][] = [
    ["automatic", settings.autoApprovedChangeTypes],
    ["manager", settings.alwaysNeedApprovalChangeTypes],
    ["managerAndAdmin", settings.alwaysNeedAdminChangeTypes ?? []],
  ];
  const out: PolicyContradiction[] = [];
  for (const type of CHANGE_TYPES) {
    const rules = lists.filter(([, types]) => types.includes(type)).map(([rule]) => rule);
    if (rules.length < 2) continue;
    const phrases = rules.map((rule) => RULE_PHRASES[rule]);
    const what =
      phrases.length === 2 ? `both ${phrases[0]} and ${phrases[1]}` : `${phrases.slice(0, -1).join(", ")} and ${phrases.at(-1)} at once`;
    out.push({ changeType: type, rules, message: `${CHANGE_TYPE_NOUNS[type]} cannot ${what}: choose one.` });
  }
  return out;
}
