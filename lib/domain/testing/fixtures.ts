// Builders for the domain's tests: one healthy default of each thing, overridden per test row.
import type { ValidationContext } from "../validate/context";
import type { Bundle, ComputeType, Directory, Requester, Workspace } from "../types";

export const NOW = new Date("2026-11-10T12:00:00Z");
export const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
export const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
export const daysAgo = (days: number) => hoursAgo(days * 24);

function windowsBundle(id: string, computeType: ComputeType, root: number, user: number, extra: Partial<Bundle> = {}): Bundle {
  return {
    id,
    name: id,
    owner: "AMAZON",
    computeType,
    operatingSystem: "WINDOWS",
    licence: "INCLUDED",
    protocol: "WSP",
    vcpu: 2,
    memoryGiB: 8,
    defaultRootVolumeGb: root,
    defaultUserVolumeGb: user,
    region: "us-east-1",
    ...extra,
  };
}

export const BUNDLES: Bundle[] = [
  windowsBundle("wsb-value", "VALUE", 80, 10),
  windowsBundle("wsb-standard", "STANDARD", 80, 50),
  windowsBundle("wsb-performance", "PERFORMANCE", 80, 100),
  windowsBundle("wsb-power", "POWER", 175, 100),
  windowsBundle("wsb-powerpro", "POWERPRO", 175, 100),
  windowsBundle("wsb-g4dn", "GRAPHICS_G4DN", 175, 100, { gpu: { count: 1, memoryGiB: 16 } }),
  windowsBundle("wsb-g4dn-pro", "GRAPHICSPRO_G4DN", 175, 100, { gpu: { count: 4, memoryGiB: 64 } }),
  windowsBundle("wsb-standard-custom", "STANDARD", 80, 50, { owner: "CUSTOM" }),
  windowsBundle("wsb-standard-byol", "STANDARD", 80, 50, { owner: "CUSTOM", licence: "BYOL" }),
  windowsBundle("wsb-performance-byol", "PERFORMANCE", 80, 100, { owner: "CUSTOM", licence: "BYOL" }),
  windowsBundle("wsb-standard-linux", "STANDARD", 80, 50, { operatingSystem: "LINUX" }),
  windowsBundle("wsb-performance-linux", "PERFORMANCE", 80, 100, { operatingSystem: "LINUX" }),
  windowsBundle("wsb-standard-eu", "STANDARD", 80, 50, { region: "eu-west-1" }),
];

export function bundle(id: string): Bundle {
  const found = BUNDLES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`No test bundle ${id}`);
  return found;
}

export const ALL_PERMISSIONS = {
  restartWorkspace: true,
  increaseVolumeSize: true,
  changeComputeType: true,
  switchRunningMode: true,
  rebuildWorkspace: true,
};

export function directory(overrides: Partial<Directory> = {}): Directory {
  return {
    id: "d-employees",
    name: "Employees",
    type: "SIMPLE_AD",
    region: "us-east-1",
    selfServicePermissions: { ...ALL_PERMISSIONS },
    allowedPersonas: ["employee"],
    allowedGroups: [],
    ...overrides,
  };
}

export function workspace(overrides: Partial<Workspace> = {}): Workspace {
  return {
    id: "ws-1",
    state: "AVAILABLE",
    stateChangedAt: daysAgo(1),
    ownerUserName: "alice",
    directoryId: "d-employees",
    region: "us-east-1",
    bundleId: "wsb-standard",
    computeType: "STANDARD",
    rootVolumeGb: 80,
    userVolumeGb: 50,
    runningMode: "AUTO_STOP",
    autoStopTimeoutMinutes: 60,
    rootVolumeEncrypted: false,
    userVolumeEncrypted: false,
    tags: [
      { key: "portal:request-id", value: "req-1" },
      { key: "CostCenter", value: "CC-42" },
    ],
    createdAt: daysAgo(60),
    lastVolumeChangeAt: {},
    lastComputeChangeAt: {},
    protocols: ["WSP"],
    operatingSystem: "WINDOWS",
    lastSnapshotAt: hoursAgo(3),
    modificationsInProgress: [],
    ...overrides,
  };
}

export function requester(overrides: Partial<Requester> = {}): Requester {
  return { id: "u-alice", role: "EMPLOYEE", persona: "employee", groups: [], managerId: "u-bob", ...overrides };
}

export function context(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return {
    now: NOW,
    requester: requester(),
    workspace: workspace(),
    bundles: BUNDLES,
    directories: [directory()],
    offering: { directoryIds: ["d-employees"], bundleIds: BUNDLES.map((candidate) => candidate.id) },
    userWorkspaces: [],
    openCreateRequests: [],
    ...overrides,
  };
}
