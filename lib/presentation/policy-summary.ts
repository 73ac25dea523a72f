// The domain's own modules, not its barrel: the policies page runs this in the browser (see labels.ts).
import { approvalRules, type ApprovalRule } from "../domain/approval-rules";
import { REQUESTABLE_CHANGE_TYPES, type ChangeType } from "../domain/change";
import { formatMoney } from "../domain/money";
import type { PolicySettings } from "../domain/settings";
import { changeTypeLabel } from "./labels";

// The approval policy in sentences, as the policies page states it under the form (and updates it while the
// admin edits): the cost limits, then each three-way choice grouped by rule, then who stands in and the timing.

const usd = (cents: number) => formatMoney({ cents, currency: "USD" });

const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);

/** "Restarts, starts and stops": change types as one list, the first capitalised. */
export function listChangeTypes(types: readonly ChangeType[]): string {
  const names = types.map((t, i) => (i === 0 ? changeTypeLabel(t) : lowerFirst(changeTypeLabel(t))));
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

const plural = (n: number, unit: string) => (n === 1 ? `1 ${unit}` : `${n} ${unit}s`);

/** "3 days", "1 day", "12 hours", "2 minutes": fractions of a day (a pilot's or a demo's) in the unit that reads best. */
export function formatDays(days: number): string {
  if (Number.isInteger(days)) return plural(days, "day");
  const hours = Math.round(days * 24 * 10) / 10;
  if (hours >= 1) return plural(hours, "hour");
  const minutes = Math.round(days * 24 * 60);
  if (minutes >= 1) return plural(minutes, "minute");
  return plural(Math.max(1, Math.round(days * 24 * 3600)), "second");
}

type SummaryInput = Pick<
  PolicySettings,
  | "managerThresholdCents"
  | "adminThresholdCents"
  | "autoApprovedChangeTypes"
  | "alwaysNeedApprovalChangeTypes"
  | "alwaysNeedAdminChangeTypes"
  | "escalationDays"
  | "expiryDays"
>;

/** What a change costing more than the limits needs, whatever its type. */
export function costRuleSentence(settings: Pick<PolicySettings, "managerThresholdCents" | "adminThresholdCents">): string {
  const { managerThresholdCents: manager, adminThresholdCents: admin } = settings;
  const above = (cents: number) => (cents === 0 ? "adds to the monthly cost" : `adds more than ${usd(cents)} a month`);
  if (admin <= manager) return `Any change that ${above(admin)} needs the manager and an admin.`;
  return `Any change that ${above(manager)} needs the manager; one that ${above(admin)} needs the manager and an admin.`;
}

/** The sentence for the change types under one rule, or null when no type has it. */
export function ruleSentence(rule: ApprovalRule, types: readonly ChangeType[], settings: SummaryInput): string | null {
  if (types.length === 0) return null;
  const list = types.length === REQUESTABLE_CHANGE_TYPES.length ? "Changes of every type" : listChangeTypes(types);
  switch (rule) {
    case "managerAndAdmin":
      return `${list} always need the manager and an admin.`;
    case "manager":
      return `${list} always need the manager, and an admin as well when they add more than ${usd(settings.adminThresholdCents)} a month.`;
    case "automatic":
      return settings.managerThresholdCents === 0
        ? `${list} are approved automatically unless they cost more.`
        : `${list} are approved automatically unless they add more than ${usd(settings.managerThresholdCents)} a month.`;
  }
}

/** The whole policy in sentences, strictest rules first. */
export function policySummary(settings: SummaryInput): string[] {
  const rules = approvalRules(settings);
  const typesWith = (rule: ApprovalRule) => REQUESTABLE_CHANGE_TYPES.filter((t) => rules[t] === rule);
  const byRule = (["managerAndAdmin", "manager", "automatic"] as const)
    .map((rule) => ruleSentence(rule, typesWith(rule), settings))
    .filter((s): s is string => s !== null);
  return [
    ...byRule,
    costRuleSentence(settings),
    "A change whose cost cannot be estimated needs the manager and an admin.",
    "Where there is no manager, or people ask for themselves as a manager, an admin approves in the manager's place.",
    `A request still undecided after ${formatDays(settings.escalationDays)} is escalated to the admins; ` +
      `after ${formatDays(settings.expiryDays)} it expires.`,
  ];
}
