import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { workspaceFleetChanges } from "./workspaces";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const prisma = database.prisma;
  const t = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 9, minutes));
  const operation = (
    id: string,
    action: string,
    at: Date,
    items: { workspaceId: string; status: "PENDING" | "DONE" | "FAILED"; reason?: string }[],
  ) =>
    prisma.bulkOperation.create({
      data: {
        id,
        action,
        params: { action },
        createdById: "admin-1",
        createdBy: "Carol Admin",
        createdAt: at,
        items: { create: items.map((i) => ({ ...i, region: "us-east-1" })) },
      },
    });
  await operation("op-1", "reboot", t(0), [
    { workspaceId: "ws-1", status: "DONE" },
    { workspaceId: "ws-2", status: "DONE" },
  ]);
  await operation("op-2", "runningMode", t(10), [
    { workspaceId: "ws-1", status: "FAILED", reason: "The WorkSpace is being changed already." },
  ]);
  await operation("op-3", "stop", t(20), [{ workspaceId: "ws-2", status: "PENDING" }]);
});
afterAll(() => database.close());

describe("workspaceFleetChanges", () => {
  it("lists the fleet operations that touched the WorkSpace, newest first, with its own outcome in each", async () => {
    const changes = await workspaceFleetChanges("ws-1");
    expect(changes.map((c) => [c.what, c.by, c.status, c.reason])).toEqual([
      ["Change running mode", "Carol Admin", "FAILED", "The WorkSpace is being changed already."],
      ["Reboot", "Carol Admin", "DONE", null],
    ]);
    expect(changes[1]!.startedAt.toISOString()).toBe("2026-11-20T09:00:00.000Z");
    const other = await workspaceFleetChanges("ws-2");
    expect(other.map((c) => [c.what, c.status, c.finishedAt === null])).toEqual([
      ["Stop", "PENDING", true],
      ["Reboot", "DONE", false],
    ]);
    expect(await workspaceFleetChanges("ws-none")).toEqual([]);
  });
});
