import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { maskFromHours, monthRange, OPEN_STATUSES } from "../domain";
import { monthUsageOf, recordUsageSync, usageThisMonth } from "../core/usage";
import { dashboardRows, sessionUserRow } from "./hot-reads";

// The hand-written statements must return exactly what the equivalent Prisma queries return.
let database: TestDatabase;
let ann: { id: string };
let zed: { id: string };

const day = 86_400_000;
const t0 = new Date("2026-10-01T08:30:15.123Z");

beforeAll(async () => {
  database = await createTestDatabase();
  const prisma = database.prisma;
  ann = await prisma.user.create({ data: { email: "ann@test", name: "Ann O'Hara", role: "MANAGER" } });
  zed = await prisma.user.create({ data: { email: "zed@test", name: "Zed", managerId: ann.id } });
  const base = { region: "us-east-1", directoryId: "d-1", bundleId: "wsb-1", raw: { big: "x".repeat(1000) }, lastSyncedAt: t0 };
  await prisma.workspace.createMany({
    data: [
      {
        ...base,
        id: "ws-b",
        userName: "ann",
        ownerId: ann.id,
        state: "AVAILABLE",
        computeType: "STANDARD",
        rootVolumeGb: 80,
        userVolumeGb: 50,
        runningMode: "AUTO_STOP",
        autoStopTimeoutMinutes: 60,
        protocols: ["WSP"],
        operatingSystem: "WINDOWS_SERVER_2022",
        ipAddress: "10.0.0.5",
        computerName: "WSAMZN-B",
        subnetId: "subnet-1",
        rootVolumeEncrypted: true,
        userVolumeEncrypted: false,
        modificationStates: [{ Resource: "USER_VOLUME", State: "UPDATE_IN_PROGRESS" }],
        tags: [{ Key: "CostCenter", Value: "CC-1" }],
        costCenter: "CC-1",
        tagsSyncedAt: t0,
        firstSeenAt: new Date(t0.getTime() + day),
        stateChangedAt: t0,
        connectionState: "CONNECTED",
        lastConnectedAt: new Date(t0.getTime() + 999),
        lastRootVolumeChangeAt: t0,
        lastUserVolumeChangeAt: t0,
        lastComputeLargerAt: t0,
        lastComputeSmallerAt: t0,
      },
      { ...base, id: "ws-a", userName: "ann2", ownerId: ann.id, state: "PENDING", firstSeenAt: t0 },
      { ...base, id: "ws-gone", userName: "ann3", ownerId: ann.id, state: "AVAILABLE", goneAt: t0 },
      { ...base, id: "ws-terminated", userName: "ann4", ownerId: ann.id, state: "TERMINATED" },
      { ...base, id: "ws-zed", userName: "zed", ownerId: zed.id, state: "STOPPED" },
    ],
  });
  const request = (
    over: Omit<Prisma.RequestUncheckedCreateInput, "type" | "change" | "region" | "justification" | "approvalReason" | "approvalSteps"> & {
      type?: string;
    },
  ) => ({
    type: "reboot",
    change: {},
    region: "us-east-1",
    directoryId: "d-1",
    justification: "",
    approvalReason: "",
    approvalSteps: [],
    ...over,
  });
  await prisma.request.create({
    data: request({
      id: "r-open-own",
      requesterId: ann.id,
      beneficiaryId: ann.id,
      workspaceId: "ws-b",
      status: "PENDING_APPROVAL",
      createdAt: t0,
    }),
  });
  await prisma.request.create({
    data: request({
      id: "r-open-for-ann",
      requesterId: zed.id,
      beneficiaryId: ann.id,
      type: "create",
      status: "EXECUTING",
      createdAt: new Date(t0.getTime() + day),
    }),
  });
  await prisma.request.create({
    data: request({ id: "r-done", requesterId: ann.id, beneficiaryId: ann.id, workspaceId: "ws-a", status: "SUCCEEDED", createdAt: t0 }),
  });
  await prisma.request.create({
    data: request({ id: "r-zed", requesterId: zed.id, beneficiaryId: zed.id, workspaceId: "ws-zed", status: "APPROVED", createdAt: t0 }),
  });
  await prisma.notification.createMany({
    data: [
      { userId: ann.id, kind: "x", title: "a", body: "b" },
      { userId: ann.id, kind: "x", title: "a", body: "b" },
      { userId: ann.id, kind: "x", title: "a", body: "b", readAt: t0 },
      { userId: zed.id, kind: "x", title: "a", body: "b" },
    ],
  });
});
afterAll(() => database.close());

