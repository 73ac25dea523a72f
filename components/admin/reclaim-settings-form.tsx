"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updateReclaimSettingsAction } from "@/lib/actions/reclaim";
import { RECLAIM_LIMITS, type ReclaimSettings } from "@/lib/domain/client";
import { hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { ActionMessage, actionError } from "./action-message";

/** The reclaim policy: idle period, grace period and exemption tag; the server validates and audits it. */
export function ReclaimSettingsForm({ settings }: { settings: ReclaimSettings }) {
  const router = useRouter();
  const [values, setValues] = useState({
    idleDays: String(settings.idleDays),
    graceDays: String(settings.graceDays),
    exemptTagKey: settings.exemptTagKey,
  });
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const field = (name: keyof typeof values, label: string, hint: string) => (
    <label className="block">
      <span className={labelClass}>{label}</span>
      <input
        name={name}
        value={values[name]}
        onChange={(event) => setValues({ ...values, [name]: event.target.value })}
        className={inputClass}
        inputMode={name === "exemptTagKey" ? undefined : "numeric"}
      />
      <span className={hintClass}>{hint}</span>
    </label>
  );
  return (
    <form
      aria-labelledby="reclaim-heading"
      className="mt-8 space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const out = await updateReclaimSettingsAction(values);
          setResult(out.ok ? { ok: true, message: "Reclaim policy saved." } : { ok: false, message: actionError(out) });
          if (out.ok) router.refresh();
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
      <div className="grid gap-4 sm:grid-cols-3">
        {field(
          "idleDays",
          "Idle period (days)",
          `${RECLAIM_LIMITS.idleDays.min}–${RECLAIM_LIMITS.idleDays.max} days without a connection.`,
        )}
        {field(
          "graceDays",
          "Grace period (days)",
          `${RECLAIM_LIMITS.graceDays.min}–${RECLAIM_LIMITS.graceDays.max} days between warning and request.`,
        )}
        {field("exemptTagKey", "Exemption tag", "WorkSpaces with a tag of this name (any case) are never reclaimed.")}
      </div>
      <button type="submit" disabled={pending} className={primaryButton}>
        Save reclaim policy
      </button>
      <ActionMessage result={result} />
    </form>
  );
}
