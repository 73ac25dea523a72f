import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "../world";
import { callApi, codeOf } from "./client";
import { createTestToken, type TestToken } from "./tokens";

// The write side over HTTP: submitting (201 and Location, or 422 with the domain's refusal codes),
// Idempotency-Key (missing, replayed, reused with another body, two at once), cancelling, and decisions
// for an eligible and an ineligible approver. Every answer is checked against the OpenAPI document.

let world: TestWorld;
let itsm: TestToken;
let noPeople: TestToken;
let aliceWs: { id: string; computeType: string | null };

type Req = { id: string; status: string; requester: { email: string }; beneficiary: { email: string } };

beforeAll(async () => {
  world = await createTestWorld({ fleetSize: 4 });
  itsm = await createTestToken(world.database.prisma, { name: "ServiceNow", mayActForPeople: true });
  noPeople = await createTestToken(world.database.prisma, { name: "Plain script" });
  aliceWs = await world.database.prisma.workspace.findFirstOrThrow({
    where: { ownerId: world.people.alice.id, goneAt: null, region: "us-east-1" },
    select: { id: true, computeType: true },
  });
}, 120_000);
afterAll(() => world?.close());

let keys = 0;
const key = () => `writes-${Date.now()}-${++keys}`;
const biggerCompute = () => (aliceWs.computeType === "POWER" ? "POWERPRO" : "POWER");
const createBody = (computeType: string) => ({
  change: { type: "computeType", workspaceId: aliceWs.id, computeType },
  justification: "Builds need more memory.",
});

