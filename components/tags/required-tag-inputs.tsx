"use client";

import { FieldError, fieldProps, invalidClass, type FieldErrors } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass } from "@/components/ui/styles";

/** The form field name of a required tag's input, so field errors and the summary can name it. */
export const requiredTagField = (index: number) => `requiredTag${index}`;

/**
 * One input per tag the policy requires on every new WorkSpace (the cost centre has its own field on the
 * form). The request is refused without a value for each; the WorkSpace is created with them as its tags.
 */
export function RequiredTagInputs({
  formId,
  keys,
  values,
  onChange,
  errors,
}: {
  formId: string;
  keys: readonly string[];
  values: Record<string, string>;
  onChange: (key: string, value: string) => void;
  errors: FieldErrors | null;
}) {
  if (keys.length === 0) return null;
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-slate-800">Required tags</legend>
      <p className={hintClass}>
        Your organisation splits the AWS bill by these tags, so each new WorkSpace needs a value for every one. Ask your manager if you are
        unsure which to use.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        {keys.map((key, index) => {
          const name = requiredTagField(index);
          return (
            <div key={key}>
              <label htmlFor={`${formId}-${name}`} className={labelClass}>
                {key}
              </label>
              <input
                {...fieldProps(formId, name, errors)}
                aria-required="true"
                className={inputClass + invalidClass(errors, name)}
                value={values[key] ?? ""}
                onChange={(e) => onChange(key, e.target.value)}
              />
              <FieldError formId={formId} name={name} errors={errors} />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
