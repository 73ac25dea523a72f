import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { ServiceError } from "../core/errors";
import { resetDirectoryPassword } from "./password";

// The limit is counted in the audit log, which is append-only, so this file has a world of its own.
let world: TestWorld;
let workspaceId: string;
const minutesAgo = (minutes: number, from = new Date()) => new Date(from.getTime() - minutes * 60_000);
const PASSWORD = "Winter-Sky-2026!";

beforeAll(async () => {
  world = await createTestWorld();
  // Carol's WorkSpace is in the labs directory, a Simple AD, whose passwords the portal can reset.
  workspaceId = (await world.database.prisma.workspace.findFirstOrThrow({ where: { ownerId: world.people.carol.id, goneAt: null } })).id;
});
afterAll(() => world.close());

const carol = (signedInAt: Date) => ({ ...world.people.carol, signedInAt });
const resets = () => world.database.prisma.auditEvent.count({ where: { action: "directory.password_reset" } });

async function refusal(attempt: Promise<unknown>): Promise<ServiceError> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe("password resets are limited to 3 per person per hour", () => {
  it("refuses the 4th reset within an hour, says when to try again, and writes nothing: no AWS call, no audit event", async () => {
    for (let i = 0; i < 3; i++) await resetDirectoryPassword(carol(new Date()), { workspaceId, newPassword: PASSWORD });
    expect(await resets()).toBe(3);
    const first = await world.database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "directory.password_reset" },
      orderBy: { at: "asc" },
    });

    const mutations = world.sandbox.mutationCount();
    const error = await refusal(resetDirectoryPassword(carol(new Date()), { workspaceId, newPassword: PASSWORD }));
    const again = new Date(first.at.getTime() + 60 * 60_000).toISOString().slice(11, 16);
    expect(error.message).toMatch(
      new RegExp(
        "^You have changed your password 3 times in the last hour, and the portal allows 3\\. " +
          `You can try again at ${again} UTC \\(in (59|60) minutes\\)\\.$`,
      ),
    );
    expect(world.sandbox.mutationCount()).toBe(mutations);
    expect(await resets()).toBe(3);
  });

  it("counts only this person's resets of the last hour", async () => {
    // Two hours on from the resets above, so only the ones made here fall in the window.
    const now = new Date(Date.now() + 2 * 60 * 60_000);
    const reset = (actorId: string, minutes: number) => ({
      actorId,
      actorLabel: "x",
      action: "directory.password_reset",
      targetType: "directory-user",
      targetId: "d/x",
      at: minutesAgo(minutes, now),
    });
    await world.database.prisma.auditEvent.createMany({
      data: [
        reset(world.people.carol.id, 61),
        reset(world.people.carol.id, 90),
        reset(world.people.erin.id, 1),
        reset(world.people.erin.id, 2),
        reset(world.people.erin.id, 3),
        reset(world.people.carol.id, 30),
        reset(world.people.carol.id, 40),
      ],
    });
    await expect(resetDirectoryPassword(carol(now), { workspaceId, newPassword: PASSWORD }, now)).resolves.toBeDefined();

    // With a third from 20 minutes ago, the next waits until the one from 40 minutes ago is an hour old.
    await world.database.prisma.auditEvent.create({ data: reset(world.people.carol.id, 20) });
    const error = await refusal(resetDirectoryPassword(carol(now), { workspaceId, newPassword: PASSWORD }, now));
    expect(error.message).toContain(`You have changed your password 3 times in the last hour`);
    expect(error.message).toContain(`try again at ${minutesAgo(-20, now).toISOString().slice(11, 16)} UTC (in 20 minutes)`);
  });
});