describe("POST /api/v1/requests", () => {
  let created: Req;

  it("submits for the person named, answering 201 with the request and its Location", async () => {
    const answer = await callApi("POST", "/api/v1/requests", {
      token: itsm.token,
      onBehalfOf: "alice@example.com",
      idempotencyKey: key(),
      body: createBody(biggerCompute()),
    });
    expect(answer.status).toBe(201);
    created = answer.body as Req;
    expect(created.requester.email).toBe("alice@example.com");
    expect(answer.headers.get("location")).toBe(`/api/v1/requests/${created.id}`);
    const stored = await world.database.prisma.request.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.status).toBe(created.status);
    const audit = await world.database.prisma.auditEvent.findFirstOrThrow({
      where: { requestId: created.id, action: "request.submitted" },
    });
    expect(audit.actorLabel).toContain('via API token "ServiceNow"');
  });

  it("answers 422 with the domain's refusal codes", async () => {
    const answer = await callApi("POST", "/api/v1/requests", {
      token: itsm.token,
      onBehalfOf: "alice@example.com",
      idempotencyKey: key(),
      body: createBody(aliceWs.computeType!),
    });
    expect(answer.status).toBe(422);
    const problem = answer.body as { code: string; errors: { code: string }[] };
    expect(problem.code).toBe(problem.errors[0]!.code);
    expect(problem.errors.map((e) => e.code)).toEqual(expect.arrayContaining([expect.stringMatching(/^(COMPUTE_SAME|OPEN_REQUEST)$/)]));
  });

  it("names the field at fault in a body that does not validate, and refuses non-JSON and oversized bodies", async () => {
    const invalid = await callApi("POST", "/api/v1/requests", {
      token: itsm.token,
      onBehalfOf: "alice@example.com",
      idempotencyKey: key(),
      body: { ...createBody("POWER"), justification: "x" },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ field: "/justification" }] });
    const broken = await callApi("POST", "/api/v1/requests", { token: itsm.token, idempotencyKey: key(), rawBody: "{not json" });
    expect([broken.status, codeOf(broken)]).toEqual([400, "VALIDATION_FAILED"]);
    const form = await callApi("POST", "/api/v1/requests", {
      token: itsm.token,
      idempotencyKey: key(),
      rawBody: "a=b",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect([form.status, codeOf(form)]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
    const huge = await callApi("POST", "/api/v1/requests", {
      token: itsm.token,
      idempotencyKey: key(),
      body: { ...createBody("POWER"), justification: "x".repeat(70_000) },
    });
    expect([huge.status, codeOf(huge)]).toEqual([413, "BODY_TOO_LARGE"]);
  });

  it("needs an Idempotency-Key, replays the first answer for the same key and body, and refuses the key with another body", async () => {
    const missing = await callApi("POST", "/api/v1/requests", {
      token: itsm.token,
      onBehalfOf: "alice@example.com",
      body: createBody("POWER"),
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: "IDEMPOTENCY_KEY_MISSING", errors: [{ field: "Idempotency-Key" }] });

    const k = key();
    const body = createBody(aliceWs.computeType!);
    const first = await callApi("POST", "/api/v1/requests", {
      token: itsm.token,
      onBehalfOf: "alice@example.com",
      idempotencyKey: k,
      body,
    });
    const replay = await callApi("POST", "/api/v1/requests", {
      token: itsm.token,
      onBehalfOf: "alice@example.com",
      idempotencyKey: k,
      body,
    });
    expect(replay.status).toBe(first.status);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    const reused = await callApi("POST", "/api/v1/requests", {
      token: itsm.token,
      onBehalfOf: "alice@example.com",
      idempotencyKey: k,
      body: { ...body, justification: "Another reason entirely." },
    });
    expect([reused.status, codeOf(reused)]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
  });

  it("creates one request for two concurrent calls with one key", async () => {
    const ws = await world.database.prisma.workspace.findFirstOrThrow({
      where: { goneAt: null, state: "AVAILABLE", ownerId: { not: world.people.alice.id } },
      include: { owner: true },
    });
    const owner = ws.owner!;
    const before = await world.database.prisma.request.count({ where: { requesterId: owner.id } });
    const k = key();
    const body = { change: { type: "reboot", workspaceId: ws.id }, justification: "It hangs at the login screen." };
    const [a, b] = await Promise.all(
      [0, 1].map(() => callApi("POST", "/api/v1/requests", { token: itsm.token, onBehalfOf: owner.email, idempotencyKey: k, body })),
    );
    expect(a!.status, JSON.stringify(a!.body)).toBe(201);
    expect(b!.status).toBe(201);
    expect((a!.body as Req).id).toBe((b!.body as Req).id);
    expect(await world.database.prisma.request.count({ where: { requesterId: owner.id } })).toBe(before + 1);
  });

  it("lets only the requester cancel", async () => {
    const notHers = await callApi("POST", `/api/v1/requests/${created.id}/cancel`, {
      token: itsm.token,
      onBehalfOf: "erin@example.com",
      idempotencyKey: key(),
    });
    expect([notHers.status, codeOf(notHers)]).toEqual([404, "NOT_FOUND"]);
    const open = (await world.database.prisma.request.findUniqueOrThrow({ where: { id: created.id } })).status;
    const hers = await callApi("POST", `/api/v1/requests/${created.id}/cancel`, {
      token: itsm.token,
      onBehalfOf: "alice@example.com",
      idempotencyKey: key(),
    });
    expect(open).toBe("PENDING_APPROVAL");
    expect(hers.status).toBe(200);
    expect((hers.body as Req).status).toBe("CANCELLED");
  });
});

describe("POST /api/v1/requests/{id}/decisions", () => {
  let pending: Req;
  beforeAll(async () => {
    // A bigger compute type for alice waits for her manager, bob.
    await world.database.prisma.request.updateMany({
      where: { workspaceId: aliceWs.id, status: "PENDING_APPROVAL" },
      data: { status: "CANCELLED" },
    });
    const answer = await callApi("POST", "/api/v1/requests", {
      token: itsm.token,
      onBehalfOf: "alice@example.com",
      idempotencyKey: key(),
      body: createBody(biggerCompute()),
    });
    pending = answer.body as Req;
  });

  it("refuses a decision without a named approver, and an approver who may not decide", async () => {
    expect(pending.status).toBe("PENDING_APPROVAL");
    const service = await callApi("POST", `/api/v1/requests/${pending.id}/decisions`, {
      token: itsm.token,
      idempotencyKey: key(),
      body: { decision: "APPROVED" },
    });
    expect([service.status, codeOf(service)]).toEqual([403, "APPROVER_REQUIRED"]);
    const plain = await callApi("POST", `/api/v1/requests/${pending.id}/decisions`, {
      token: noPeople.token,
      onBehalfOf: "bob@example.com",
      idempotencyKey: key(),
      body: { decision: "APPROVED" },
    });
    expect([plain.status, codeOf(plain)]).toEqual([403, "ON_BEHALF_NOT_ALLOWED"]);
    // Another manager is not asked; the requester may not approve her own request.
    for (const [who, expected] of [
      ["frank@example.com", [403, "WAITING_FOR_MANAGER"]],
      ["alice@example.com", [403, "OWN_REQUEST"]],
    ] as const) {
      const refused = await callApi("POST", `/api/v1/requests/${pending.id}/decisions`, {
        token: itsm.token,
        onBehalfOf: who,
        idempotencyKey: key(),
        body: { decision: "APPROVED" },
      });
      expect([refused.status, codeOf(refused)], who).toEqual(expected);
    }
    expect((await world.database.prisma.request.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("PENDING_APPROVAL");
  });

  it("records an eligible approver's decision with channel API and the token", async () => {
    const answer = await callApi("POST", `/api/v1/requests/${pending.id}/decisions`, {
      token: itsm.token,
      onBehalfOf: "bob@example.com",
      idempotencyKey: key(),
      body: { decision: "APPROVED", comment: "Approved in ServiceNow." },
    });
    expect(answer.status).toBe(200);
    expect((answer.body as Req).status).not.toBe("PENDING_APPROVAL");
    const decision = await world.database.prisma.decision.findFirstOrThrow({ where: { requestId: pending.id } });
    expect(decision).toMatchObject({ channel: "API", apiTokenId: itsm.id, approverId: world.people.bob.id });
    const timeline = await callApi("GET", `/api/v1/requests/${pending.id}`, { token: itsm.token });
    expect((timeline.body as { timeline: { action: string }[] }).timeline.map((e) => e.action)).toContain("request.approved");
  });
});
