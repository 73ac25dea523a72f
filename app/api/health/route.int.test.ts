import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";

// The session cookie the route sees, as next/headers would hand it over inside a request.
const incoming = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(incoming.cookie ? { cookie: incoming.cookie } : {}) }));

const DETAILS_TOKEN = "monitoring-token-that-is-long-enough-0123456789";

let database: TestDatabase;
let GET: (request: Request) => Promise<Response>;
const ids: Record<"admin" | "employee", string> = { admin: "", employee: "" };

beforeAll(async () => {
  process.env.HEALTH_DETAILS_TOKEN = DETAILS_TOKEN;
  (globalThis as { __portalConfig?: unknown }).__portalConfig = undefined;
  database = await createTestDatabase();
  ids.admin = (await database.prisma.user.create({ data: { email: "admin@test", name: "Ada Admin", role: "ADMIN" } })).id;
  ids.employee = (await database.prisma.user.create({ data: { email: "emp@test", name: "Eve Employee", role: "EMPLOYEE" } })).id;
  ({ GET } = await import("./route"));
});
afterAll(async () => {
  delete process.env.HEALTH_DETAILS_TOKEN;
  (globalThis as { __portalConfig?: unknown }).__portalConfig = undefined;
  await database.close();
});

async function signedInAs(id: string | null): Promise<void> {
  incoming.cookie = id
    ? `authjs.session-token=${await encode({ token: { sub: id }, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" })}`
    : "";
}

async function health(headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await GET(new Request("http://portal.test/api/health", { headers }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("GET /api/health", () => {
  it("tells an anonymous caller only that the portal is up", async () => {
    await signedInAs(null);
    expect(await health()).toEqual({ status: 200, body: { status: "ok" } });
  });

  it("tells a signed-in employee no more", async () => {
    await signedInAs(ids.employee);
    expect((await health()).body).toEqual({ status: "ok" });
  });

  it("shows a signed-in admin the AWS mode, Regions, endpoints and database", async () => {
    await signedInAs(ids.admin);
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: "ok",
      database: { status: "ok" },
      aws: { mode: expect.any(String), regions: expect.any(Array), endpoints: expect.any(Object) },
    });
  });

  it("shows the details to a monitor with the HEALTH_DETAILS_TOKEN bearer token, and only the right one", async () => {
    await signedInAs(null);
    expect((await health({ authorization: `Bearer ${DETAILS_TOKEN}` })).body).toHaveProperty("aws.mode");
    for (const wrong of [
      `Bearer ${DETAILS_TOKEN.slice(0, -1)}`,
      `Bearer ${DETAILS_TOKEN}x`,
      "Bearer ",
      DETAILS_TOKEN,
      `Basic ${DETAILS_TOKEN}`,
    ]) {
      expect((await health({ authorization: wrong })).body, wrong).toEqual({ status: "ok" });
    }
  });
});
