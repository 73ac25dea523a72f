"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, useTransition } from "react";
import { updatePolicyAction } from "@/lib/actions/admin-users";
// The domain's own modules rather than its barrel (lib/domain/client), which would bring module-level work this
// form never uses (the example price table, volume sizes) into the page's browser code.
import { APPROVAL_RULES, approvalRules, withApprovalRules, type ApprovalRule } from "@/lib/domain/approval-rules";
import { CHANGE_TYPES, REQUESTABLE_CHANGE_TYPES, type ChangeType } from "@/lib/domain/change";
import type { CatalogEntry, PolicySettings } from "@/lib/domain/settings";
import { approvalRuleLabel, changeTypeLabel, personaLabel } from "@/lib/presentation/labels";
import { policySummary } from "@/lib/presentation/policy-summary";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { hintClass, inputClass, primaryButton } from "@/components/ui/styles";
import { useUnsavedChanges } from "@/components/ui/unsaved-changes";
import { ActionMessage } from "./action-message";
import { CatalogEntryEditor, type PickerOption } from "./policy-catalog-picker";

const FORM_ID = "policy";

const RULE_HINTS: Record<ApprovalRule, string> = {
  automatic: "unless its cost needs approval",
  manager: "always",
  managerAndAdmin: "always, the manager first",
};

interface Draft {
  manager: string;
  admin: string;
  rules: Record<ChangeType, ApprovalRule>;
  escalation: string;
  expiry: string;
  hours: string;
  byPersona: Record<string, CatalogEntry>;
  byGroup: Record<string, CatalogEntry>;
}

const toDraft = (s: PolicySettings): Draft => ({
  manager: String(s.managerThresholdCents / 100),
  admin: String(s.adminThresholdCents / 100),
  rules: approvalRules(s),
  escalation: String(s.escalationDays),
  expiry: String(s.expiryDays),
  hours: String(s.expectedAutoStopHoursPerMonth),
  byPersona: s.catalog.byPersona,
  byGroup: s.catalog.byGroup,
});

const MONEY = /^\d+(\.\d{1,2})?$/;
const NUMBER = /^\d+(\.\d+)?$/;

/** What the browser can tell at once; the server checks again and adds the rules across fields. */
function checkDraft(d: Draft): FieldErrors {
  const errors: FieldErrors = {};
  const money = "Give an amount in dollars, such as 25 or 25.50.";
  if (!MONEY.test(d.manager.trim())) errors.managerThresholdCents = [money];
  if (!MONEY.test(d.admin.trim())) errors.adminThresholdCents = [money];
  if (!NUMBER.test(d.escalation.trim()) || Number(d.escalation) <= 0)
    errors.escalationDays = ["Give a number of days above 0, such as 3 or 0.5."];
  if (!NUMBER.test(d.expiry.trim()) || Number(d.expiry) <= 0) errors.expiryDays = ["Give a number of days above 0, such as 14."];
  if (!/^\d+$/.test(d.hours.trim()) || Number(d.hours) > 744) errors.expectedAutoStopHoursPerMonth = ["Give whole hours from 0 to 744."];
  return errors;
}

/** The policy the draft stands for; a field that is not a number yet keeps the saved value (for the live summary). */
function toSettings(d: Draft, base: PolicySettings): PolicySettings {
  const num = (text: string, fallback: number, scale = 1) => (NUMBER.test(text.trim()) ? Math.round(Number(text) * scale) : fallback);
  const days = (text: string, fallback: number) => (NUMBER.test(text.trim()) ? Number(text) : fallback);
  return withApprovalRules(
    {
      ...base,
      managerThresholdCents: num(d.manager, base.managerThresholdCents, 100),
      adminThresholdCents: num(d.admin, base.adminThresholdCents, 100),
      escalationDays: days(d.escalation, base.escalationDays),
      expiryDays: days(d.expiry, base.expiryDays),
      expectedAutoStopHoursPerMonth: num(d.hours, base.expectedAutoStopHoursPerMonth),
      catalog: { byPersona: d.byPersona, byGroup: d.byGroup },
    },
    d.rules,
  );
}

const FIELD_LABELS: Record<string, string> = {
  managerThresholdCents: "Manager approves above",
  adminThresholdCents: "Manager and an admin approve above",
  escalationDays: "Escalate after (days)",
  expiryDays: "Expire after (days)",
  expectedAutoStopHoursPerMonth: "Expected AutoStop hours per month",
  ...Object.fromEntries(CHANGE_TYPES.map((t) => [`rule-${t}`, changeTypeLabel(t)])),
};

