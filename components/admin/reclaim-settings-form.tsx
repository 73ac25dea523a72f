"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { updateReclaimSettingsAction } from "@/lib/actions/reclaim";
import type { RECLAIM_LIMITS, ReclaimSettings } from "@/lib/domain/reclaim";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { useUnsavedChanges } from "@/components/ui/unsaved-changes";
import { ActionMessage } from "./action-message";

const FORM_ID = "reclaim";
const LABELS = { idleDays: "Idle period (days)", graceDays: "Grace period (days)", exemptTagKey: "Exemption tag" };
type Values = Record<keyof typeof LABELS, string>;

/** The reclaim policy: idle period, grace period and exemption tag; the server validates and audits it. */
// The limits come from the page (the server): importing lib/domain/reclaim's values here would bring its
// precondition rules into the browser with them.
export function ReclaimSettingsForm({ settings, limits }: { settings: ReclaimSettings; limits: typeof RECLAIM_LIMITS }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const initial: Values = {
    idleDays: String(settings.idleDays),
    graceDays: String(settings.graceDays),
    exemptTagKey: settings.exemptTagKey,
  };
  const [saved, setSaved] = useState<Values>(initial);
  const [values, setValues] = useState<Values>(initial);
  const [failure, setFailure] = useState<{ message: string; errors: FieldErrors; reasons: string[] } | null>(null);
  const [done, setDone] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const dirty = JSON.stringify(values) !== JSON.stringify(saved);
  useUnsavedChanges(dirty);
  const errors = failure?.errors ?? null;
  useFocusFirstInvalid(formRef, errors);

  const field = (name: keyof Values, hint: string) => (
    <div>
      <label htmlFor={`${FORM_ID}-${name}`} className={labelClass}>
        {LABELS[name]}
      </label>
      <input
        {...fieldProps(FORM_ID, name, errors, `${FORM_ID}-${name}-hint`)}
        value={values[name]}
        onChange={(event) => {
          setValues({ ...values, [name]: event.target.value });
          setDone(null);
        }}
        className={`${inputClass}${invalidClass(errors, name)}`}
        inputMode={name === "exemptTagKey" ? undefined : "numeric"}
      />
      <p id={`${FORM_ID}-${name}-hint`} className={hintClass}>
        {hint}
      </p>
      <FieldError formId={FORM_ID} name={name} errors={errors} />
    </div>
  );
  return (
    <form
      ref={formRef}
      id={FORM_ID}
      noValidate
      aria-labelledby="reclaim-heading"
      className="mt-8 space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const submitted = values;
        startTransition(async () => {
          const out = await updateReclaimSettingsAction(submitted);
          if (out.ok) {
            setFailure(null);
            setSaved(submitted);
            setDone({ ok: true, message: "Reclaim policy saved." });
            router.refresh();
            return;
          }
          const fieldErrors: FieldErrors = { ...out.fieldErrors };
          const rest: string[] = [];
          for (const r of out.reasons ?? []) {
            if (r.code in LABELS) (fieldErrors[r.code] ??= []).push(r.message);
            else rest.push(r.message);
          }
          setFailure({ message: out.error, errors: fieldErrors, reasons: rest });
          setDone(null);
        });
      }}
    >
      <h2 id="reclaim-heading" className="text-lg font-semibold text-brand-900">
        Reclaiming unused WorkSpaces
      </h2>
      <p className="text-sm text-slate-600">
        A WorkSpace nobody connected to for the idle period (never-used ones by their age) is announced to its owner and their manager;
        after the grace period an admin is asked to give it back.
      </p>
      <ErrorSummary formId={FORM_ID} message={failure?.message} errors={errors} labels={LABELS} reasons={failure?.reasons} />
      <div className="grid gap-4 sm:grid-cols-3">
        {field("idleDays", `${limits.idleDays.min}–${limits.idleDays.max} days without a connection.`)}
        {field("graceDays", `${limits.graceDays.min}–${limits.graceDays.max} days between warning and request.`)}
        {field("exemptTagKey", "WorkSpaces with a tag of this name (any case) are never reclaimed.")}
      </div>
      <button type="submit" disabled={pending} className={primaryButton}>
        Save reclaim policy
      </button>
      <ActionMessage result={done} />
    </form>
  );
}
