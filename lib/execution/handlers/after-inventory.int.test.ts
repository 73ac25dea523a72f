import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { markInventorySynced } from "../../core/inventory-status";
import type { OutboxJob } from "../../generated/prisma/client";
import type { JobContext, JobHandler } from "../worker";
import { recordUsageSync } from "../../core/usage";
import { afterInventory, afterUsageSync, INVENTORY_WAIT_MS } from "./after-inventory";

describe("jobs that work from the inventory", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it("wait until every managed Region has been synced once, then run", async () => {
    const runs: string[] = [];
    const inner: JobHandler = {
      async run() {
        runs.push("ran");
        return { done: true };
      },
    };
    const gated = afterInventory(["us-east-1", "eu-west-1"], inner);
    const ctx = { db: database.prisma } as unknown as JobContext;
    const job = {} as OutboxJob;

    const before = Date.now();
    const waiting = await gated.run(job, ctx);
    expect(runs).toEqual([]);
    expect(waiting).toMatchObject({ done: false });
    const runAt = (waiting as { runAt: Date }).runAt.getTime();
    expect(runAt).toBeGreaterThanOrEqual(before + INVENTORY_WAIT_MS);

    await markInventorySynced(database.prisma, "us-east-1", new Date());
    await gated.run(job, ctx);
    expect(runs).toEqual([]);

    await markInventorySynced(database.prisma, "eu-west-1", new Date());
    expect(await gated.run(job, ctx)).toEqual({ done: true });
    expect(runs).toEqual(["ran"]);
  });

  it("hold the reports' snapshot until the usage sync has been tried once", async () => {
    let ran = 0;
    const gated = afterUsageSync({
      async run() {
        ran++;
        return { done: true };
      },
    });
    const ctx = { db: database.prisma } as unknown as JobContext;
    expect(await gated.run({} as OutboxJob, ctx)).toMatchObject({ done: false });
    expect(ran).toBe(0);
    await recordUsageSync(database.prisma, { at: new Date(), error: "CloudWatch: too many requests" });
    expect(await gated.run({} as OutboxJob, ctx)).toEqual({ done: true });
    expect(ran).toBe(1);
  });
});
