import { DescribeWorkspaceBundlesCommand, DescribeWorkspacesCommand, type Workspace } from "@aws-sdk/client-workspaces";
import { describe, expect, it } from "vitest";
import { operatingSystemNameOf } from "./world/catalog";
import { sandboxPerFile } from "./test-helpers";

const t = sandboxPerFile();

describe("a WorkSpace's OperatingSystemName", () => {
  it("is reported for every WorkSpace, named after its bundle's OS", async () => {
    const bundles = new Map<string, string>();
    for (const owner of ["AMAZON", undefined]) {
      let token: string | undefined;
      do {
        const page = await t.ws().send(new DescribeWorkspaceBundlesCommand({ Owner: owner, NextToken: token }));
        for (const b of page.Bundles ?? []) bundles.set(b.BundleId!, `${b.Name} ${b.Description ?? ""}`);
        token = page.NextToken;
      } while (token);
    }
    const seen: Workspace[] = [];
    let token: string | undefined;
    do {
      const page = await t.ws().send(new DescribeWorkspacesCommand({ NextToken: token }));
      seen.push(...page.Workspaces!);
      token = page.NextToken;
    } while (token);
    expect(seen.length).toBeGreaterThan(0);
    const names = new Set<string>();
    for (const ws of seen) {
      const name = ws.WorkspaceProperties?.OperatingSystemName;
      const bundle = bundles.get(ws.BundleId!) ?? "";
      names.add(name ?? "none");
      if (/linux/i.test(bundle)) expect(name, ws.WorkspaceId).toBe("AMAZON_LINUX_2");
      else expect(name, ws.WorkspaceId).toMatch(/^WINDOWS_/);
    }
    expect(names).toContain("AMAZON_LINUX_2");
    expect(names).toContain("WINDOWS_SERVER_2019");
  });

  it("follows the bundle's image: Linux distributions, Windows 11 BYOL, Windows Server", () => {
    const bundle = (os: "WINDOWS" | "LINUX", Name: string) => ({ os, Name, Description: "" });
    expect(operatingSystemNameOf(bundle("LINUX", "Standard with Amazon Linux 2 (WSP)"))).toBe("AMAZON_LINUX_2");
    expect(operatingSystemNameOf(bundle("LINUX", "Standard with Ubuntu 22.04 (WSP)"))).toBe("UBUNTU_22_04");
    expect(operatingSystemNameOf(bundle("LINUX", "Rocky Linux 8"))).toBe("ROCKY_8");
    expect(operatingSystemNameOf(bundle("WINDOWS", "Value with Windows 10 (Server 2019 based) (WSP)"))).toBe("WINDOWS_SERVER_2019");
    expect(operatingSystemNameOf(bundle("WINDOWS", "BYOL-Performance-Win11"))).toBe("WINDOWS_11");
    expect(operatingSystemNameOf(bundle("WINDOWS", "Standard with Windows Server 2022"))).toBe("WINDOWS_SERVER_2022");
  });
});
