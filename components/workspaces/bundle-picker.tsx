"use client";

import { useState } from "react";
import type { BundleCard, BundleText } from "@/lib/queries/new-workspace";
import { inputClass, labelClass } from "@/components/ui/styles";
import { priceText } from "./labels";

const CARD =
  "relative flex cursor-pointer flex-col rounded-lg border p-3 text-sm " +
  "focus-within:outline focus-within:outline-3 focus-within:outline-brand-600";
const CARD_CHECKED = "border-brand-600 bg-brand-50 ring-1 ring-brand-600";
const CARD_UNCHECKED = "border-slate-200 bg-white hover:border-slate-300";

/** The bundles a filter keeps: "" keeps every value. */
export function filterBundles<T extends { operatingSystem: string; protocol: string }>(
  bundles: readonly T[],
  os: string,
  protocol: string,
): T[] {
  return bundles.filter((b) => (!os || b.operatingSystem === os) && (!protocol || b.protocol === protocol));
}

function FilterSelect({
  id,
  label,
  value,
  values,
  labelOf,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  values: string[];
  labelOf: (v: string) => string;
  onChange: (v: string) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {labelOf(v)}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The catalog as cards, with filters for the operating system and protocol; a native radio group, so arrow
 * keys move between bundles. The list grows with the page (no box of its own to scroll on a phone).
 */
export function BundlePicker({
  bundles,
  text,
  value,
  onChange,
}: {
  bundles: BundleCard[];
  /** Each bundle's name and codes in the portal's labels, written on the server. */
  text: Record<string, BundleText>;
  value: string;
  onChange: (id: string) => void;
}) {
  const [os, setOs] = useState("");
  const [protocol, setProtocol] = useState("");
  if (bundles.length === 0)
    return (
      <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">
        No bundle is offered to you in this directory&apos;s Region. Choose another directory, or ask your IT department.
      </p>
    );
  const systems = [...new Set(bundles.map((b) => b.operatingSystem))].sort();
  const protocols = [...new Set(bundles.map((b) => b.protocol))].sort();
  const visible = filterBundles(bundles, os, protocol);
  const t = (b: BundleCard) => text[b.id] ?? { name: b.name, compute: b.computeType, os: b.operatingSystem, protocol: b.protocol };
  const labelOf = (key: "os" | "protocol", field: "operatingSystem" | "protocol") => (code: string) => {
    const b = bundles.find((x) => x[field] === code);
    return b ? t(b)[key] : code;
  };
  // A filter that hides the chosen bundle moves the choice to the first one it keeps.
  const refilter = (nextOs: string, nextProtocol: string) => {
    const kept = filterBundles(bundles, nextOs, nextProtocol);
    if (kept.length > 0 && !kept.some((b) => b.id === value)) onChange(kept[0]!.id);
  };
  return (
    <fieldset className="min-w-0">
      <legend className="block text-sm font-medium text-slate-800">Bundle</legend>
      {(systems.length > 1 || protocols.length > 1) && (
        <div className="mt-2 grid grid-cols-2 gap-3 sm:max-w-md">
          <FilterSelect
            id="bundle-os"
            label="Operating system"
            value={os}
            values={systems}
            labelOf={labelOf("os", "operatingSystem")}
            onChange={(v) => {
              setOs(v);
              refilter(v, protocol);
            }}
          />
          <FilterSelect
            id="bundle-protocol"
            label="Protocol"
            value={protocol}
            values={protocols}
            labelOf={labelOf("protocol", "protocol")}
            onChange={(v) => {
              setProtocol(v);
              refilter(os, v);
            }}
          />
        </div>
      )}
      <p className="mt-2 text-xs text-slate-600" aria-live="polite">
        {visible.length === bundles.length ? `${bundles.length} bundles` : `${visible.length} of ${bundles.length} bundles`}
      </p>
      {visible.length === 0 ? (
        <p className="mt-2 rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">
          No bundle matches these filters. Choose “Any” to see them all.
        </p>
      ) : (
        <div role="radiogroup" aria-label="Bundle" className="mt-2 grid gap-2 p-1 sm:grid-cols-2" data-testid="bundle-list">
          {visible.map((b) => {
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
                  aria-label={t(b).name}
                />
                <span className="font-semibold text-slate-900">{t(b).name}</span>
                {b.description && <span className="mt-0.5 text-xs text-slate-600">{b.description}</span>}
                <span className="mt-1 text-xs text-slate-700">
                  {t(b).compute} · {b.vcpu} vCPU · {b.memoryGiB} GiB memory{b.gpu ? ` · ${b.gpu}` : " · no GPU"}
                </span>
                <span className="text-xs text-slate-700" data-testid="bundle-platform">
                  {t(b).os} · {t(b).protocol} · root {b.defaultRootVolumeGb} GB, user {b.defaultUserVolumeGb} GB
                </span>
                <span className="mt-2 flex flex-wrap gap-x-3 text-xs font-medium text-slate-900">
                  <span>AlwaysOn {priceText(b.alwaysOn)}</span>
                  <span>AutoStop {priceText(b.autoStop)}</span>
                </span>
              </label>
            );
          })}
        </div>
      )}
    </fieldset>
  );
}
