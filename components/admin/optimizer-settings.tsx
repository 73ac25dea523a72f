"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updateOptimizerSettingsAction } from "@/lib/actions/optimizer";
import { primaryButton } from "@/components/ui/styles";
import type { ComputeType, OptimizerSettings } from "@/lib/domain/client";
import { ActionMessage, actionError } from "./action-message";
import { computeTypeLabel } from "@/lib/presentation/labels";

/** The thresholds editor: one field per compute type (blank = no advice for it), the last-days window and the nightly switch. */
export function OptimizerSettingsForm({ settings, computeTypes }: { settings: OptimizerSettings; computeTypes: readonly ComputeType[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
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
      setResult(out.ok ? { ok: true, message: "Saved. The next run uses these settings." } : { ok: false, message: actionError(out) });
      if (out.ok) router.refresh();
    });
  };
  const num = "w-24 rounded border border-slate-300 px-2 py-1";
  return (
    <form onSubmit={save} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium">Break-even hours a month per compute type (blank: no advice)</legend>
        {computeTypes.map((type) => (
          <label key={type} className="text-sm">
            <span className="block text-slate-600">{computeTypeLabel(type)}</span>
            <input name={`t-${type}`} type="number" step="0.1" defaultValue={settings.thresholds[type] ?? ""} className={num} />
          </label>
        ))}
      </fieldset>
      <label className="block text-sm">
        <span className="block text-slate-600">Recommend AlwaysOn → AutoStop in the month&apos;s last … days</span>
        <input name="lastDays" type="number" step="1" defaultValue={settings.alwaysOnToAutoStopLastDays} className={num} />
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input name="nightly" type="checkbox" defaultChecked={settings.nightly} />
        Create the requests by itself every night
      </label>
      <button type="submit" className={primaryButton} disabled={pending}>
        Save optimizer settings
      </button>
      <ActionMessage result={result} />
    </form>
  );
}
