import type { FleetFacets } from "@/lib/queries/admin-fleet";
import type { FleetFilter } from "@/lib/schemas/admin-fleet-filter";
import { FLEET_LAST_DAYS } from "@/lib/presentation/fleet-url";

// A plain GET form: filtering works without JavaScript and the URL is the filter (shareable, exportable).
function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <label className="text-sm">
      <span className="block text-slate-600">{label}</span>
      <select name={name} defaultValue={value ?? ""} className="max-w-48 rounded border border-slate-300 px-2 py-1">
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

const plain = (values: string[]) => values.map((v) => ({ value: v, label: v }));

export function FleetFilters({ filter, facets }: { filter: FleetFilter; facets: FleetFacets }) {
  return (
    <form
      method="get"
      role="search"
      aria-label="Filter the fleet"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
    >
      <label className="text-sm">
        <span className="block text-slate-600">Search</span>
        <input
          type="search"
          name="q"
          defaultValue={filter.q}
          placeholder="Start of ID, user or computer name"
          className="w-56 rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <Select name="state" label="State" value={filter.state} options={plain([...new Set([...facets.states, "TERMINATED"])])} />
      <Select name="region" label="Region" value={filter.region} options={plain(facets.regions)} />
      <Select name="directory" label="Directory" value={filter.directory} options={plain(facets.directories)} />
      <Select name="bundle" label="Bundle" value={filter.bundle} options={plain(facets.bundles)} />
      <Select name="compute" label="Compute type" value={filter.compute} options={plain(facets.computeTypes)} />
      <Select name="mode" label="Running mode" value={filter.mode} options={plain(facets.runningModes)} />
      <Select
        name="owner"
        label="Owner"
        value={filter.owner}
        options={[{ value: "none", label: "No portal user" }, ...facets.owners.map((o) => ({ value: o.id, label: o.name }))]}
      />
      <Select
        name="cc"
        label="Cost centre"
        value={filter.cc}
        options={[{ value: "none", label: "Untagged" }, ...plain(facets.costCenters)]}
      />
      <Select
        name="last"
        label="Last connected"
        value={filter.last}
        options={[
          { value: "never", label: "Never" },
          { value: "older", label: "Older than… days" },
        ]}
      />
      <label className="text-sm">
        <span className="block text-slate-600">Days (for “Older than”)</span>
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
        <input type="checkbox" name="idle" value="1" defaultChecked={filter.idle === "1"} />
        Idle under the reclaim policy
      </label>
      <input type="hidden" name="sort" value={filter.sort} />
      <input type="hidden" name="dir" value={filter.dir} />
      <input type="hidden" name="size" value={filter.size} />
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
        Apply filters
      </button>
      <a href="/admin/fleet" className="text-sm text-brand-700 underline">
        Clear
      </a>
    </form>
  );
}