/** The server's reasons by field: "adminThresholdCents", or "approvalRules.computeType" for a type's choice. */
function serverFieldErrors(reasons: { code: string; message: string }[] = []): { errors: FieldErrors; rest: string[] } {
  const errors: FieldErrors = {};
  const rest: string[] = [];
  for (const r of reasons) {
    const field = r.code.startsWith("approvalRules.") ? `rule-${r.code.slice("approvalRules.".length)}` : r.code;
    if (FIELD_LABELS[field]) (errors[field] ??= []).push(r.message);
    else rest.push(r.message);
  }
  return { errors, rest };
}

function EntryList({
  title,
  kind,
  entries,
  onChange,
  name,
  bundles,
  directories,
  choices,
}: {
  title: string;
  kind: "persona" | "group";
  /** For personas: the ones people can have; the "Add" control picks among those not listed yet. */
  choices?: string[];
  entries: Record<string, CatalogEntry>;
  onChange: (entries: Record<string, CatalogEntry>) => void;
  name: (key: string) => string;
  bundles: PickerOption[];
  directories: PickerOption[];
}) {
  const [newKey, setNewKey] = useState("");
  const key = newKey.trim();
  const addId = `${FORM_ID}-add-${kind}`;
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 font-medium text-slate-900">{title}</legend>
      {Object.keys(entries).length === 0 && <p className="text-sm text-slate-600">None yet.</p>}
      {Object.entries(entries).map(([k, entry]) => (
        <CatalogEntryEditor
          key={k}
          title={name(k)}
          entry={entry}
          onChange={(next) => onChange({ ...entries, [k]: next })}
          onRemove={() => onChange(Object.fromEntries(Object.entries(entries).filter(([other]) => other !== k)))}
          bundles={bundles}
          directories={directories}
        />
      ))}
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={addId} className="block text-sm text-slate-600">
            {kind === "persona" ? "Add a persona" : "Add a group"}
          </label>
          {choices ? (
            <select id={addId} value={newKey} onChange={(e) => setNewKey(e.target.value)} className={`${inputClass} w-56`}>
              <option value="">Choose…</option>
              {choices
                .filter((c) => !(c in entries))
                .map((c) => (
                  <option key={c} value={c}>
                    {name(c)}
                  </option>
                ))}
            </select>
          ) : (
            <input id={addId} value={newKey} onChange={(e) => setNewKey(e.target.value)} className={`${inputClass} w-56`} />
          )}
        </div>
        <button
          type="button"
          disabled={!key || key in entries}
          onClick={() => {
            onChange({ ...entries, [key]: { bundleIds: [], directoryIds: [] } });
            setNewKey("");
          }}
          className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100 disabled:opacity-50"
        >
          Add
        </button>
      </div>
    </fieldset>
  );
}

/**
 * The approval policy as one form: who approves each change type (one three-way choice each), the cost limits,
 * timing, and what each persona and group may have, picked by name. The rules are restated in sentences as the
 * admin edits; leaving with unsaved edits asks first.
 */
