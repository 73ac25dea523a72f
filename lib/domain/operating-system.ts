import type { OperatingSystem } from "./types";

/**
 * The domain's OS family of what AWS or the cache names a WorkSpace's OS: an OperatingSystemName from
 * DescribeWorkspaces ("WINDOWS_SERVER_2022", "AMAZON_LINUX_2", "UBUNTU_22_04", …) or a bundle's family
 * ("WINDOWS", "LINUX"). Null when it says nothing ("UNKNOWN", absent, or a name the portal does not know).
 */
export function operatingSystemFamily(name: string | null | undefined): OperatingSystem | null {
  if (!name) return null;
  const upper = name.toUpperCase();
  if (upper.startsWith("WINDOWS")) return "WINDOWS";
  if (upper === "LINUX" || /^(AMAZON_LINUX|UBUNTU|RHEL|RED_HAT|ROCKY)/.test(upper)) return "LINUX";
  return null;
}
