import "server-only";
import { csvStream } from "./admin-csv";
import { fleetPages } from "./admin-fleet";
import type { FleetFilter } from "../schemas/admin-fleet-filter";

const HEADER = [
  "WorkSpace",
  "Account",
  "Region",
  "Directory",
  "User",
  "Owner",
  "State",
  "Bundle",
  "Compute type",
  "Running mode",
  "Cost centre",
  "Last synced",
  "Last connected",
];

async function* rows(filter: FleetFilter) {
  for await (const page of fleetPages(filter)) {
    yield page.map((w) => [
      w.id,
      w.accountName,
      w.region,
      w.directoryId,
      w.userName,
      w.ownerName,
      w.state,
      w.bundleId,
      w.computeType,
      w.runningMode,
      w.costCenter,
      w.lastSyncedAt,
      w.lastConnectedAt ?? "never",
    ]);
  }
}

export function fleetCsvResponse(filter: FleetFilter): Response {
  return csvStream(`fleet-${new Date().toISOString().slice(0, 10)}.csv`, HEADER, rows(filter));
}
