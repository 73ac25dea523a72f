import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { createTestApiToken } from "@/test/api-token";
import { ServiceError } from "@/lib/core/errors";
import { db } from "@/lib/db";
import type { ApiRequestCreate } from "@/lib/schemas/api-inputs";
import { assessChange } from "../requests/assess";
import type { AuthenticatedToken } from "./auth";
import { resolveApiCaller } from "./caller";
import { requestFingerprint, runIdempotent } from "./idempotency";
import { apiCancelRequest, apiSubmitRequest } from "./requests";

describe("submitting and cancelling requests through the REST API", () => {
  let world: TestWorld;
  let token: AuthenticatedToken;
  let aliceWs: string;
  const label = (name: string) => `${name} (via API token "ServiceNow")`;
  const serviceError = async (promise: Promise<unknown>) => {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
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

  let pendingId: string;

  it("a person's request gets the same assessment and status as in the portal, and the audit names the token", async () => {
    const caller = await resolveApiCaller(token, "alice@example.com");
    const input: ApiRequestCreate = {
      change: { type: "computeType", workspaceId: aliceWs, computeType: "POWER" },
      justification: "Builds are slow",
    };
    const preview = await assessChange(db(), world.people.alice, input);
    expect(preview.allowed).toBe(true);

    const result = await apiSubmitRequest(caller, input);
    if (!result.ok) throw new Error(JSON.stringify(result.reasons));
    expect(result.created).toBe(true);
    const { request } = result;
    pendingId = request.id;
    expect(request).toMatchObject({
      type: "computeType",
      status: preview.approval.autoApproved ? "APPROVED" : "PENDING_APPROVAL",
      workspaceId: aliceWs,
      requester: { id: world.people.alice.id, email: "alice@example.com" },
      beneficiary: { id: world.people.alice.id },
      approvalReason: preview.approval.why,
      monthlyCostDelta: preview.cost.ok ? { cents: preview.cost.delta.cents, currency: preview.cost.delta.currency } : null,
      justification: "Builds are slow",
    });
    expect(request.status).toBe("PENDING_APPROVAL");
    expect(request.approvalSteps).toEqual(preview.approval.steps);

    const audit = await world.database.prisma.auditEvent.findFirstOrThrow({
      where: { requestId: request.id, action: "request.submitted" },
    });
    expect(audit.actorId).toBe(world.people.alice.id);
    expect(audit.actorLabel).toBe(label(world.people.alice.name));
  });

  it("a rule's refusal comes back with the domain's codes, and nothing is created", async () => {
    const caller = await resolveApiCaller(token, "alice@example.com");
    const before = await world.database.prisma.request.count();
    const result = await apiSubmitRequest(caller, {
      change: { type: "rebuild", workspaceId: aliceWs },
      justification: "Start again",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["OPEN_REQUEST", "CONFIRMATION_REQUIRED"]));
    expect(result.reasons.every((r) => r.message.length > 0)).toBe(true);
    expect(await world.database.prisma.request.count()).toBe(before);
  });

  it("the service account itself is an employee with no WorkSpaces: a person's WorkSpace is not found", async () => {
    const caller = await resolveApiCaller(token, null);
    const error = await serviceError(
      apiSubmitRequest(caller, { change: { type: "stop", workspaceId: aliceWs }, justification: "Weekend" }),
    );
    expect(error.code).toBe("not_found");
  });

  it("an admin asks for someone by email: the request is theirs, made by the admin, with no approval", async () => {
    const dirs = await world.gateway.region("us-east-1").directories.describeDirectories();
    const contractors = dirs.find((d) => /contractors/.test(d.name))!;
    const bundles = await world.gateway.region("us-east-1").bundles.describeBundles({ owner: "AMAZON" });
    const value = bundles.find((b) => b.name.startsWith("Value with Windows") && b.name.includes("(WSP)"))!;
    const input: ApiRequestCreate = {
      change: {
        type: "create",
        ownerUserName: "ignored",
        directoryId: contractors.directoryId,
        bundleId: value.bundleId,
        runningMode: "AUTO_STOP",
        autoStopTimeoutMinutes: 60,
        rootVolumeEncrypted: false,
        userVolumeEncrypted: false,
        tags: [{ key: "CostCenter", value: "CC-1001" }],
      },
      justification: "New starter",
      beneficiaryEmail: "Dave@Example.com",
    };
    const carol = await resolveApiCaller(token, "carol@example.com");
    const result = await apiSubmitRequest(carol, input);
    if (!result.ok) throw new Error(JSON.stringify(result.reasons));
    expect(result.request).toMatchObject({
      status: "APPROVED",
      requester: { id: world.people.carol.id },
      beneficiary: { id: world.people.dave.id },
      change: { type: "create", ownerUserName: "dave" },
    });
    const audit = await world.database.prisma.auditEvent.findFirstOrThrow({
      where: { requestId: result.request.id, action: "request.submitted" },
    });
    expect(audit.actorLabel).toBe(label(world.people.carol.name));

    // Only admins ask for someone else, as in the portal; an unknown person is a refusal with its code.
    const alice = await resolveApiCaller(token, "alice@example.com");
    expect((await serviceError(apiSubmitRequest(alice, input))).code).toBe("forbidden");
    const unknown = await apiSubmitRequest(carol, { ...input, beneficiaryEmail: "nobody@example.com" });
    expect(unknown).toEqual({
      ok: false,
      reasons: [{ code: "PERSON_NOT_FOUND", message: "No person with the email nobody@example.com is known to the portal." }],
    });
  });

  it("only the requester cancels, and the audit names the token", async () => {
    const bob = await resolveApiCaller(token, "bob@example.com");
    expect((await serviceError(apiCancelRequest(bob, pendingId))).code).toBe("not_found");
    expect((await serviceError(apiCancelRequest(await resolveApiCaller(token, null), pendingId))).code).toBe("not_found");

    const alice = await resolveApiCaller(token, "alice@example.com");
    const cancelled = await apiCancelRequest(alice, pendingId);
    expect(cancelled).toMatchObject({ id: pendingId, status: "CANCELLED" });
    expect(cancelled.completedAt).not.toBeNull();
    const audit = await world.database.prisma.auditEvent.findFirstOrThrow({ where: { requestId: pendingId, action: "request.cancelled" } });
    expect(audit.actorLabel).toBe(label(world.people.alice.name));
    expect((await serviceError(apiCancelRequest(alice, pendingId))).code).toBe("conflict");
  });

  it("two concurrent calls with one Idempotency-Key create one request, and both get its answer", async () => {
    const caller = await resolveApiCaller(token, "alice@example.com");
    const input: ApiRequestCreate = { change: { type: "computeType", workspaceId: aliceWs, computeType: "POWER" }, justification: "Again" };
    const scope = {
      tokenId: token.id,
      key: "itsm-REQ0010042",
      fingerprint: requestFingerprint("POST", "/api/v1/requests", JSON.stringify(input)),
    };
    const call = () =>
      runIdempotent(scope, async () => {
        const result = await apiSubmitRequest(caller, input);
        return result.ok ? { status: 201, body: result.request } : { status: 422, body: result.reasons };
      });
    const before = await world.database.prisma.request.count({ where: { workspaceId: aliceWs } });
    const [a, b] = await Promise.all([call(), call()]);
    expect(await world.database.prisma.request.count({ where: { workspaceId: aliceWs } })).toBe(before + 1);
    expect(a.status).toBe(201);
    expect(b).toEqual({ ...a, replayed: !a.replayed });
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);

    // A later replay answers the same, and does not submit again.
    const again = await call();
    expect(again).toMatchObject({ status: 201, body: a.body, replayed: true });
    expect(await world.database.prisma.request.count({ where: { workspaceId: aliceWs } })).toBe(before + 1);
  });
});
