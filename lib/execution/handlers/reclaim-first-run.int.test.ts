import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { getUsageStatus } from "../../core/usage";

// A fresh start, through the executor's own wiring: the daily reclaim run waits for the first usage sync
// attempt, which learns the never-used WorkSpaces' age, so its first run already warns about Erin's
// 75-day-old WorkSpace that the portal first saw a moment ago.

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld({ clockSpeed: 1 });
}, 120_000);
afterAll(async () => world?.close());

describe("the first reclaim run on a fresh start", () => {
  it("warns about an old never-used WorkSpace, judged by CloudWatch's first datapoint", async () => {
    const prisma = world.database.prisma;
    const erin = await prisma.workspace.findFirstOrThrow({ where: { userName: "erin", goneAt: null } });
    expect(erin).toMatchObject({ lastConnectedAt: null, existsSince: null });
    world.executor().start();

    const notice = await eventually(
      () => prisma.reclaimNotice.findFirst({ where: { workspaceId: erin.id } }),
      45_000,
      "a reclaim warning for Erin's WorkSpace",
    );
    const { existsSince, firstSeenAt } = await prisma.workspace.findUniqueOrThrow({ where: { id: erin.id } });
    expect(existsSince!.getTime()).toBeLessThan(firstSeenAt.getTime() - 74 * 86_400_000);
    expect(notice).toMatchObject({ status: "WARNED", neverUsed: true, idleSince: existsSince });
    const usage = await getUsageStatus(prisma);
    expect(usage.lastAttemptAt!.getTime()).toBeLessThanOrEqual(notice.warnedAt.getTime());
  }, 60_000);
});
