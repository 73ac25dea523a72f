import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costGroups } from "@/lib/core/report-figures";
import { catalogSource } from "@/lib/core/catalog";
import type { Bundle, RunningMode } from "@/lib/domain";
import { assessChange } from "@/lib/services/requests/assess";
import { createTestWorld, REGIONS, type TestWorld } from "@/test/world";
import { newWorkspaceOptions } from "./new-workspace";
import { getWorkspaceForViewer, listTeamWorkspaces } from "./workspaces";

// One estimate for one WorkSpace: for every bundle in the catalog and both running modes, what the request
// form asks (the request's monthly delta and the bundle card), what the WorkSpace's card then says, its row
// in the manager's team total and its row in the team's reports are the same number of cents. A Linux
// bundle once cost $30.38 on its request and $33.75 (the Windows price) on its card: the inventory has no
// OS for a WorkSpace, and the card priced it as the Windows default.

let world: TestWorld;
let bundles: Bundle[];
const MODES: RunningMode[] = ["ALWAYS_ON", "AUTO_STOP"];
// One manager and one team member per running mode, so each report row by bundle is exactly one WorkSpace.
const team: Record<RunningMode, { managerId: string; memberId: string; userName: string }> = {} as never;

beforeAll(async () => {
  world = await createTestWorld({ fleetSize: 2 });
  const prisma = world.database.prisma;
  bundles = (await Promise.all(REGIONS.map((r) => catalogSource().bundles(r)))).flat();
  const directories = new Map<string, string>();
  for (const region of REGIONS) directories.set(region, (await catalogSource().directories(region))[0]!.id);
  for (const mode of MODES) {
    const slug = mode.toLowerCase().replace("_", "");
    const manager = await prisma.user.create({ data: { email: `m-${slug}@corp.test`, name: `Manager ${slug}`, role: "MANAGER" } });
    const userName = `member${slug}`;
    const member = await prisma.user.create({
      data: { email: `u-${slug}@corp.test`, name: `Member ${slug}`, managerId: manager.id, directoryUserName: userName },
    });
    team[mode] = { managerId: manager.id, memberId: member.id, userName };
    // As the inventory writes them: no operating system (AWS does not report one), the bundle's own volumes.
    await prisma.workspace.createMany({
      data: bundles.map((b, i) => ({
        id: `ws-price${slug}${i}`,
        region: b.region,
        directoryId: directories.get(b.region)!,
        userName,
        ownerId: member.id,
        state: "AVAILABLE",
        bundleId: b.id,
        computeType: b.computeType,
        rootVolumeGb: b.defaultRootVolumeGb,
        userVolumeGb: b.defaultUserVolumeGb,
        runningMode: mode,
        autoStopTimeoutMinutes: mode === "AUTO_STOP" ? 60 : null,
        protocols: [b.protocol],
        raw: {},
        lastSyncedAt: new Date(),
      })),
    });
  }
}, 120_000);
afterAll(() => world?.close());

describe("one estimate for one WorkSpace", () => {
  it("has a catalog with Windows and Linux bundles to compare", () => {
    expect(bundles.length).toBeGreaterThan(3);
    expect(bundles.some((b) => b.operatingSystem === "LINUX")).toBe(true);
    expect(bundles.some((b) => b.operatingSystem === "WINDOWS")).toBe(true);
  });

  it.each(MODES)("prices every bundle the same on the request, the card, the team total and the reports (%s)", async (mode) => {
    const { managerId, memberId } = team[mode];
    const carol = world.people.carol;
    const member = await world.database.prisma.user.findUniqueOrThrow({ where: { id: memberId } });
    const viewer = { id: member.id, email: member.email, name: member.name, role: member.role };
    const teamRows = await listTeamWorkspaces(managerId);
    const reportRows = (await costGroups(world.database.prisma, { managerId })).filter((g) => g.dimension === "bundle");
    const offered = await newWorkspaceOptions(viewer);
    const teamTotal = teamRows.reduce((sum, w) => sum + (w.monthlyCost?.cents ?? 0), 0);
    const reportTotal = (await costGroups(world.database.prisma, { managerId })).find((g) => g.dimension === "total")!;
    expect(teamTotal).toBe(reportTotal.monthlyCostCents);

    let compared = 0;
    for (const [i, bundle] of bundles.entries()) {
      const id = `ws-price${mode.toLowerCase().replace("_", "")}${i}`;
      const what = `${bundle.name} (${bundle.id}, ${bundle.operatingSystem}, ${bundle.licence}) ${mode}`;
      const directoryId = (await catalogSource().directories(bundle.region))[0]!.id;
      const assessment = await assessChange(world.database.prisma, carol, {
        beneficiaryId: memberId,
        change: {
          type: "create",
          ownerUserName: member.directoryUserName!,
          directoryId,
          bundleId: bundle.id,
          runningMode: mode,
          ...(mode === "AUTO_STOP" ? { autoStopTimeoutMinutes: 60 } : {}),
          rootVolumeGb: bundle.defaultRootVolumeGb,
          userVolumeGb: bundle.defaultUserVolumeGb,
          rootVolumeEncrypted: false,
          userVolumeEncrypted: false,
          tags: [],
        },
      });
      const card = (await getWorkspaceForViewer(viewer, id))!;
      const teamRow = teamRows.find((w) => w.id === id)!;
      const reportRow = reportRows.find((g) => g.key === bundle.id)!;
      if (!assessment.cost.ok) {
        // No price for it: then nowhere has one.
        expect(card.monthlyCost, what).toBeNull();
        expect(reportRow.unpriced, what).toBe(1);
        continue;
      }
      const request = assessment.cost.delta.cents;
      expect(card.monthlyCost?.cents, `card: ${what}`).toBe(request);
      expect(teamRow.monthlyCost?.cents, `team: ${what}`).toBe(request);
      expect(reportRow.workspaces, what).toBe(1);
      expect(reportRow.monthlyCostCents, `report: ${what}`).toBe(request);
      const bundleCard = offered.bundles.find((b) => b.id === bundle.id);
      if (bundleCard)
        expect((mode === "ALWAYS_ON" ? bundleCard.alwaysOn : bundleCard.autoStop)?.cents, `bundle card: ${what}`).toBe(request);
      compared++;
    }
    expect(compared).toBeGreaterThan(3);
  });
});
