import { z } from "zod";
import { FLEET_LAST_CONNECTED, FLEET_LAST_DAYS, FLEET_SORTS } from "../presentation/fleet-url";
import { filterText } from "./fields";

// The fleet filter lives in the URL (so a filtered view can be shared and exported); this parses it.
// Client components import only types from here: the values they need (sorts, link building) live in
// the zod-free admin-fleet-url.ts, re-exported below for server code.
export { FLEET_LAST_CONNECTED, FLEET_LAST_DAYS, FLEET_SORTS, fleetQueryString, type FleetSort } from "../presentation/fleet-url";

const text = filterText(128)
  .optional()
  .catch(undefined)
  .transform((v) => v || undefined);

export const fleetFilterSchema = z.object({
  q: text,
  state: text,
  /** The AWS account's portal id ("default": the portal's own account). */
  account: text,
  region: text,
  directory: text,
  bundle: text,
  compute: text,
  mode: text,
  owner: text,
  cc: text,
  /** "never": nobody ever connected; "older": the last connection is more than `lastDays` days ago (never included). */
  last: z.enum(FLEET_LAST_CONNECTED).optional().catch(undefined),
  lastDays: z.coerce.number().int().min(FLEET_LAST_DAYS.min).max(FLEET_LAST_DAYS.max).optional().catch(undefined),
  /** "1": only WorkSpaces idle under the reclaim policy (lib/domain/reclaim.ts). */
  idle: z.enum(["1"]).optional().catch(undefined),
  sort: z.enum(FLEET_SORTS).catch("userName").default("userName"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  size: z.coerce.number().int().min(10).max(200).catch(50).default(50),
  /** "exact": count every match instead of stopping at the page's cap (see listFleet). */
  count: z.enum(["exact"]).optional().catch(undefined),
});
export type FleetFilter = z.infer<typeof fleetFilterSchema>;

export function parseFleetFilter(params: Record<string, string | string[] | undefined> | URLSearchParams): FleetFilter {
  const flat: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) if (typeof v === "string") flat[k] = v;
  const filter = fleetFilterSchema.parse(flat);
  // "Older than" without a valid number of days selects nothing new: the filter is left out rather than guessed.
  if (filter.last === "older" && filter.lastDays === undefined) return { ...filter, last: undefined };
  return filter;
}

/** What the page says when the URL asked for a filter it could not apply; null when everything applied. */
export function fleetFilterProblem(params: Record<string, string | string[] | undefined> | URLSearchParams): string | null {
  const get = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return typeof value === "string" ? value : undefined;
  };
  if (get("last") !== "older" || fleetFilterSchema.shape.lastDays.parse(get("lastDays")) !== undefined) return null;
  const { min, max } = FLEET_LAST_DAYS;
  return `"Last connected older than" needs a whole number of days from ${min} to ${max}; that filter was left out.`;
}
