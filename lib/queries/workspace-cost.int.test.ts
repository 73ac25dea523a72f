import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { monthlyCostText } from "@/components/workspaces/facts";
import { maskFromHours, monthRange } from "../domain";
import { getWorkspaceForViewer } from "./workspaces";

const ALL_DAY = maskFromHours([...Array(24).keys()]);

describe("a WorkSpace's estimated monthly cost", () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await createTestWorld();
  }, 120_000);
  afterAll(() => world.close());

  it("counts AutoStop at the hours billed this month once usage is known, and says so", async () => {
    const prisma = world.database.prisma;
    const alice = { ...world.people.alice, email: "alice@corp.example.com" };
    const row = await prisma.workspace.findFirstOrThrow({ where: { ownerId: alice.id, runningMode: "AUTO_STOP", goneAt: null } });
    await prisma.workspaceUsageDay.deleteMany({ where: { workspaceId: row.id } });

    const assumed = (await getWorkspaceForViewer(alice, row.id))!;
    expect(assumed.billableHoursThisMonth).toBeNull();
    expect(monthlyCostText(assumed)).not.toContain("pace");

    const { start } = monthRange(new Date());
    await prisma.workspaceUsageDay.createMany({
      data: [0, 1, 2, 3, 4, 5, 6, 7].map((n) => ({
        workspaceId: row.id,
        day: new Date(start.getTime() + n * 86_400_000),
        connectedHourMask: ALL_DAY,
        connectedHours: 24,
      })),
    });
    const measured = (await getWorkspaceForViewer(alice, row.id))!;
    const hours = measured.projectedHoursThisMonth!;
    // The month so far may be shorter than the eight days written; only the days up to today count.
    expect(measured.billableHoursThisMonth).toBeGreaterThan(0);
    expect(hours).toBeGreaterThanOrEqual(measured.billableHoursThisMonth!);
    expect(monthlyCostText(measured)).toContain(`at this month's pace of about ${hours} hours (${measured.billableHoursThisMonth} so far)`);
    if (hours > 80) expect(measured.monthlyCost!.cents).toBeGreaterThan(assumed.monthlyCost!.cents);
    else expect(measured.monthlyCost!.cents).toBeLessThan(assumed.monthlyCost!.cents);
  });
});
