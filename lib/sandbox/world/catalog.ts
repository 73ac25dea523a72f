import { DAY } from "../clock";
import { stableId } from "./ids";
import type { BundleRecord, ImageRecord } from "./types";

export const ACCOUNT_ID = "123456789012";

interface ComputeSpec {
  compute: string;
  label: string;
  root: string;
  user: string;
}

// Amazon's public bundle line-up with its default volume sizes.
export const PUBLIC_COMPUTE: readonly ComputeSpec[] = [
  { compute: "VALUE", label: "Value", root: "80", user: "10" },
  { compute: "STANDARD", label: "Standard", root: "80", user: "50" },
  { compute: "PERFORMANCE", label: "Performance", root: "80", user: "100" },
  { compute: "POWER", label: "Power", root: "175", user: "100" },
  { compute: "POWERPRO", label: "PowerPro", root: "175", user: "100" },
  { compute: "GRAPHICS_G4DN", label: "Graphics.g4dn", root: "100", user: "100" },
  { compute: "GRAPHICSPRO_G4DN", label: "GraphicsPro.g4dn", root: "100", user: "100" },
];

const OS_VARIANTS = [
  { os: "WINDOWS" as const, label: "Windows 10 (Server 2019 based)" },
  { os: "LINUX" as const, label: "Amazon Linux 2" },
];

export function publicBundleName(label: string, os: "WINDOWS" | "LINUX", protocol: string): string {
  const variant = OS_VARIANTS.find((v) => v.os === os)!;
  return `${label} with ${variant.label} (${protocol})`;
}

/**
 * The OperatingSystemName DescribeWorkspaces reports for a WorkSpace of this bundle, as AWS names the OS of
 * the bundle's image: the public Windows 10 bundles run on Windows Server 2019, the BYOL Windows 11 image on
 * Windows 11, the public Linux bundles on Amazon Linux 2.
 */
export function operatingSystemNameOf(bundle: Pick<BundleRecord, "Name" | "Description" | "os">): string {
  const text = `${bundle.Name} ${bundle.Description}`;
  if (bundle.os === "LINUX") {
    if (/ubuntu/i.test(text)) return "UBUNTU_22_04";
    if (/rocky/i.test(text)) return "ROCKY_8";
    if (/red hat|rhel/i.test(text)) return "RHEL_8";
    return "AMAZON_LINUX_2";
  }
  if (/win(dows)?\s*11/i.test(text)) return "WINDOWS_11";
  if (/server 2022/i.test(text)) return "WINDOWS_SERVER_2022";
  return "WINDOWS_SERVER_2019";
}

export function buildCatalog(region: string, now: number): { bundles: Record<string, BundleRecord>; images: Record<string, ImageRecord> } {
  const bundles: Record<string, BundleRecord> = {};
  const images: Record<string, ImageRecord> = {};
  const created = now - 400 * DAY;
  for (const variant of OS_VARIANTS) {
    const imageId = stableId("wsi-", `${region}/amazon/${variant.os}`);
    for (const spec of PUBLIC_COMPUTE) {
      for (const protocol of ["WSP", "PCOIP"]) {
        const name = publicBundleName(spec.label, variant.os, protocol);
        const id = stableId("wsb-", `${region}/${name}`);
        bundles[id] = {
          BundleId: id,
          Name: name,
          Owner: "AMAZON",
          Description: `${spec.label} bundle with ${variant.label}, ${protocol}`,
          ImageId: imageId,
          RootCapacity: spec.root,
          UserCapacity: spec.user,
          ComputeType: spec.compute,
          CreationTime: created,
          LastUpdatedTime: created,
          os: variant.os,
          protocols: [protocol],
          byol: false,
        };
      }
    }
  }
  const image = (
    name: string,
    os: "WINDOWS" | "LINUX",
    tenancy: "DEFAULT" | "DEDICATED",
    description: string,
    shared = false,
  ): ImageRecord => {
    const id = stableId("wsi-", `${region}/custom/${name}`);
    images[id] = {
      ImageId: id,
      Name: name,
      Description: description,
      os,
      State: "AVAILABLE",
      RequiredTenancy: tenancy,
      Created: now - 120 * DAY,
      OwnerAccountId: shared ? "210987654321" : ACCOUNT_ID,
      shared,
    };
    return images[id]!;
  };
  const corp = image("corp-win10-2025", "WINDOWS", "DEFAULT", "Corporate Windows image with Office and the VPN client");
  const byol = image("corp-win11-byol", "WINDOWS", "DEDICATED", "Bring-your-own-licence Windows 11 image");
  image("corp-win10-2026", "WINDOWS", "DEFAULT", "Next corporate image (not yet in a bundle)");
  image("partner-tools", "WINDOWS", "DEFAULT", "Image shared by the partner account", true);
  const custom = (name: string, img: ImageRecord, compute: string, root: string, user: string, description: string, isByol: boolean) => {
    const id = stableId("wsb-", `${region}/custom/${name}`);
    bundles[id] = {
      BundleId: id,
      Name: name,
      Owner: ACCOUNT_ID,
      Description: description,
      ImageId: img.ImageId,
      RootCapacity: root,
      UserCapacity: user,
      ComputeType: compute,
      CreationTime: now - 100 * DAY,
      LastUpdatedTime: now - 30 * DAY,
      os: img.os,
      protocols: ["WSP", "PCOIP"],
      byol: isByol,
    };
  };
  custom("Corp-Standard-Win10", corp, "STANDARD", "80", "50", "Corporate image, Standard compute", false);
  custom("Corp-Performance-Win10", corp, "PERFORMANCE", "175", "100", "Corporate image, Performance compute", false);
  custom("BYOL-Performance-Win11", byol, "PERFORMANCE", "175", "100", "BYOL Windows 11, Performance compute", true);
  custom("BYOL-Power-Win11", byol, "POWER", "175", "100", "BYOL Windows 11, Power compute", true);
  return { bundles, images };
}

export function findBundleByName(bundles: Record<string, BundleRecord>, name: string): BundleRecord {
  const bundle = Object.values(bundles).find((b) => b.Name === name);
  if (!bundle) throw new Error(`seed bundle ${name} missing`);
  return bundle;
}
