import "server-only";
import { policyContradictions, policySettingsSchema, priceTableSchema, type PolicySettings, type PriceTable } from "../../domain";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { ServiceError } from "../../core/errors";
import { getPolicySettings, POLICY_SETTING, PRICE_TABLE_SETTING, saveSetting } from "../../core/settings";
import { toJson, type Tx } from "../../core/tx";
import { requireAdmin, type AdminCaller } from "./guard";

// The approval policy and the price table are read from the Setting table on every request, so a saved
// change is in force for the very next request: there is no cache to invalidate.

function invalid(what: string, issues: { path: PropertyKey[]; message: string }[]): ServiceError {
  const reasons = issues.map((i) => ({ code: i.path.map(String).join(".") || what, message: i.message }));
  return new ServiceError("invalid", `The ${what} was not saved: ${reasons[0]?.message}`, reasons);
}

/**
 * One part of the policy edited, the rest kept: reads the policy in the caller's transaction, applies `edit`, checks
 * the whole against the domain schema (refused as "<notSaved>: <reason>") and writes it. The caller audits the part.
 */
export async function editPolicy(
  tx: Tx,
  actor: { id: string },
  notSaved: string,
  edit: (before: PolicySettings) => PolicySettings,
): Promise<{ before: PolicySettings; after: PolicySettings }> {
  const before = await getPolicySettings(tx);
  const parsed = policySettingsSchema.safeParse(edit(before));
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => ({ code: i.path.map(String).join(".") || "policy", message: i.message }));
    throw new ServiceError("invalid", `${notSaved}: ${reasons[0]?.message}`, reasons);
  }
  await tx.setting.upsert({
    where: { key: POLICY_SETTING.key },
    create: { key: POLICY_SETTING.key, value: toJson(parsed.data), updatedById: actor.id },
    update: { value: toJson(parsed.data), updatedById: actor.id },
  });
  return { before, after: parsed.data };
}

export async function updatePolicySettings(caller: AdminCaller, raw: unknown): Promise<PolicySettings> {
  const actor = await requireAdmin(caller);
  const parsed = policySettingsSchema.safeParse(raw);
  if (!parsed.success) throw invalid("policy", parsed.error.issues);
  const settings = parsed.data;
  // Each change type has one rule; a type given two (say automatic and manager plus admin) is refused, naming it.
  const contradictions = policyContradictions(settings);
  if (contradictions.length > 0) {
    throw new ServiceError(
      "invalid",
      `The policy was not saved: ${contradictions[0]!.message}`,
      contradictions.map((c) => ({ code: `approvalRules.${c.changeType}`, message: c.message })),
    );
  }
  await db().$transaction((tx) => saveSetting(tx, actor, POLICY_SETTING, settings, "policy.updated"));
  return settings;
}

export async function updatePriceTable(caller: AdminCaller, raw: unknown): Promise<PriceTable> {
  const actor = await requireAdmin(caller);
  const parsed = priceTableSchema.safeParse(raw);
  if (!parsed.success) throw invalid("price table", parsed.error.issues);
  const table = parsed.data;
  await db().$transaction((tx) => saveSetting(tx, actor, PRICE_TABLE_SETTING, table, "prices.updated"));
  return table;
}

/**
 * Sets exactly which personas and groups may request WorkSpaces in one directory, by adding or removing
 * the directory id in each catalog entry. Everything else in the policy is kept; the result is checked
 * by the domain schema, and read, written and audited in one transaction.
 */
export async function setDirectoryRequesters(
  caller: AdminCaller,
  input: { directoryId: string; personas: string[]; groups: string[] },
): Promise<PolicySettings> {
  const actor = await requireAdmin(caller);
  return db().$transaction(async (tx) => {
    const edit = (entries: PolicySettings["catalog"]["byPersona"], wanted: string[]) => {
      const next = { ...entries };
      for (const key of new Set([...Object.keys(entries), ...wanted])) {
        const entry = next[key] ?? { bundleIds: [], directoryIds: [] };
        const others = entry.directoryIds.filter((id) => id !== input.directoryId);
        next[key] = { ...entry, directoryIds: wanted.includes(key) ? [...others, input.directoryId] : others };
      }
      return next;
    };
    const { before, after } = await editPolicy(tx, actor, "The policy was not saved", (policy) => ({
      ...policy,
      catalog: { byPersona: edit(policy.catalog.byPersona, input.personas), byGroup: edit(policy.catalog.byGroup, input.groups) },
    }));
    const who = (c: PolicySettings["catalog"]) => ({
      personas: Object.keys(c.byPersona).filter((k) => c.byPersona[k]!.directoryIds.includes(input.directoryId)),
      groups: Object.keys(c.byGroup).filter((k) => c.byGroup[k]!.directoryIds.includes(input.directoryId)),
    });
    await recordAudit(tx, {
      actor,
      action: "policy.directory_requesters_updated",
      targetType: "directory",
      targetId: input.directoryId,
      before: who(before.catalog),
      after: who(after.catalog),
    });
    return after;
  });
}
