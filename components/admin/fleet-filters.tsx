"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, type FormEvent } from "react";
import { FLEET_LAST_DAYS } from "@/lib/presentation/fleet-url";

// The filter is the URL (shareable, exportable). A select applies as soon as it changes; the search box and the
// number of days apply on Enter (or the Search button). Without JavaScript it is a plain GET form.

type Option = { value: string; label: string };

/** The filter menus' contents, labelled on the server (names for directories and bundles, words for codes). */
export interface FleetFilterOptions {
  states: Option[];
  /** Offered only when the inventory spans more than one AWS account. */
  accounts?: Option[];
  regions: Option[];
  directories: Option[];
  bundles: Option[];
  computeTypes: Option[];
  runningModes: Option[];
  costCenters: Option[];
  owners: Option[];
}

/** The current filter, as the URL says it. */
export interface FleetFilterValues {
  q?: string;
  state?: string;
  account?: string;
  region?: string;
  directory?: string;
  bundle?: string;
  compute?: string;
  mode?: string;
  owner?: string;
  cc?: string;
  last?: string;
  lastDays?: number;
  idle?: string;
  sort: string;
  dir: string;
  size: number;
}

function Select({
  name,
  label,
  value,
  options,
  onPick,
}: {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  onPick: () => void;
}) {
  return (
    <label className="text-sm">
      <span className="block text-slate-700">{label}</span>
      <select name={name} defaultValue={value ?? ""} onChange={onPick} className="max-w-48 rounded border border-slate-300 px-2 py-1">
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The query string of the form's current values, empty ones left out; the page starts again at 1. */
export function fleetFormQuery(form: HTMLFormElement): string {
  const out = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (typeof value === "string" && value !== "") out.set(key, value);
  return out.toString();
}

export function FleetFilters({ filter, facets }: { filter: FleetFilterValues; facets: FleetFilterOptions }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const apply = () => {
    if (form.current) router.push(`/admin/fleet?${fleetFormQuery(form.current)}`);
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    apply();
  };
  return (
    <form
      ref={form}
      method="get"
      action="/admin/fleet"
      role="search"
      aria-label="Filter the fleet"
      onSubmit={onSubmit}
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
    >
      <label className="text-sm">
        <span className="block text-slate-700">Search</span>
        <input
          type="search"
          name="q"
          defaultValue={filter.q}
          placeholder="Start of ID, user or computer name"
          aria-describedby="fleet-search-hint"
          className="w-56 rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <span id="fleet-search-hint" className="sr-only">
        Press Enter to search. The menus apply as soon as you choose.
      </span>
      <Select name="state" label="State" value={filter.state} onPick={apply} options={facets.states} />
      {facets.accounts && facets.accounts.length > 1 ? (
        <Select name="account" label="Account" value={filter.account} onPick={apply} options={facets.accounts} />
      ) : null}
      <Select name="region" label="Region" value={filter.region} onPick={apply} options={facets.regions} />
      <Select name="directory" label="Directory" value={filter.directory} onPick={apply} options={facets.directories} />
      <Select name="bundle" label="Bundle" value={filter.bundle} onPick={apply} options={facets.bundles} />
      <Select name="compute" label="Compute type" value={filter.compute} onPick={apply} options={facets.computeTypes} />
      <Select name="mode" label="Running mode" value={filter.mode} onPick={apply} options={facets.runningModes} />
      <Select
        name="owner"
        label="Owner"
        value={filter.owner}
        onPick={apply}
        options={[{ value: "none", label: "No portal user" }, ...facets.owners]}
      />
      <Select
        name="cc"
        label="Cost centre"
        value={filter.cc}
        onPick={apply}
        options={[{ value: "none", label: "Untagged" }, ...facets.costCenters]}
      />
      <Select
        name="last"
        label="Last connected"
        value={filter.last}
        onPick={apply}
        options={[
          { value: "never", label: "Never" },
          { value: "older", label: "Older than… days" },
        ]}
      />
      <label className="text-sm">
        <span className="block text-slate-700">Days (for “Older than”)</span>
        <input
          type="number"
          name="lastDays"
          min={FLEET_LAST_DAYS.min}
          max={FLEET_LAST_DAYS.max}
          step={1}
          defaultValue={filter.lastDays}
          className="w-24 rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <label className="flex items-center gap-1 self-center text-sm">
        <input type="checkbox" name="idle" value="1" defaultChecked={filter.idle === "1"} onChange={apply} />
        Idle under the reclaim policy
      </label>
      <input type="hidden" name="sort" value={filter.sort} />
      <input type="hidden" name="dir" value={filter.dir} />
      <input type="hidden" name="size" value={filter.size} />
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
        Search
      </button>
      <Link href="/admin/fleet" className="text-sm text-brand-700 underline">
        Clear
      </Link>
    </form>
  );
}
