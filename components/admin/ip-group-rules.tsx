"use client";

import { FieldError, fieldProps, invalidClass, type FieldErrors } from "@/components/ui/form-errors";
import { inputClass } from "@/components/ui/styles";

export interface RuleDraft {
  cidr: string;
  description: string;
}

export const MAX_RULES = 10;

/** What the error summary calls each rule's fields ("Rule 2 CIDR"), keyed as the server reports them. */
export function ruleFieldLabels(rules: RuleDraft[]): Record<string, string> {
  const labels: Record<string, string> = { rules: "Rules" };
  rules.forEach((_, i) => {
    labels[`rules.${i}.cidr`] = `Rule ${i + 1} CIDR`;
    labels[`rules.${i}.description`] = `Rule ${i + 1} description`;
  });
  return labels;
}

/**
 * CIDR and description rows of an IP group form, each field outlined and described by its own message after a
 * failed submit; "Add rule" stops at the ten rules a group can hold.
 */
export function IpGroupRules({
  formId,
  rules,
  onChange,
  errors,
}: {
  formId: string;
  rules: RuleDraft[];
  onChange: (rules: RuleDraft[]) => void;
  errors: FieldErrors | undefined;
}) {
  const set = (i: number, patch: Partial<RuleDraft>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset id={`${formId}-rules`} className="space-y-2" aria-describedby={errors?.rules?.length ? `${formId}-rules-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">
        Rules ({rules.length} of {MAX_RULES})
      </legend>
      {rules.length === 0 && <p className="text-sm text-slate-600">No rules: the group lets no network in.</p>}
      {rules.map((rule, i) => {
        const cidr = `rules.${i}.cidr`;
        const description = `rules.${i}.description`;
        return (
          <div key={i} className="flex flex-wrap items-start gap-2">
            <div className="w-full sm:w-44">
              <label htmlFor={`${formId}-${cidr}`} className="block text-sm text-slate-700">
                CIDR<span className="sr-only"> of rule {i + 1}</span>
              </label>
              <input
                {...fieldProps(formId, cidr, errors)}
                value={rule.cidr}
                onChange={(e) => set(i, { cidr: e.target.value })}
                placeholder="203.0.113.0/24"
                className={`${inputClass} font-mono${invalidClass(errors, cidr)}`}
              />
              <FieldError formId={formId} name={cidr} errors={errors} />
            </div>
            <div className="w-full sm:w-56">
              <label htmlFor={`${formId}-${description}`} className="block text-sm text-slate-700">
                Rule description<span className="sr-only"> of rule {i + 1}</span>
              </label>
              <input
                {...fieldProps(formId, description, errors)}
                value={rule.description}
                onChange={(e) => set(i, { description: e.target.value })}
                placeholder="Head office"
                className={`${inputClass}${invalidClass(errors, description)}`}
              />
              <FieldError formId={formId} name={description} errors={errors} />
            </div>
            <button
              type="button"
              onClick={() => onChange(rules.filter((_, j) => j !== i))}
              className="rounded border border-slate-300 px-2 py-2 text-sm hover:bg-slate-50 sm:mt-5"
              aria-label={`Remove rule ${i + 1}`}
            >
              Remove
            </button>
          </div>
        );
      })}
      <FieldError formId={formId} name="rules" errors={errors} />
      <button
        type="button"
        disabled={rules.length >= MAX_RULES}
        onClick={() => onChange([...rules, { cidr: "", description: "" }])}
        className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-50"
      >
        Add rule
      </button>
      {rules.length >= MAX_RULES && <p className="text-sm text-slate-600">A group holds at most {MAX_RULES} rules.</p>}
    </fieldset>
  );
}
