"use client";

export interface RuleDraft {
  cidr: string;
  description: string;
}

export const MAX_RULES = 10;

/** CIDR and description rows; "Add rule" stops at the ten rules a group can hold. */
export function RulesEditor({
  rules,
  onChange,
  idPrefix,
}: {
  rules: RuleDraft[];
  onChange: (rules: RuleDraft[]) => void;
  idPrefix: string;
}) {
  const set = (i: number, patch: Partial<RuleDraft>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">
        Rules ({rules.length} of {MAX_RULES})
      </legend>
      {rules.map((rule, i) => (
        <div key={i} className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="block text-slate-600">CIDR</span>
            <input
              id={`${idPrefix}-cidr-${i}`}
              value={rule.cidr}
              onChange={(e) => set(i, { cidr: e.target.value })}
              placeholder="203.0.113.0/24"
              className="w-44 rounded border border-slate-300 px-2 py-1 font-mono"
            />
          </label>
          <label className="text-sm">
            <span className="block text-slate-600">Rule description</span>
            <input
              value={rule.description}
              onChange={(e) => set(i, { description: e.target.value })}
              placeholder="Head office"
              className="w-56 rounded border border-slate-300 px-2 py-1"
            />
          </label>
          <button
            type="button"
            onClick={() => onChange(rules.filter((_, j) => j !== i))}
            className="rounded border border-slate-300 px-2 py-1 text-sm"
            aria-label={`Remove rule ${i + 1}`}
          >
            Remove
          </button>
        </div>
      ))}
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