describe("sessionUserRow", () => {
  it("returns the user with their unread count, as Prisma would", async () => {
    const viaPrisma = await database.prisma.user.findUniqueOrThrow({
      where: { id: ann.id },
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        sessionVersion: true,
        _count: { select: { notifications: { where: { readAt: null } } } },
      },
    });
    const { _count, ...user } = viaPrisma;
    expect(await sessionUserRow(ann.id)).toEqual({ ...user, unreadNotifications: _count.notifications });
    expect(await sessionUserRow(ann.id)).toMatchObject({ role: "MANAGER", unreadNotifications: 2 });
    expect(await sessionUserRow(zed.id)).toMatchObject({ role: "EMPLOYEE", unreadNotifications: 1 });
  });

  it("returns the session version the database holds now, as a number", async () => {
    await database.prisma.user.update({ where: { id: zed.id }, data: { sessionVersion: 7 } });
    const { sessionVersion } = await database.prisma.user.findUniqueOrThrow({ where: { id: zed.id }, select: { sessionVersion: true } });
    expect(sessionVersion).toBe(7);
    expect(await sessionUserRow(zed.id)).toMatchObject({ sessionVersion });
  });

  it("returns null for an unknown id, and treats the id as data", async () => {
    expect(await sessionUserRow("nobody")).toBeNull();
    expect(await sessionUserRow(`${ann.id}' OR '1'='1`)).toBeNull();
  });
});

describe("dashboardRows", () => {
  it("returns the same WorkSpaces and open requests as the Prisma queries, every column and date included", async () => {
    const prisma = database.prisma;
    const expectedWorkspaces = await prisma.workspace.findMany({
      where: { ownerId: ann.id, goneAt: null, state: { notIn: ["TERMINATED"] } },
      omit: { raw: true },
      orderBy: [{ firstSeenAt: "asc" }, { id: "asc" }],
    });
    const expectedOpen = await prisma.request.findMany({
      where: { OR: [{ requesterId: ann.id }, { beneficiaryId: ann.id }], status: { in: [...OPEN_STATUSES] } },
      select: { id: true, type: true, status: true, createdAt: true, workspaceId: true },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    });
    const { workspaces, open } = await dashboardRows(ann.id, OPEN_STATUSES);
    expect(workspaces.map((w) => w.id)).toEqual(["ws-a", "ws-b"]);
    expect(workspaces).toEqual(expectedWorkspaces);
    expect(workspaces[1]!.lastConnectedAt?.toISOString()).toBe("2026-10-01T08:30:16.122Z");
    expect(open.map((r) => r.id)).toEqual(["r-open-for-ann", "r-open-own"]);
    expect(open).toEqual(expectedOpen);
  });

  it("returns the month's usage of the user's WorkSpaces as usageThisMonth reads it, and the sync's time", async () => {
    const prisma = database.prisma;
    const now = new Date();
    const { start } = monthRange(now);
    const asOf = new Date(now.getTime() - 3_600_000);
    await recordUsageSync(prisma, { at: asOf });
    await prisma.workspaceUsageDay.createMany({
      data: [
        { workspaceId: "ws-b", day: start, connectedHourMask: maskFromHours([9, 10, 11]), connectedHours: 3 },
        { workspaceId: "ws-b", day: new Date(start.getTime() - 86_400_000), connectedHourMask: 1, connectedHours: 1 }, // last month
      ],
    });
    const { usage, usageAsOf } = await dashboardRows(ann.id, OPEN_STATUSES, now);
    expect(usageAsOf).toEqual(asOf);
    expect(usage.map((u) => u.workspaceId)).toEqual(["ws-b"]);
    expect(usage[0]!.days).toEqual([start]);
    expect(monthUsageOf(usage, now, usageAsOf)).toEqual(await usageThisMonth(prisma, ["ws-a", "ws-b"], now));
    expect(monthUsageOf(usage, now, usageAsOf).get("ws-b")!.billableHours).toBe(4); // 3 connected and the 1-hour AutoStop timeout
  });

  it("returns empty lists for a user with nothing", async () => {
    expect(await dashboardRows("nobody", OPEN_STATUSES)).toMatchObject({ workspaces: [], open: [], usage: [] });
  });
});
