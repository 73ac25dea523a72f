import { z } from "zod";
import { FLEET_SORTS } from "../presentation/fleet-url";
import { filterText } from "./fields";

// The fleet filter lives in the URL (so a filtered view can be shared and exported); this parses it.
// Client components import only types from here: the values they need (sorts, link building) live in
// the zod-free admin-fleet-url.ts, re-exported below for server code.
export { FLEET_SORTS, fleetQueryString, type FleetSort } from "../presentation/fleet-url";

const text = filterText(128)
  .optional()
  .catch(undefined)
  .transform((v) => v || undefined);

export const fleetFilterSchema = z.object({
  q: text,
  state: text,
  region: text,
  directory: text,
  bundle: text,
  compute: text,
  mode: text,
  owner: text,
  cc: text,
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
  return fleetFilterSchema.parse(flat);
}
