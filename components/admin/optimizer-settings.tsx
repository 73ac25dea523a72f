"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { updateOptimizerSettingsAction } from "@/lib/actions/optimizer";
import { primaryButton } from "@/components/ui/styles";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { useFormDirty, useUnsavedChanges } from "@/components/ui/unsaved-changes";
import type { ComputeType, OptimizerSettings } from "@/lib/domain/client";
import { ActionMessage } from "./action-message";
import { computeTypeLabel } from "@/lib/presentation/labels";

const FORM_ID = "optimizer-settings";

/** The thresholds editor: one field per compute type (blank = no advice for it), the last-days window and the nightly switch. */
export function OptimizerSettingsForm({ settings, computeTypes }: { settings: OptimizerSettings; computeTypes: readonly ComputeType[] }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [done, setDone] = useState<{ ok: boolean; message: string } | null>(null);
  const [failure, setFailure] = useState<{ message: string; errors: FieldErrors; reasons: string[] } | null>(null);
  const [savedAt, setSavedAt] = useState(0);
  useUnsavedChanges(useFormDirty(formRef, savedAt));
  const errors = failure?.errors ?? null;
  useFocusFirstInvalid(formRef, errors);
  const labels: Record<string, string> = {
    ...Object.fromEntries(computeTypes.map((t) => [`t-${t}`, `Break-even hours, ${computeTypeLabel(t)}`])),
    lastDays: "Last days of the month",
  };

  const save = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const thresholds: Record<string, number> = {};
    for (const type of computeTypes) {
      const raw = String(data.get(`t-${type}`) ?? "").trim();
      if (raw !== "") thresholds[type] = Number(raw);
    }
    const value = { thresholds, alwaysOnToAutoStopLastDays: Number(data.get("lastDays")), nightly: data.get("nightly") === "on" };
    start(async () => {
      const out = await updateOptimizerSettingsAction({ value });
      if (out.ok) {
        setFailure(null);
        setDone({ ok: true, message: "Saved. The next run uses these settings." });
        setSavedAt(Date.now());
        router.refresh();
        return;
      }
      // The server names the field: "thresholds.STANDARD" or "alwaysOnToAutoStopLastDays".
      const fieldErrors: FieldErrors = {};
      const rest: string[] = [];
      for (const r of out.reasons ?? []) {
        const field = r.code.startsWith("thresholds.")
          ? `t-${r.code.slice("thresholds.".length)}`
          : r.code === "alwaysOnToAutoStopLastDays"
            ? "lastDays"
            : null;
        if (field && labels[field]) (fieldErrors[field] ??= []).push(r.message);
        else rest.push(r.message);
      }
      setFailure({ message: out.error, errors: fieldErrors, reasons: rest });
      setDone(null);
    });
  };
  const num = "w-24 rounded border border-slate-300 px-2 py-1";
  return (
    <form ref={formRef} id={FORM_ID} onSubmit={save} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <ErrorSummary formId={FORM_ID} message={failure?.message} errors={errors} labels={labels} reasons={failure?.reasons} />
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium">Break-even hours a month per compute type (blank: no advice)</legend>
        {computeTypes.map((type) => (
          <div key={type} className="text-sm">
            <label htmlFor={`${FORM_ID}-t-${type}`} className="block text-slate-600">
              {computeTypeLabel(type)}
            </label>
            <input
              {...fieldProps(FORM_ID, `t-${type}`, errors)}
              inputMode="decimal"
              defaultValue={settings.thresholds[type] ?? ""}
              className={`${num}${invalidClass(errors, `t-${type}`)}`}
            />
            <FieldError formId={FORM_ID} name={`t-${type}`} errors={errors} />
          </div>
        ))}
      </fieldset>
      <div className="text-sm">
        <label htmlFor={`${FORM_ID}-lastDays`} className="block text-slate-600">
          Recommend AlwaysOn → AutoStop in the month&apos;s last … days
        </label>
        <input
          {...fieldProps(FORM_ID, "lastDays", errors)}
          inputMode="numeric"
          defaultValue={settings.alwaysOnToAutoStopLastDays}
          className={`${num}${invalidClass(errors, "lastDays")}`}
        />
        <FieldError formId={FORM_ID} name="lastDays" errors={errors} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input name="nightly" type="checkbox" defaultChecked={settings.nightly} />
        Create the requests by itself every night
      </label>
      <button type="submit" className={primaryButton} disabled={pending}>
        Save optimizer settings
      </button>
      <ActionMessage result={done} />
    </form>
  );
}
