import "server-only";
import type { BundleSummary, DirectorySummary, DirectoryServiceSummary, ImageSummary } from "../aws";
import { COMPUTE_TYPES, type Bundle, type ComputeType, type Directory, type DirectoryType } from "../domain";

// vCPU, memory and GPU per compute type, from the WorkSpaces bundle documentation; the API does not
// return them, but people choose bundles by them.
const COMPUTE_SPECS: Record<ComputeType, { vcpu: number; memoryGiB: number; gpu?: { count: number; memoryGiB: number } }> = {
  VALUE: { vcpu: 1, memoryGiB: 2 },
  STANDARD: { vcpu: 2, memoryGiB: 4 },
  PERFORMANCE: { vcpu: 2, memoryGiB: 8 },
  POWER: { vcpu: 4, memoryGiB: 16 },
  POWERPRO: { vcpu: 8, memoryGiB: 32 },
  GRAPHICS: { vcpu: 8, memoryGiB: 15, gpu: { count: 1, memoryGiB: 4 } },
  GRAPHICSPRO: { vcpu: 16, memoryGiB: 122, gpu: { count: 1, memoryGiB: 8 } },
  GRAPHICS_G4DN: { vcpu: 4, memoryGiB: 16, gpu: { count: 1, memoryGiB: 16 } },
  GRAPHICSPRO_G4DN: { vcpu: 16, memoryGiB: 64, gpu: { count: 1, memoryGiB: 16 } },
};

const DS_TYPES: Record<string, DirectoryType> = {
  SimpleAD: "SIMPLE_AD",
  MicrosoftAD: "MICROSOFT_AD",
  SharedMicrosoftAD: "MICROSOFT_AD",
  ADConnector: "AD_CONNECTOR",
};
const WS_TYPES: Record<string, DirectoryType> = { SIMPLE_AD: "SIMPLE_AD", AD_CONNECTOR: "AD_CONNECTOR", CUSTOMER_MANAGED: "MICROSOFT_AD" };

export function toDomainBundle(region: string, bundle: BundleSummary, image: ImageSummary | undefined): Bundle | null {
  const computeType = bundle.computeType as ComputeType | undefined;
  if (!computeType || !COMPUTE_TYPES.includes(computeType)) return null;
  const text = `${bundle.name} ${bundle.description ?? ""}`;
  // Public bundles' images are not listable by the account, so their names are the evidence.
  const operatingSystem = image?.operatingSystem === "LINUX" || (!image && /linux|ubuntu|rocky|red hat/i.test(text)) ? "LINUX" : "WINDOWS";
  const licence = image?.requiredTenancy === "DEDICATED" || /\bBYOL\b/i.test(text) ? "BYOL" : "INCLUDED";
  const spec = COMPUTE_SPECS[computeType];
  return {
    id: bundle.bundleId,
    name: bundle.name,
    owner: bundle.owner === "AMAZON" ? "AMAZON" : "CUSTOM",
    computeType,
    operatingSystem,
    licence,
    protocol: /pcoip/i.test(text) ? "PCOIP" : "WSP",
    vcpu: spec.vcpu,
    memoryGiB: spec.memoryGiB,
    ...(spec.gpu ? { gpu: spec.gpu } : {}),
    defaultRootVolumeGb: bundle.rootVolumeGib ?? 80,
    defaultUserVolumeGb: bundle.userVolumeGib ?? 50,
    region,
  };
}

const enabled = (value: string | undefined) => value === "ENABLED";

export function toDomainDirectory(region: string, directory: DirectorySummary, ds: DirectoryServiceSummary | undefined): Directory {
  const p = directory.selfservicePermissions;
  return {
    id: directory.directoryId,
    name: ds?.name ?? directory.name,
    type: (ds?.type && DS_TYPES[ds.type]) || WS_TYPES[directory.type ?? ""] || "AD_CONNECTOR",
    region,
    selfServicePermissions: {
      restartWorkspace: enabled(p.RestartWorkspace),
      increaseVolumeSize: enabled(p.IncreaseVolumeSize),
      changeComputeType: enabled(p.ChangeComputeType),
      switchRunningMode: enabled(p.SwitchRunningMode),
      rebuildWorkspace: enabled(p.RebuildWorkspace),
    },
    allowedPersonas: [],
    allowedGroups: [],
  };
}
