import { PrismaPg } from "@prisma/adapter-pg";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { postgresTier } from "@/test/db";
import { closedPort, tcpRelay } from "@/test/tcp-relay";
import { databaseUnavailable, reportDatabaseError, resetDatabaseOutage, setDatabaseProbe, watchedAdapter } from "./outage";

// A database outage as a web instance sees it: a real Prisma client on @prisma/adapter-pg whose server
// cannot be reached, and proxy.ts answering every page with the friendly 503 until a probe succeeds.
// The shared PostgreSQL server cannot be stopped here, so an outage is a closed port, or (PostgreSQL
// tier) a TCP relay to the real server that is cut and restored.

/** Like lib/db.ts builds the client for a PostgreSQL DATABASE_URL. */
function watchedClient(url: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url }, { onPoolError: reportDatabaseError, onConnectionError: reportDatabaseError });
  const prisma = new PrismaClient({ adapter: watchedAdapter(adapter) });
  setDatabaseProbe(() => prisma.$queryRaw`SELECT 1`);
  return prisma;
}

const page = (path: string, init?: ConstructorParameters<typeof NextRequest>[1]) =>
  proxy(new NextRequest(`http://portal.test${path}`, init));

describe("a database outage", () => {
  let prisma: PrismaClient | undefined;
  afterEach(async () => {
    await prisma?.$disconnect();
    prisma = undefined;
    setDatabaseProbe(undefined);
    resetDatabaseOutage();
  });

  it("turns pages into a friendly 503 once a query fails to reach the server, while health endpoints answer for themselves", async () => {
    prisma = watchedClient(`postgres://portal:portal@127.0.0.1:${await closedPort()}/portal`);
    // Before anything failed, requests pass through untouched.
    expect((await page("/")).status).toBe(200);

    await expect(prisma.user.findFirst()).rejects.toMatchObject({ code: "P1001" });
    expect(await databaseUnavailable()).toBe(true);

    const home = await page("/");
    expect(home.status).toBe(503);
    expect(home.headers.get("retry-after")).toBe("30");
    expect(await home.text()).toContain("The portal is briefly unavailable");

    const api = await page("/api/v1/workspaces", { headers: { "x-request-id": "outage-test-0001" } });
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ code: "UNAVAILABLE", instance: "outage-test-0001" });

    const action = await page("/requests/new", { method: "POST", headers: { "next-action": "abc123" } });
    expect(action.status).toBe(503);
    expect(action.headers.get("content-type")).toMatch(/^text\/plain/);

    for (const path of ["/api/health", "/api/ready", "/api/metrics"]) expect((await page(path)).status).toBe(200);
  });

  it.skipIf(!postgresTier())(
    "recovers on its own: a restored server clears the 503 at the next probe, without a restart",
    async () => {
      const link = await tcpRelay(new URL(process.env.TEST_DATABASE_URL!));
      prisma = watchedClient(link.url);
      await prisma.$queryRaw`SELECT 1`;
      expect((await page("/")).status).toBe(200);

      // The server goes away under open pooled connections, as in a restart.
      await link.cut();
      await expect(prisma.$queryRaw`SELECT 1`).rejects.toThrow();
      expect((await page("/")).status).toBe(503);

      await link.restore();
      // Within PROBE_INTERVAL_MS of the last probe the answer stays 503; after it, one probe clears it.
      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect((await page("/")).status).toBe(200);
      await expect(prisma.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).resolves.toEqual([{ one: 1 }]);
      await link.cut();
    },
    20_000,
  );
});
