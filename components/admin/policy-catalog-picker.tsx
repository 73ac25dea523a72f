"use client";

import { useId, useState } from "react";
import type { CatalogEntry } from "@/lib/domain/client";
import { inputClass } from "@/components/ui/styles";

/**
 * A bundle or directory as the pickers show it, labelled on the server (lib/queries/admin-policies): its name as people
 * read it, what the name alone does not say (compute type, OS, Region), and its id, the checkbox's value and secondary text.
 */
export interface PickerOption {
  id: string;
  name: string;
  detail: string;
}

const toggle = (ids: string[], id: string) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]);

/**
 * Check boxes by name for one list of ids. Ids the catalog no longer knows stay listed (checked) as "Unknown …", so
 * an admin can see and remove them. `filterable` adds a "Find" box for long lists (bundles).
 */
export function NamePicker({
  legend,
  noun,
  options,
  selected,
  onChange,
  filterable = false,
}: {
  legend: string;
  noun: "bundle" | "directory";
  options: PickerOption[];
  selected: string[];
  onChange: (ids: string[]) => void;
  filterable?: boolean;
}) {
  const [filter, setFilter] = useState("");
  const filterId = useId();
  const known = new Set(options.map((o) => o.id));
  const unknown = selected.filter((id) => !known.has(id));
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = options.filter((o) => {
    if (words.length === 0) return true;
    const text = `${o.name} ${o.detail}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const chosenNames = [
    ...options.filter((o) => selected.includes(o.id)).map((o) => o.name),
    ...(unknown.length ? [`${unknown.length} unknown`] : []),
  ];
  return (
    <fieldset className="min-w-0 space-y-2">
      <legend className="text-sm font-medium text-slate-800">
        {legend} <span className="font-normal text-slate-600">({selected.length} chosen)</span>
      </legend>
      <p className="text-xs text-slate-600">
        {chosenNames.length === 0
          ? `No ${noun === "bundle" ? "bundles" : "directories"} chosen.`
          : `Chosen: ${chosenNames.slice(0, 5).join(", ")}${chosenNames.length > 5 ? ` and ${chosenNames.length - 5} more` : ""}.`}
      </p>
      {filterable && (
        <div>
          <label htmlFor={filterId} className="block text-xs text-slate-600">
            Find a {noun} by name, compute type or OS
          </label>
          <input
            id={filterId}
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            className={`${inputClass} w-full`}
          />
        </div>
      )}
      <ul className="max-h-72 space-y-1 overflow-y-auto rounded border border-slate-200 p-2">
        {unknown.map((id) => (
          <li key={id}>
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" checked onChange={() => onChange(toggle(selected, id))} className="mt-1 size-4 accent-brand-600" />
              <span>
                Unknown {noun} (no longer in AWS){" "}
                <code data-raw-id className="text-xs text-slate-600">
                  {id}
                </code>
              </span>
            </label>
          </li>
        ))}
        {shown.map((o) => (
          <li key={o.id}>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                value={o.id}
                checked={selected.includes(o.id)}
                onChange={() => onChange(toggle(selected, o.id))}
                className="mt-1 size-4 accent-brand-600"
              />
              <span className="min-w-0">
                <span className="font-medium text-slate-900">{o.name}</span>
                <span className="block text-xs text-slate-600">
                  {o.detail}{" "}
                  <code data-raw-id className="break-all">
                    {o.id}
                  </code>
                </span>
              </span>
            </label>
          </li>
        ))}
        {shown.length === 0 && options.length > 0 && <li className="text-sm text-slate-600">No {noun} matches.</li>}
        {options.length === 0 && (
          <li className="text-sm text-slate-600">
            The {noun === "bundle" ? "bundles" : "directories"} are loading from AWS; reload the page in a moment.
          </li>
        )}
      </ul>
    </fieldset>
  );
}

/** One persona's or group's catalog: which directories and bundles it may request, each picked by name. */
export function CatalogEntryEditor({
  title,
  entry,
  onChange,
  onRemove,
  bundles,
  directories,
}: {
  title: string;
  entry: CatalogEntry;
  onChange: (entry: CatalogEntry) => void;
  onRemove: () => void;
  bundles: PickerOption[];
  directories: PickerOption[];
}) {
  const d = entry.directoryIds.length;
  const b = entry.bundleIds.length;
  return (
    <details className="rounded border border-slate-200 bg-white">
      <summary className="cursor-pointer px-3 py-2 text-sm">
        <span className="font-medium">{title}</span>{" "}
        <span className="text-slate-600">
          · {d} {d === 1 ? "directory" : "directories"}, {b} {b === 1 ? "bundle" : "bundles"}
        </span>
      </summary>
      <div className="grid gap-4 border-t border-slate-200 p-3 md:grid-cols-2">
        <NamePicker
          legend={`Directories for ${title}`}
          noun="directory"
          options={directories}
          selected={entry.directoryIds}
          onChange={(directoryIds) => onChange({ ...entry, directoryIds })}
        />
        <NamePicker
          legend={`Bundles for ${title}`}
          noun="bundle"
          options={bundles}
          selected={entry.bundleIds}
          onChange={(bundleIds) => onChange({ ...entry, bundleIds })}
          filterable
        />
        <div className="md:col-span-2">
          <button type="button" onClick={onRemove} className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">
            Remove {title}
          </button>
        </div>
      </div>
    </details>
  );
}
