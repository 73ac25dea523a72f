"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { updateTagPolicyAction } from "@/lib/actions/tags";
import type { TagPolicy } from "@/lib/domain/tags";
import { ActionMessage } from "@/components/admin/action-message";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { useUnsavedChanges } from "@/components/ui/unsaved-changes";

const FORM_ID = "tag-policy";
const LABELS = { requiredKeys: "Required tags on new WorkSpaces", employeeEditableKeys: "Tags employees may edit" };
type Field = keyof typeof LABELS;

/** Tag names from the text box: one a line or separated by commas (AWS allows no comma in a tag name). */
export function keysFromText(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((key) => key.trim())
    .filter(Boolean);
}

/** The policy's tag rules: which tags every new WorkSpace must carry, and which tags employees may edit themselves. */
export function TagPolicyForm({ policy }: { policy: TagPolicy }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const initial: Record<Field, string> = {
    requiredKeys: policy.requiredKeys.join("\n"),
    employeeEditableKeys: policy.employeeEditableKeys.join("\n"),
  };
  const [saved, setSaved] = useState(initial);
  const [values, setValues] = useState(initial);
  const [failure, setFailure] = useState<{ message: string; errors: FieldErrors; reasons: string[] } | null>(null);
  const [done, setDone] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  useUnsavedChanges(JSON.stringify(values) !== JSON.stringify(saved));
  const errors = failure?.errors ?? null;
  useFocusFirstInvalid(formRef, errors);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const submitted = values;
    startTransition(async () => {
      const out = await updateTagPolicyAction({
        requiredKeys: keysFromText(submitted.requiredKeys),
        employeeEditableKeys: keysFromText(submitted.employeeEditableKeys),
      });
      if (out.ok) {
        setFailure(null);
        setSaved(submitted);
        setDone({ ok: true, message: "Tag rules saved. They apply to the next request." });
        router.refresh();
        return;
      }
      const fieldErrors: FieldErrors = {};
      for (const [path, list] of Object.entries(out.fieldErrors ?? {})) {
        const name = path.split(".")[0]!;
        fieldErrors[name] = [...(fieldErrors[name] ?? []), ...list];
      }
      setFailure({ message: out.error, errors: fieldErrors, reasons: out.reasons?.map((r) => r.message) ?? [] });
      setDone(null);
    });
  }

  const field = (name: Field, hint: string) => (
    <div>
      <label htmlFor={`${FORM_ID}-${name}`} className={labelClass}>
        {LABELS[name]}
      </label>
      <textarea
        {...fieldProps(FORM_ID, name, errors, `${FORM_ID}-${name}-hint`)}
        rows={3}
        value={values[name]}
        onChange={(event) => {
          setValues({ ...values, [name]: event.target.value });
          setDone(null);
        }}
        className={`${inputClass}${invalidClass(errors, name)}`}
      />
      <p id={`${FORM_ID}-${name}-hint`} className={hintClass}>
        {hint}
      </p>
      <FieldError formId={FORM_ID} name={name} errors={errors} />
    </div>
  );

  return (
    <form ref={formRef} id={FORM_ID} noValidate aria-labelledby={`${FORM_ID}-heading`} className="mt-8 space-y-4" onSubmit={submit}>
      <h2 id={`${FORM_ID}-heading`} className="text-lg font-semibold text-brand-900">
        Tags
      </h2>
      <p className="text-sm text-slate-600">
        Tags are how AWS cost reports split the bill, for example by cost centre. Require the names you bill by on every new WorkSpace, so
        none lands in “untagged”; a migrated WorkSpace keeps its tags. Employees may keep the tags you open to them up to date themselves;
        every edit is a request, approved as the rules above say for tag changes.
      </p>
      <p className="text-sm text-slate-600">
        A tag name only splits costs once it is turned on as a cost allocation tag in the AWS billing console. The name appears there about
        a day after it is first used, its values in Cost Explorer four or five days later, and costs are split only from the day it was
        turned on: spending before then stays untagged.
      </p>
      <ErrorSummary formId={FORM_ID} message={failure?.message} errors={errors} labels={LABELS} reasons={failure?.reasons} />
      <div className="grid gap-4 sm:grid-cols-2">
        {field(
          "requiredKeys",
          "One name a line, for example CostCenter. The request form asks for each; a request without a value is refused, " +
            "and nobody can remove them.",
        )}
        {field("employeeEditableKeys", "One name a line. Employees may add, change or remove these tags on their own WorkSpaces.")}
      </div>
      <button type="submit" disabled={pending} className={primaryButton}>
        Save tag rules
      </button>
      <ActionMessage result={done} />
    </form>
  );
}
