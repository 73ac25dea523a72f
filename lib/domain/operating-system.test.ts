import { describe, expect, it } from "vitest";
import { operatingSystemFamily } from "./operating-system";

describe("operatingSystemFamily", () => {
  it("maps AWS's OperatingSystemNames and the bundle families to the domain's OS", () => {
    for (const name of [
      "WINDOWS_7",
      "WINDOWS_10",
      "WINDOWS_11",
      "WINDOWS_SERVER_2016",
      "WINDOWS_SERVER_2019",
      "WINDOWS_SERVER_2022",
      "WINDOWS_SERVER_2025",
      "WINDOWS",
    ])
      expect(operatingSystemFamily(name), name).toBe("WINDOWS");
    for (const name of ["AMAZON_LINUX_2", "UBUNTU_18_04", "UBUNTU_20_04", "UBUNTU_22_04", "RHEL_8", "ROCKY_8", "LINUX"])
      expect(operatingSystemFamily(name), name).toBe("LINUX");
  });

  it("knows nothing from UNKNOWN, an absent name or one it does not know", () => {
    for (const name of ["UNKNOWN", "", null, undefined, "MACOS_15"]) expect(operatingSystemFamily(name)).toBeNull();
  });
});