export function PolicyForm({
  settings,
  bundles,
  directories,
  personas,
}: {
  settings: PolicySettings;
  bundles: PickerOption[];
  directories: PickerOption[];
  personas: string[];
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [saved, setSaved] = useState<Draft>(() => toDraft(settings));
  const [draft, setDraft] = useState<Draft>(saved);
  const [failure, setFailure] = useState<{ message: string; errors: FieldErrors; reasons: string[] } | null>(null);
  const [done, setDone] = useState<{ ok: boolean; message: string } | null>(null);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(saved), [draft, saved]);
  useUnsavedChanges(dirty);
  const errors = failure?.errors ?? null;
  useFocusFirstInvalid(formRef, errors);
  const summary = useMemo(() => policySummary(toSettings(draft, settings)), [draft, settings]);
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setDone(null);
  };

  const save = (event: React.FormEvent) => {
    event.preventDefault();
    const local = checkDraft(draft);
    if (Object.keys(local).length > 0) {
      setFailure({ message: "The policy was not saved: some fields need attention.", errors: local, reasons: [] });
      return;
    }
    const submitted = draft;
    start(async () => {
      const out = await updatePolicyAction({ value: toSettings(submitted, settings) });
      if (out.ok) {
        setFailure(null);
        setSaved(submitted);
        setDone({ ok: true, message: "Policy saved. It applies to the next request." });
        router.refresh();
        return;
      }
      const { errors: fromServer, rest } = serverFieldErrors(out.reasons);
      setFailure({ message: out.error, errors: { ...fromServer, ...out.fieldErrors }, reasons: rest });
      setDone(null);
    });
  };

  const numberField = (name: keyof typeof FIELD_LABELS, value: string, onChange: (v: string) => void, hint: string) => (
    <div>
      <label htmlFor={`${FORM_ID}-${name}`} className="block text-sm text-slate-700">
        {FIELD_LABELS[name]}
      </label>
      <input
        {...fieldProps(FORM_ID, name, errors, `${FORM_ID}-${name}-hint`)}
        inputMode="decimal"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`${inputClass} w-32${invalidClass(errors, name)}`}
      />
      <p id={`${FORM_ID}-${name}-hint`} className={hintClass}>
        {hint}
      </p>
      <FieldError formId={FORM_ID} name={name} errors={errors} />
    </div>
  );

  return (
    <form ref={formRef} id={FORM_ID} onSubmit={save} noValidate className="space-y-6">
      <ErrorSummary formId={FORM_ID} message={failure?.message} errors={errors} labels={FIELD_LABELS} reasons={failure?.reasons} />

      <section aria-labelledby="policy-summary-heading" className="rounded-lg border border-brand-100 bg-brand-50 p-4">
        <h2 id="policy-summary-heading" className="text-base font-semibold text-brand-900">
          The rules in sentences
        </h2>
        {dirty && <p className="text-sm font-medium text-amber-800">Includes changes you have not saved yet.</p>}
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800" data-testid="policy-summary">
          {summary.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="policy-rules-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="policy-rules-heading" className="text-base font-semibold text-slate-900">
          Who approves each change
        </h2>
        <p className={hintClass}>The least approval a change of each type needs. The cost limits below can ask for more, never for less.</p>
        <div className="mt-3 divide-y divide-slate-100">
          {REQUESTABLE_CHANGE_TYPES.map((type) => {
            const name = `rule-${type}`;
            const props = fieldProps(FORM_ID, name, errors);
            return (
              <fieldset key={type} className="grid gap-1 py-2 sm:grid-cols-[16rem_1fr] sm:items-center sm:gap-2">
                <legend className="sr-only">{changeTypeLabel(type)}</legend>
                <span aria-hidden="true" className="text-sm font-medium text-slate-800">
                  {changeTypeLabel(type)}
                </span>
                <div className="flex flex-wrap gap-x-4 gap-y-1">
                  {APPROVAL_RULES.map((rule, i) => (
                    <label key={rule} className="inline-flex items-center gap-1.5 text-sm">
                      <input
                        type="radio"
                        name={name}
                        id={i === 0 ? props.id : undefined}
                        aria-describedby={props["aria-describedby"]}
                        value={rule}
                        checked={draft.rules[type] === rule}
                        onChange={() => set({ rules: { ...draft.rules, [type]: rule } })}
                        className="size-4 accent-brand-600"
                      />
                      {approvalRuleLabel(rule)}
                      <span className="sr-only"> ({RULE_HINTS[rule]})</span>
                    </label>
                  ))}
                </div>
                <div className="sm:col-start-2">
                  <FieldError formId={FORM_ID} name={name} errors={errors} />
                </div>
              </fieldset>
            );
          })}
        </div>
      </section>

      <section aria-labelledby="policy-cost-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="policy-cost-heading" className="text-base font-semibold text-slate-900">
          Cost limits and timing
        </h2>
        <div className="mt-3 flex flex-wrap gap-4">
          {numberField(
            "managerThresholdCents",
            draft.manager,
            (v) => set({ manager: v }),
            "Monthly cost increase in US dollars; 0: any increase.",
          )}
          {numberField("adminThresholdCents", draft.admin, (v) => set({ admin: v }), "Monthly cost increase in US dollars.")}
          {numberField("escalationDays", draft.escalation, (v) => set({ escalation: v }), "Undecided requests go to the admins.")}
          {numberField("expiryDays", draft.expiry, (v) => set({ expiry: v }), "Undecided requests expire.")}
          {numberField("expectedAutoStopHoursPerMonth", draft.hours, (v) => set({ hours: v }), "Used to estimate AutoStop costs.")}
        </div>
      </section>

      <section aria-labelledby="policy-catalog-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="policy-catalog-heading" className="text-base font-semibold text-slate-900">
          What each persona and group may request
        </h2>
        <p className={hintClass}>People get what their persona and all their groups offer together.</p>
        <EntryList
          title="Personas"
          kind="persona"
          entries={draft.byPersona}
          onChange={(byPersona) => set({ byPersona })}
          name={personaLabel}
          choices={personas}
          bundles={bundles}
          directories={directories}
        />
        <EntryList
          title="Groups"
          kind="group"
          entries={draft.byGroup}
          onChange={(byGroup) => set({ byGroup })}
          name={(k) => k}
          bundles={bundles}
          directories={directories}
        />
      </section>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Saving…" : "Save policy"}
        </button>
        {dirty && !pending && <span className="text-sm text-amber-800">Unsaved changes</span>}
      </div>
      <ActionMessage result={done} />
    </form>
  );
}
