import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { isUniqueViolation } from "../core/errors";
import { applyMigrations } from "./migrations";
import { PGliteThread } from "./pglite-thread";

// The embedded database as the app runs it: PGlite in its own thread, Prisma on this one.
let thread: PGliteThread;
let prisma: PrismaClient;

beforeAll(async () => {
  thread = new PGliteThread(undefined); // in memory
  await applyMigrations(thread.runner());
  prisma = new PrismaClient({ adapter: thread.adapterFactory() });
});
afterAll(async () => {
  await prisma.$disconnect();
  await thread.close();
});

describe("PGlite in its own thread", () => {
  it("runs migrations and Prisma queries, with dates, JSON and lists intact", async () => {
    const user = await prisma.user.create({ data: { email: "ann@test", name: "Ann", groups: ["a", "b"] } });
    const at = new Date("2026-11-26T10:11:12.345Z");
    await prisma.workspace.create({
      data: {
        id: "ws-1",
        region: "us-east-1",
        directoryId: "d-1",
        userName: "ann",
        ownerId: user.id,
        state: "AVAILABLE",
        bundleId: "wsb-1",
        raw: { nested: [1, "two"] },
        lastSyncedAt: at,
        protocols: ["WSP"],
      },
    });
    const ws = await prisma.workspace.findUniqueOrThrow({ where: { id: "ws-1" }, include: { owner: true } });
    expect(ws.lastSyncedAt).toEqual(at);
    expect(ws.raw).toEqual({ nested: [1, "two"] });
    expect(ws.protocols).toEqual(["WSP"]);
    expect(ws.owner?.groups).toEqual(["a", "b"]);
    expect(await prisma.$queryRaw`SELECT count(*)::int AS n FROM "Workspace"`).toEqual([{ n: 1 }]);
  });

  it("reports a unique violation as the services expect, and keeps working", async () => {
    const error = await prisma.user.create({ data: { email: "ann@test", name: "Ann again" } }).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(await prisma.user.count()).toBe(1);
  });

  it("commits an interactive transaction, and rolls one back when it throws", async () => {
    await prisma.$transaction(async (tx) => {
      await tx.user.create({ data: { email: "bob@test", name: "Bob" } });
    });
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.user.create({ data: { email: "carl@test", name: "Carl" } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect((await prisma.user.findMany({ orderBy: { email: "asc" } })).map((u) => u.email)).toEqual(["ann@test", "bob@test"]);
  });

  it("makes a statement from outside an open transaction wait for it, as one connection does", async () => {
    let releaseTx!: () => void;
    const held = new Promise<void>((resolve) => (releaseTx = resolve));
    const order: string[] = [];
    const tx = prisma.$transaction(async (t) => {
      await t.user.create({ data: { email: "dora@test", name: "Dora" } });
      await held;
      order.push("commit");
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outside = prisma.user.count().then((n) => {
      order.push("outside");
      return n;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    releaseTx();
    await tx;
    expect(await outside).toBe(3); // it saw the committed row
    expect(order).toEqual(["commit", "outside"]);
  });

  it("answers a closed database with a clear error", async () => {
    const other = new PGliteThread(undefined);
    await other.ready;
    await other.close();
    await expect(other.runner().query("SELECT 1")).rejects.toThrow("The embedded database is closed.");
  });

  it("opens on a fresh data directory whose parents do not exist yet", async () => {
    // What `next start` does with AUTH_SECRET set and PORTAL_DATA_DIR not created by anything else.
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "portal-fresh-")), "data", "pglite");
    const fresh = new PGliteThread(dir);
    try {
      await expect(fresh.runner().query("SELECT 1 AS n")).resolves.toEqual([{ n: 1 }]);
    } finally {
      await fresh.close();
    }
  });
});
