import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { createTestApiToken } from "@/test/api-token";
import { ServiceError } from "@/lib/core/errors";
import { submitRequest } from "../requests/submit";
import type { AuthenticatedToken } from "./auth";
import { resolveApiCaller } from "./caller";
import { apiDecide } from "./decisions";

describe("deciding requests through the REST API for a named approver", () => {
  let world: TestWorld;
  let token: AuthenticatedToken;
  let aliceWs: string;
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    const { code, reasons, message } = error as ServiceError;
    return { code, reason: reasons[0]?.code, message };
  };
  const submitForBob = async (justification: string) => {
    // Each test starts on a WorkSpace with no open request (the executor does not run here).
    await world.database.prisma.request.updateMany({
      where: { workspaceId: aliceWs, status: { in: ["PENDING_APPROVAL", "APPROVED"] } },
      data: { status: "CANCELLED" },
    });
    const result = await submitRequest(world.people.alice, {
      change: { type: "computeType", workspaceId: aliceWs, computeType: "POWER" },
      justification,
    });
    if (!result.ok || result.status !== "PENDING_APPROVAL") throw new Error(`expected a pending request: ${JSON.stringify(result)}`);
    return result.requestId;
  };

  beforeAll(async () => {
    world = await createTestWorld();
    ({ token } = await createTestApiToken(world.database.prisma, { name: "ServiceNow" }));
    const ws = await world.database.prisma.workspace.findFirstOrThrow({
      where: { ownerId: world.people.alice.id, region: "us-east-1", directoryId: { not: "" } },
    });
    aliceWs = ws.id;
  });
  afterAll(() => world.close());

  it("only someone eligible now decides, by the portal's own check and with its reasons", async () => {
    const requestId = await submitForBob("Builds are slow");
    const approve = { decision: "APPROVED" as const };

    // The token's own service account never approves.
    expect(await refusal(apiDecide(await resolveApiCaller(token, null), requestId, approve))).toMatchObject({
      code: "forbidden",
      reason: "APPROVER_REQUIRED",
    });
    // The requester, another manager and an admin out of turn get the domain's refusal.
    expect(await refusal(apiDecide(await resolveApiCaller(token, "alice@example.com"), requestId, approve))).toEqual({
      code: "forbidden",
      reason: "OWN_REQUEST",
      message: "Nobody can approve or reject their own request.",
    });
    expect(await refusal(apiDecide(await resolveApiCaller(token, "frank@example.com"), requestId, approve))).toMatchObject({
      code: "forbidden",
      reason: "WAITING_FOR_MANAGER",
    });
    expect(await refusal(apiDecide(await resolveApiCaller(token, "carol@example.com"), requestId, approve))).toMatchObject({
      code: "forbidden",
      reason: "WAITING_FOR_MANAGER",
    });

    // Eligible at the moment of the decision, not when the caller was resolved: Bob loses his role in between.
    const bob = await resolveApiCaller(token, "bob@example.com");
    await world.database.prisma.user.update({ where: { id: bob.actor.id }, data: { role: "EMPLOYEE" } });
    const demoted = await refusal(apiDecide(bob, requestId, approve));
    expect(demoted.code).toBe("forbidden");
    await world.database.prisma.user.update({ where: { id: bob.actor.id }, data: { role: "MANAGER" } });

    expect(await world.database.prisma.decision.count({ where: { requestId } })).toBe(0);
    expect((await world.database.prisma.request.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("PENDING_APPROVAL");
  });

  it("an eligible approver's decision is recorded with channel API and the token, and audited with its name", async () => {
    const requestId = await submitForBob("Builds are still slow");
    const bob = await resolveApiCaller(token, "BOB@example.com");
    const request = await apiDecide(bob, requestId, { decision: "APPROVED", comment: "Approved in ServiceNow (CHG0031)" });
    expect(request).toMatchObject({ id: requestId, status: "APPROVED" });
    expect(request.decidedAt).not.toBeNull();

    const decision = await world.database.prisma.decision.findFirstOrThrow({ where: { requestId } });
    expect(decision).toMatchObject({
      approverId: world.people.bob.id,
      decision: "APPROVED",
      channel: "API",
      apiTokenId: token.id,
      comment: "Approved in ServiceNow (CHG0031)",
    });
    const audit = await world.database.prisma.auditEvent.findFirstOrThrow({ where: { requestId, action: "request.approved" } });
    expect(audit.actorId).toBe(world.people.bob.id);
    expect(audit.actorLabel).toBe(`${world.people.bob.name} (via API token "ServiceNow")`);
    expect(audit.detail).toMatchObject({ channel: "API" });

    // Decided once: a second decision is a conflict, not a second row.
    expect(await refusal(apiDecide(bob, requestId, { decision: "APPROVED" }))).toMatchObject({ code: "conflict" });
    expect(await world.database.prisma.decision.count({ where: { requestId } })).toBe(1);
  });

  it("a rejection needs a reason, and is recorded like an approval", async () => {
    const requestId = await submitForBob("And again");
    const bob = await resolveApiCaller(token, "bob@example.com");
    expect(await refusal(apiDecide(bob, requestId, { decision: "REJECTED" }))).toMatchObject({ code: "invalid" });
    const request = await apiDecide(bob, requestId, { decision: "REJECTED", comment: "Use the build farm" });
    expect(request.status).toBe("REJECTED");
    expect(await world.database.prisma.decision.findFirstOrThrow({ where: { requestId } })).toMatchObject({
      decision: "REJECTED",
      channel: "API",
      apiTokenId: token.id,
    });
  });
});
