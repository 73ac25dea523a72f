// The synthetic fleet both fleet benchmarks seed: scripts/bench-fleet.ts (in-process) and
// scripts/bench-fleet-seed.ts (a PGlite directory for `next start`, used by scripts/bench-fleet-http.mjs).

const STATES = ["AVAILABLE", "AVAILABLE", "AVAILABLE", "STOPPED", "STOPPED", "PENDING", "REBOOTING", "UNHEALTHY", "ERROR"];
const COMPUTE = ["VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO"] as const;
const REGIONS = ["us-east-1", "eu-west-1"];

export const BENCH_OWNER_COUNT = 50;

export interface BenchOwner {
  email: string;
  name: string;
  directoryUserName: string;
}

export function benchOwners(): BenchOwner[] {
  return Array.from({ length: BENCH_OWNER_COUNT }, (_, i) => ({
    email: `u${i}@bench`,
    name: `User ${String(i).padStart(2, "0")}`,
    directoryUserName: `user${i}`,
  }));
}

export interface BenchWorkspace {
  id: string;
  region: string;
  directoryId: string;
  userName: string;
  ownerId: string | null;
  state: string;
  bundleId: string;
  computeType: string;
  runningMode: string;
  costCenter: string;
}

/** n WorkSpaces spread over 2 Regions, 3 directories, 9 states, 12 bundles and 40 cost centres; every 7th has a portal owner. */
export function benchWorkspaces(n: number, ownerIds: string[]): BenchWorkspace[] {
  const rows: BenchWorkspace[] = [];
  for (let i = 0; i < n; i++) {
    rows.push({
      id: `ws-${i.toString(36).padStart(9, "0")}`,
      region: REGIONS[i % REGIONS.length]!,
      directoryId: `d-${(i % 3).toString().padStart(10, "0")}`,
      userName: `user${i}`,
      ownerId: i % 7 === 0 ? ownerIds[i % ownerIds.length]! : null,
      state: STATES[i % STATES.length]!,
      bundleId: `wsb-${(i % 12).toString().padStart(9, "0")}`,
      computeType: COMPUTE[i % COMPUTE.length]!,
      runningMode: i % 3 === 0 ? "ALWAYS_ON" : "AUTO_STOP",
      costCenter: `CC-${1000 + (i % 40)}`,
    });
  }
  return rows;
}

/**
 * The catalog the bench fleet's WorkSpaces point at, without AWS: twelve bundles per Region (the ids
 * benchWorkspaces uses), no directories, no snapshots. Hand it to setCatalogSource.
 */
export const benchCatalogSource = {
  bundles: async (region: string) =>
    Array.from({ length: 12 }, (_, i) => ({
      id: `wsb-${i.toString().padStart(9, "0")}`,
      name: `Bench bundle ${i}`,
      owner: "AMAZON" as const,
      computeType: COMPUTE[i % COMPUTE.length]!,
      operatingSystem: "WINDOWS" as const,
      licence: "INCLUDED" as const,
      protocol: "WSP" as const,
      vcpu: 2,
      memoryGiB: 4,
      defaultRootVolumeGb: 80,
      defaultUserVolumeGb: 50,
      region,
    })),
  directories: async () => [],
  snapshots: async () => ({ oldest: null, latest: null }),
};
