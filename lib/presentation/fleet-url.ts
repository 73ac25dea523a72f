// The zod-free half of the fleet filter: what client components need to build fleet links. The parser
// (lib/schemas/admin-fleet-filter.ts) re-exports it; keeping zod out of here keeps zod out of the browser bundle.

export const FLEET_SORTS = [
  "id",
  "computerName",
  "userName",
  "owner",
  "state",
  "accountId",
  "region",
  "directoryId",
  "bundleId",
  "computeType",
  "runningMode",
  "costCenter",
  "lastSyncedAt",
  "lastConnectedAt",
] as const;
export type FleetSort = (typeof FLEET_SORTS)[number];

/** The "Last connected" filter: nobody ever connected, or the last connection is older than `lastDays` days. */
export const FLEET_LAST_CONNECTED = ["never", "older"] as const;
export type FleetLastConnected = (typeof FLEET_LAST_CONNECTED)[number];
export const FLEET_LAST_DAYS = { min: 1, max: 3650 } as const;

/** The query string of a (partial) fleet filter, leaving out empty values. */
export function fleetQueryString(filter: { readonly [key: string]: string | number | undefined }): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== "") out.set(k, String(v));
  return out.toString();
}
