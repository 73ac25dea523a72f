import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "../world";
import { callApi, codeOf } from "./client";
import { createTestToken, type TestToken } from "./tokens";

// The read endpoints: filters, cursor pagination (stable while rows are inserted), ETags, 404 problems,
// what a token sees when it acts for a person, and the per-token rate limit.

let world: TestWorld;
let org: TestToken;
let forPeople: TestToken;

beforeAll(async () => {
  world = await createTestWorld({ fleetSize: 6 });
  org = await createTestToken(world.database.prisma, { name: "ServiceNow reads" });
  forPeople = await createTestToken(world.database.prisma, { name: "Jira for people", mayActForPeople: true });
}, 120_000);
afterAll(() => world?.close());

type Page<T> = { data: T[]; nextCursor: string | null };
type Ws = { id: string; region: string; state: string; owner: { email: string } | null; tags: { key: string; value: string }[] };

describe("GET /api/v1/workspaces", () => {
  it("lists every live WorkSpace to the organisation, by id", async () => {
    const answer = await callApi("GET", "/api/v1/workspaces?limit=200", { token: org.token });
    expect(answer.status).toBe(200);
    const page = answer.body as Page<Ws>;
    const live = await world.database.prisma.workspace.count({ where: { goneAt: null } });
    expect(page.data).toHaveLength(live);
    expect(page.data.map((w) => w.id)).toEqual([...page.data.map((w) => w.id)].sort());
    expect(page.nextCursor).toBeNull();
  });

  it("filters by owner, region, state and tag", async () => {
    const all = (await callApi("GET", "/api/v1/workspaces?limit=200", { token: org.token })).body as Page<Ws>;
    const owned = all.data.find((w) => w.owner)!;
    const byOwner = (await callApi("GET", `/api/v1/workspaces?owner=${owned.owner!.email.toUpperCase()}`, { token: org.token }))
      .body as Page<Ws>;
    expect(byOwner.data.length).toBeGreaterThan(0);
    expect(byOwner.data.every((w) => w.owner?.email === owned.owner!.email)).toBe(true);

    const byRegion = (await callApi("GET", "/api/v1/workspaces?region=eu-west-1", { token: org.token })).body as Page<Ws>;
    expect(byRegion.data.every((w) => w.region === "eu-west-1")).toBe(true);
    expect(byRegion.data.length).toBe(all.data.filter((w) => w.region === "eu-west-1").length);

    const state = all.data[0]!.state;
    const byState = (await callApi("GET", `/api/v1/workspaces?state=${state}`, { token: org.token })).body as Page<Ws>;
    expect(byState.data.length).toBe(all.data.filter((w) => w.state === state).length);

    const target = all.data[1]!;
    await world.database.prisma.workspace.update({
      where: { id: target.id },
      data: { tags: [...target.tags, { key: "Project", value: "a=b" }] },
    });
    const byTag = (await callApi("GET", "/api/v1/workspaces?tag=Project%3Da%3Db", { token: org.token })).body as Page<Ws>;
    expect(byTag.data.map((w) => w.id)).toEqual([target.id]);
    const none = (await callApi("GET", "/api/v1/workspaces?tag=Project%3Dother", { token: org.token })).body as Page<Ws>;
    expect(none.data).toEqual([]);
  });

  it("pages with a cursor, and a WorkSpace inserted while paging is seen once and none is skipped", async () => {
    const prisma = world.database.prisma;
    const first = await callApi("GET", "/api/v1/workspaces?limit=3&region=us-east-1", { token: org.token });
    const page1 = first.body as Page<Ws>;
    expect(page1.data).toHaveLength(3);
    expect(page1.nextCursor).toEqual(expect.any(String));
    expect(first.headers.get("link")).toBe(`</api/v1/workspaces?limit=3&region=us-east-1&cursor=${page1.nextCursor}>; rel="next"`);

    // Rows inserted mid-way: one sorting before the cursor (never shown) and one after it (shown once).
    const template = await prisma.workspace.findUniqueOrThrow({ where: { id: page1.data[0]!.id } });
    const { id: _id, ...rest } = template;
    await prisma.workspace.create({ data: { ...rest, id: "ws-000000000", tags: [], protocols: rest.protocols } as never });
    await prisma.workspace.create({ data: { ...rest, id: "ws-zzzzzzzzz", tags: [], protocols: rest.protocols } as never });

    const seen = [...page1.data.map((w) => w.id)];
    let cursor = page1.nextCursor;
    while (cursor) {
      const next = (await callApi("GET", `/api/v1/workspaces?limit=3&region=us-east-1&cursor=${cursor}`, { token: org.token }))
        .body as Page<Ws>;
      seen.push(...next.data.map((w) => w.id));
      cursor = next.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const usEast = (await prisma.workspace.findMany({ where: { region: "us-east-1", goneAt: null }, select: { id: true } })).map(
      (w) => w.id,
    );
    expect(seen).toEqual(usEast.filter((id) => id !== "ws-000000000").sort());
    expect(seen).toContain("ws-zzzzzzzzz");
    await prisma.workspace.deleteMany({ where: { id: { in: ["ws-000000000", "ws-zzzzzzzzz"] } } });
  });

  it("refuses a cursor it did not hand out, naming the field", async () => {
    for (const cursor of ["garbage!", Buffer.from(JSON.stringify({ l: "requests", k: ["x", "y"] })).toString("base64url")]) {
      const answer = await callApi("GET", `/api/v1/workspaces?cursor=${encodeURIComponent(cursor)}`, { token: org.token });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ field: "cursor" }] });
    }
    const limit = await callApi("GET", "/api/v1/workspaces?limit=500", { token: org.token });
    expect(limit.status).toBe(400);
    expect(limit.body).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ field: "limit" }] });
  });

  it("answers 304 to a current ETag and 200 once the list changed", async () => {
    const first = await callApi("GET", "/api/v1/workspaces?region=eu-west-1", { token: org.token });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await callApi("GET", "/api/v1/workspaces?region=eu-west-1", { token: org.token, headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    const one = (first.body as Page<Ws>).data[0]!;
    await world.database.prisma.workspace.update({ where: { id: one.id }, data: { computerName: "renamed-" + Date.now() } });
    const changed = await callApi("GET", "/api/v1/workspaces?region=eu-west-1", { token: org.token, headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("gets one WorkSpace, and answers 404 as a problem for an unknown one", async () => {
    const list = (await callApi("GET", "/api/v1/workspaces?limit=1", { token: org.token })).body as Page<Ws>;
    const one = await callApi("GET", `/api/v1/workspaces/${list.data[0]!.id}`, { token: org.token });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(list.data[0]);
    const missing = await callApi("GET", "/api/v1/workspaces/ws-doesnotexist", { token: org.token });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(missing.body).toMatchObject({ code: "NOT_FOUND", status: 404, type: "/api/docs#problem-NOT_FOUND" });
  });

  it("shows a person only their own WorkSpaces when acting for them; an admin sees all", async () => {
    const alice = world.people.alice;
    const mine = await world.database.prisma.workspace.findMany({ where: { ownerId: alice.id, goneAt: null }, select: { id: true } });
    const answer = await callApi("GET", "/api/v1/workspaces?limit=200", { token: forPeople.token, onBehalfOf: "alice@example.com" });
    expect((answer.body as Page<Ws>).data.map((w) => w.id).sort()).toEqual(mine.map((w) => w.id).sort());
    const other = await world.database.prisma.workspace.findFirstOrThrow({ where: { ownerId: { not: alice.id }, goneAt: null } });
    const notHers = await callApi("GET", `/api/v1/workspaces/${other.id}`, { token: forPeople.token, onBehalfOf: "alice@example.com" });
    expect(notHers.status).toBe(404);
    const admin = await callApi("GET", "/api/v1/workspaces?limit=200", { token: forPeople.token, onBehalfOf: "carol@example.com" });
    expect((admin.body as Page<Ws>).data.length).toBe(await world.database.prisma.workspace.count({ where: { goneAt: null } }));
    const unknown = await callApi("GET", "/api/v1/workspaces", { token: forPeople.token, onBehalfOf: "nobody@example.com" });
    expect(unknown.status).toBe(404);
    expect(codeOf(unknown)).toBe("PERSON_NOT_FOUND");
    const malformed = await callApi("GET", "/api/v1/workspaces", { token: forPeople.token, onBehalfOf: "not-an-email" });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ errors: [{ field: "X-On-Behalf-Of" }] });
  });
});

describe("GET /api/v1/catalog", () => {
  it("offers a person the directories and priced bundles of the request form", async () => {
    const answer = await callApi("GET", "/api/v1/catalog?person=alice@example.com", { token: org.token });
    expect(answer.status).toBe(200);
    const body = answer.body as { person: { email: string }; directories: unknown[]; bundles: { monthlyPrice: { alwaysOn: unknown } }[] };
    expect(body.person.email).toBe("alice@example.com");
    expect(body.directories.length).toBeGreaterThan(0);
    expect(body.bundles.length).toBeGreaterThan(0);
    expect(body.bundles.some((b) => b.monthlyPrice.alwaysOn !== null)).toBe(true);
    const nobody = await callApi("GET", "/api/v1/catalog?person=nobody@example.com", { token: org.token });
    expect(nobody.status).toBe(404);
    expect(nobody.body).toMatchObject({ code: "PERSON_NOT_FOUND", errors: [{ field: "person" }] });
    const someoneElse = await callApi("GET", "/api/v1/catalog?person=erin@example.com", {
      token: forPeople.token,
      onBehalfOf: "alice@example.com",
    });
    expect(someoneElse.status).toBe(403);
  });
});

type Req = { id: string; status: string; createdAt: string; requester: { email: string }; timeline?: { action: string; actor: string }[] };

async function submitFor(person: "alice" | "erin", preferred: string) {
  const { submitRequest } = await import("@/lib/services/requests/submit");
  const prisma = world.database.prisma;
  const who = world.people[person];
  const ws = await prisma.workspace.findFirstOrThrow({ where: { ownerId: who.id, goneAt: null, region: "us-east-1" } });
  const computeType = ws.computeType === preferred ? (preferred === "PERFORMANCE" ? "POWER" : "PERFORMANCE") : preferred;
  const result = await submitRequest(who, {
    change: { type: "computeType", workspaceId: ws.id, computeType } as never,
    justification: "Needed for the API tests.",
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.requestId;
}

describe("requests", () => {
  let aliceRequest: string;
  let erinRequest: string;
  beforeAll(async () => {
    aliceRequest = await submitFor("alice", "PERFORMANCE");
    erinRequest = await submitFor("erin", "POWER");
  });

  it("lists requests newest first with filters, and gets one with its timeline", async () => {
    const list = (await callApi("GET", "/api/v1/requests", { token: org.token })).body as Page<Req>;
    expect(list.data.map((r) => r.id)).toEqual(expect.arrayContaining([aliceRequest, erinRequest]));
    const times = list.data.map((r) => r.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const byRequester = (await callApi("GET", "/api/v1/requests?requester=erin@example.com", { token: org.token })).body as Page<Req>;
    expect(byRequester.data.every((r) => r.requester.email === "erin@example.com")).toBe(true);
    expect(byRequester.data.map((r) => r.id)).toContain(erinRequest);

    const one = await callApi("GET", `/api/v1/requests/${aliceRequest}`, { token: org.token });
    expect(one.status).toBe(200);
    expect((one.body as Req).timeline!.map((e) => e.action)).toContain("request.submitted");
    const missing = await callApi("GET", "/api/v1/requests/nope", { token: org.token });
    expect(missing.status).toBe(404);
  });

  it("pages requests stably while new ones are submitted", async () => {
    const first = (await callApi("GET", "/api/v1/requests?limit=1", { token: org.token })).body as Page<Req>;
    // A request created after the first page: it sorts before the cursor, so paging on never shows it.
    const template = await world.database.prisma.request.findUniqueOrThrow({ where: { id: first.data[0]!.id } });
    const { id: _id, createdAt: _at, ...rest } = template;
    const newer = (await world.database.prisma.request.create({ data: { ...rest, status: "CANCELLED", createdAt: new Date() } as never }))
      .id;
    const seen = [...first.data.map((r) => r.id)];
    let cursor = first.nextCursor;
    while (cursor) {
      const next = (await callApi("GET", `/api/v1/requests?limit=1&cursor=${cursor}`, { token: org.token })).body as Page<Req>;
      seen.push(...next.data.map((r) => r.id));
      cursor = next.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(newer);
    const all = await world.database.prisma.request.count();
    expect(seen.length).toBe(all - 1);
    await world.database.prisma.request.delete({ where: { id: newer } });
  });

  it("shows a person their own requests and those waiting for them, nothing else", async () => {
    const alice = (await callApi("GET", "/api/v1/requests", { token: forPeople.token, onBehalfOf: "alice@example.com" })).body as Page<Req>;
    expect(alice.data.map((r) => r.id)).toContain(aliceRequest);
    expect(alice.data.map((r) => r.id)).not.toContain(erinRequest);
    const hidden = await callApi("GET", `/api/v1/requests/${erinRequest}`, { token: forPeople.token, onBehalfOf: "alice@example.com" });
    expect(hidden.status).toBe(404);
    // bob is alice's manager: her request waits for him.
    const bob = (await callApi("GET", "/api/v1/requests", { token: forPeople.token, onBehalfOf: "bob@example.com" })).body as Page<Req>;
    const aliceStatus = (await world.database.prisma.request.findUniqueOrThrow({ where: { id: aliceRequest } })).status;
    if (aliceStatus === "PENDING_APPROVAL") expect(bob.data.map((r) => r.id)).toContain(aliceRequest);
    const bobOne = await callApi("GET", `/api/v1/requests/${aliceRequest}`, { token: forPeople.token, onBehalfOf: "bob@example.com" });
    expect(bobOne.status).toBe(aliceStatus === "PENDING_APPROVAL" ? 200 : 404);
  });
});

describe("GET /api/v1/audit-events", () => {
  it("lists the audit log newest first, filtered, and records each API call with the token's name", async () => {
    await callApi("GET", "/api/v1/workspaces?limit=1", { token: org.token });
    const answer = await callApi("GET", "/api/v1/audit-events?action=api.call&limit=5", { token: org.token });
    expect(answer.status).toBe(200);
    const page = answer.body as Page<{ id: string; action: string; actor: string; detail: { path: string; status: number } }>;
    expect(page.data.every((e) => e.action === "api.call")).toBe(true);
    const ids = page.data.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
    expect(page.data[0]!.actor).toBe(`ServiceNow reads (via API token "ServiceNow reads")`);
    expect(page.data[0]!.detail).toMatchObject({ path: "/api/v1/workspaces", status: 200 });

    const next = await callApi("GET", `/api/v1/audit-events?action=api.call&limit=5&cursor=${page.nextCursor}`, { token: org.token });
    const older = (next.body as Page<{ id: string }>).data.map((e) => BigInt(e.id));
    expect(older.every((id) => id < ids[ids.length - 1]!)).toBe(true);

    const range = await callApi("GET", "/api/v1/audit-events?from=2000-01-01&to=2000-12-31", { token: org.token });
    expect((range.body as Page<unknown>).data).toEqual([]);
    const badDate = await callApi("GET", "/api/v1/audit-events?from=yesterday", { token: org.token });
    expect(badDate.status).toBe(400);
  });

  it("is for admins only when acting for a person", async () => {
    const employee = await callApi("GET", "/api/v1/audit-events", { token: forPeople.token, onBehalfOf: "alice@example.com" });
    expect(employee.status).toBe(403);
    const admin = await callApi("GET", "/api/v1/audit-events", { token: forPeople.token, onBehalfOf: "carol@example.com" });
    expect(admin.status).toBe(200);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once a token's minute and burst are spent, and other tokens go on", async () => {
    const busy = await createTestToken(world.database.prisma, { name: "Busy script", scopes: ["audit:read"] });
    const { apiRateLimits } = await import("@/lib/api/rate-limit");
    const { perMinute, burst } = apiRateLimits();
    expect([perMinute, burst]).toEqual([300, 60]);
    const allowed = perMinute + burst;
    let last = await callApi("GET", "/api/v1/audit-events?limit=1", { token: busy.token });
    expect(last.headers.get("ratelimit")).toMatch(/^limit=300, remaining=299, reset=\d+$/);
    for (let i = 1; i < allowed; i++) {
      last = await callApi("GET", "/api/v1/audit-events?limit=1&action=none", { token: busy.token });
      expect(last.status).toBe(200);
    }
    const refused = await callApi("GET", "/api/v1/audit-events?limit=1", { token: busy.token });
    expect(refused.status).toBe(429);
    expect(codeOf(refused)).toBe("RATE_LIMITED");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const other = await callApi("GET", "/api/v1/audit-events?limit=1", { token: org.token });
    expect(other.status).toBe(200);
  }, 120_000);
});
