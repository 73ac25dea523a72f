import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AwsGateway } from "@/lib/aws";
import { toDomainBundle } from "@/lib/core/catalog-mapping";
import { getPolicySettings, POLICY_SETTING_KEY } from "@/lib/core/settings";
import { toDomainWorkspace } from "@/lib/core/workspace-records";
import type { Bundle, ComputeType } from "@/lib/domain";
import { syncRegion } from "@/lib/execution/sync";
import { createTestWorld, type TestWorld } from "@/test/world";
import { changeOptions } from "./workspace-actions";
import { getWorkspaceForViewer } from "./workspaces";

// The inventory knows each WorkSpace's OS (AWS's OperatingSystemName, else its bundle's), so the rules that
// match a WorkSpace to bundles of its OS see a Linux WorkSpace as Linux, not as the Windows a missing OS
// used to default to.
describe("a Linux WorkSpace in the inventory", () => {
  let world: TestWorld;
  let workspaceId: string;
  let region: string;
  let bundles: Bundle[];
  const carol = () => ({ ...world.people.carol, email: "carol@example.com" });

  beforeAll(async () => {
    world = await createTestWorld();
    region = "us-east-1";
    const summaries = await world.gateway.region(region).bundles.describeBundles({ owner: "all" });
    bundles = summaries.flatMap((b) => toDomainBundle(region, b, undefined) ?? []);
    // Carol's demo WorkSpace runs Amazon Linux 2.
    const linux = bundles.filter((b) => b.operatingSystem === "LINUX").map((b) => b.id);
    const row = await world.database.prisma.workspace.findFirstOrThrow({
      where: { ownerId: world.people.carol.id, region, goneAt: null, bundleId: { in: linux } },
    });
    workspaceId = row.id;

    // Employees are offered Linux bundles of some compute types and Windows ones of others, so a
    // WorkSpace's compute options tell which OS they were looked up for.
    const pick = (os: string, types: ComputeType[]) =>
      bundles.filter((b) => b.operatingSystem === os && b.licence === "INCLUDED" && types.includes(b.computeType)).map((b) => b.id);
    const policy = await getPolicySettings(world.database.prisma);
    const employees = policy.catalog.byPersona.EMPLOYEE!;
    const bundleIds = [...pick("LINUX", ["STANDARD", "POWER"]), ...pick("WINDOWS", ["VALUE", "PERFORMANCE", "POWERPRO"])];
    const value = {
      ...policy,
      catalog: { ...policy.catalog, byPersona: { ...policy.catalog.byPersona, EMPLOYEE: { ...employees, bundleIds } } },
    };
    await world.database.prisma.setting.update({ where: { key: POLICY_SETTING_KEY }, data: { value } });
  });
  afterAll(() => world.close());

  it("is cached with the OS DescribeWorkspaces names for it", async () => {
    const row = await world.database.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    expect(row.operatingSystem).toBe("AMAZON_LINUX_2");
    expect(toDomainWorkspace(row).operatingSystem).toBe("LINUX");
    // The seeded Windows WorkSpaces stay Windows.
    const windows = await world.database.prisma.workspace.findFirstOrThrow({ where: { ownerId: world.people.frank.id, goneAt: null } });
    expect(windows.operatingSystem).toMatch(/^WINDOWS_/);
  });

  it("is offered the compute types of the offered Linux bundles, not the Windows ones", async () => {
    const view = await getWorkspaceForViewer(carol(), workspaceId);
    const options = await changeOptions(carol(), view!);
    expect(options.catalogLoading).toBe(false);
    expect(options.compute?.current.value).toBe("STANDARD");
    expect(options.compute?.upgrades.map((o) => o.value)).toEqual(["POWER"]);
    expect(options.compute?.downgrades.map((o) => o.value)).toEqual([]);
  });

  it("takes its bundle's OS when AWS's answer does not name one (older responses)", async () => {
    // The same AWS, answering as before OperatingSystemName existed.
    const older: AwsGateway = {
      ...world.gateway,
      region: (name) => {
        const gw = world.gateway.region(name);
        return {
          ...gw,
          workspaces: {
            ...gw.workspaces,
            async *workspacePages(filter) {
              for await (const page of gw.workspaces.workspacePages(filter)) yield page.map(({ operatingSystemName: _os, ...ws }) => ws);
            },
          },
        };
      },
    };
    await world.database.prisma.workspace.updateMany({ where: { region }, data: { operatingSystem: null } });
    await syncRegion(world.database.prisma, older, region);
    const rows = await world.database.prisma.workspace.findMany({ where: { region, goneAt: null } });
    const osOfBundle = new Map(bundles.map((b) => [b.id, b.operatingSystem]));
    for (const row of rows) expect(row.operatingSystem, row.id).toBe(osOfBundle.get(row.bundleId) ?? null);
    expect(rows.find((r) => r.id === workspaceId)?.operatingSystem).toBe("LINUX");

    // A later answer that names the OS replaces the bundle's family with it.
    await syncRegion(world.database.prisma, world.gateway, region);
    const row = await world.database.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    expect(row.operatingSystem).toBe("AMAZON_LINUX_2");
  });
});
