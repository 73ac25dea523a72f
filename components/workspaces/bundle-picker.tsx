"use client";

import type { BundleCard } from "@/lib/queries/new-workspace";
import { computeTypeLabel } from "@/lib/presentation/labels";
import { priceText } from "./labels";

const CARD =
  "relative flex cursor-pointer flex-col rounded-lg border p-3 text-sm " +
  "focus-within:outline focus-within:outline-3 focus-within:outline-brand-600";
const CARD_CHECKED = "border-brand-600 bg-brand-50 ring-1 ring-brand-600";
const CARD_UNCHECKED = "border-slate-200 bg-white hover:border-slate-300";

/** The catalog as cards; a native radio group, so arrow keys move between bundles. */
export function BundlePicker({ bundles, value, onChange }: { bundles: BundleCard[]; value: string; onChange: (id: string) => void }) {
  if (bundles.length === 0)
    return (
      <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">
        No bundle is offered to you in this directory&apos;s Region. Ask your IT department.
      </p>
    );
  return (
    <fieldset role="radiogroup" aria-label="Bundle" className="min-w-0">
      <legend className="block text-sm font-medium text-slate-800">Bundle</legend>
      <div className="mt-2 grid max-h-[28rem] gap-2 overflow-y-auto p-1 sm:grid-cols-2">
        {bundles.map((b) => {
          const checked = b.id === value;
          return (
            <label key={b.id} className={`${CARD} ${checked ? CARD_CHECKED : CARD_UNCHECKED}`}>
              <input
                type="radio"
                name="bundle"
                value={b.id}
                checked={checked}
                onChange={() => onChange(b.id)}
                className="sr-only"
                aria-label={b.name}
              />
              <span className="font-semibold text-slate-900">{b.name}</span>
              {b.description && <span className="mt-0.5 text-xs text-slate-600">{b.description}</span>}
              <span className="mt-1 text-xs text-slate-700">
                {computeTypeLabel(b.computeType)} · {b.vcpu} vCPU · {b.memoryGiB} GiB memory{b.gpu ? ` · ${b.gpu}` : " · no GPU"}
              </span>
              <span className="text-xs text-slate-700">
                {b.operatingSystem === "LINUX" ? "Linux" : "Windows"} · {b.protocol === "WSP" ? "DCV (WSP)" : "PCoIP"} · root{" "}
                {b.defaultRootVolumeGb} GB, user {b.defaultUserVolumeGb} GB
              </span>
              <span className="mt-2 flex flex-wrap gap-x-3 text-xs font-medium text-slate-900">
                <span>AlwaysOn {priceText(b.alwaysOn)}</span>
                <span>AutoStop {priceText(b.autoStop)}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
