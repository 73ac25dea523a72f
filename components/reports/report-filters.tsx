import { inputClass, labelClass, secondaryButton } from "@/components/ui/styles";

interface Filter {
  period: string;
  region?: string;
  directory?: string;
}

/** A plain GET form: the filter lives in the URL and needs no script. */
export function ReportFilters({
  filter,
  regions,
  directories,
}: {
  filter: Filter;
  regions: string[];
  directories: { id: string; name: string }[];
}) {
  const dirs =
    filter.directory && !directories.some((d) => d.id === filter.directory)
      ? [...directories, { id: filter.directory, name: filter.directory }]
      : directories;
  const regionList = filter.region && !regions.includes(filter.region) ? [...regions, filter.region] : regions;
  return (
    <form method="get" action="/reports" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Report filters">
      <div>
        <label htmlFor="period" className={labelClass}>
          Trend period
        </label>
        <select id="period" name="period" defaultValue={filter.period} className={inputClass}>
          <option value="3m">3 months</option>
          <option value="6m">6 months</option>
          <option value="12m">12 months</option>
        </select>
      </div>
      <div>
        <label htmlFor="region" className={labelClass}>
          Region
        </label>
        <select id="region" name="region" defaultValue={filter.region ?? ""} className={inputClass}>
          <option value="">All Regions</option>
          {regionList.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="directory" className={labelClass}>
          Directory
        </label>
        <select id="directory" name="directory" defaultValue={filter.directory ?? ""} className={inputClass}>
          <option value="">All directories</option>
          {dirs.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={secondaryButton}>
        Apply
      </button>
    </form>
  );
}
