import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRoute } from "@/lib/api/route";
import { databaseUnavailable, resetDatabaseOutage } from "@/lib/db/outage";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestWorld, type TestWorld } from "../world";
import { closedPort } from "../tcp-relay";
import { createTestToken, type TestToken } from "./tokens";

// An API call already under way when the database goes away: proxy.ts answers the calls that arrive afterwards with
// a 503, and this one must end the same way (Retry-After, problem+json), not as a 500 an ITSM tool files as a fault.

let world: TestWorld;
let token: TestToken;
let gone: PrismaClient;

beforeAll(async () => {
  world = await createTestWorld({ fleetSize: 2 });
  token = await createTestToken(world.database.prisma, { name: "ServiceNow during an outage" });
  // The handler's query goes to a server that is not there, as the portal's own queries do once it stops.
  gone = new PrismaClient({
    adapter: new PrismaPg({ connectionString: `postgres://portal:portal@127.0.0.1:${await closedPort()}/portal` }),
  });
}, 120_000);
afterAll(async () => {
  resetDatabaseOutage();
  await gone?.$disconnect();
  await world?.close();
});

const call = (route: ReturnType<typeof apiRoute>) =>
  route(
    new Request("http://portal.test/api/v1/workspaces", {
      headers: { authorization: `Bearer ${token.token}`, "x-request-id": "outage-in-flight-0001" },
    }),
    { params: Promise.resolve({}) },
  );

describe("an API call under way when the database goes away", () => {
  it("answers 503 with Retry-After and flags the outage for the calls that follow", async () => {
    resetDatabaseOutage();
    const route = apiRoute({ scope: "workspaces:read" }, async () => ({ status: 200, body: await gone.user.findFirst() }));
    const answer = await call(route);
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toBe("30");
    expect(answer.headers.get("content-type")).toMatch(/problem\+json/);
    expect(await answer.json()).toMatchObject({ code: "UNAVAILABLE", instance: "outage-in-flight-0001" });
    expect(await databaseUnavailable()).toBe(true);
    resetDatabaseOutage();
  });

  it("still answers 500 for a failure that is not the database's absence", async () => {
    const route = apiRoute({ scope: "workspaces:read" }, async () => {
      throw new Error("a bug");
    });
    const answer = await call(route);
    expect(answer.status).toBe(500);
    expect(await answer.json()).toMatchObject({ code: "INTERNAL" });
  });
});
