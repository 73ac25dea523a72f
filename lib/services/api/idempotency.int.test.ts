import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { ServiceError } from "@/lib/core/errors";
import { IDEMPOTENCY_KEY_LIFETIME_MS, requestFingerprint, runIdempotent, type StoredResponse } from "./idempotency";

describe("Idempotency-Key for the REST API's POSTs", () => {
  let database: TestDatabase;
  const tokenId = "token-1";
  const body = JSON.stringify({ justification: "Frozen", change: { type: "reboot", workspaceId: "ws-1" } });
  const fingerprint = requestFingerprint("POST", "/api/v1/requests", body);
  let keyNumber = 0;
  const newKey = () => `key-${++keyNumber}`;
  const counting = (response: StoredResponse, delayMs = 0) => {
    const calls = { count: 0 };
    const run = async () => {
      calls.count++;
      await new Promise((r) => setTimeout(r, delayMs));
      return response;
    };
    return { calls, run };
  };
  const serviceError = async (promise: Promise<unknown>) => {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it("the fingerprint is the method, the path, the person acted for and the body", () => {
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint("post", "/api/v1/requests", body)).toBe(fingerprint);
    expect(requestFingerprint("POST", "/api/v1/requests/r1/cancel", body)).not.toBe(fingerprint);
    expect(requestFingerprint("POST", "/api/v1/requests", body + " ")).not.toBe(fingerprint);
    expect(requestFingerprint("POST", "/api/v1/requests", body, null)).toBe(fingerprint);
    const forBob = requestFingerprint("POST", "/api/v1/requests", body, "bob@example.com");
    expect(forBob).not.toBe(fingerprint);
    expect(requestFingerprint("POST", "/api/v1/requests", body, " Bob@Example.com")).toBe(forBob);
    expect(requestFingerprint("POST", "/api/v1/requests", body, "frank@example.com")).not.toBe(forBob);
  });

  it("a replay returns the first answer without running again", async () => {
    const key = newKey();
    const { calls, run } = counting({ status: 201, body: { id: "r1" }, headers: { Location: "/api/v1/requests/r1" } });
    const first = await runIdempotent({ tokenId, key, fingerprint }, run);
    expect(first).toEqual({ status: 201, body: { id: "r1" }, headers: { Location: "/api/v1/requests/r1" }, replayed: false });
    const again = await runIdempotent({ tokenId, key, fingerprint }, run);
    expect(again).toEqual({ ...first, replayed: true });
    expect(calls.count).toBe(1);
    const row = await database.prisma.apiIdempotencyKey.findUniqueOrThrow({ where: { tokenId_key: { tokenId, key } } });
    expect(row.status).toBe(201);
  });

  it("a refusal (4xx) is an answer too and is replayed", async () => {
    const key = newKey();
    const { calls, run } = counting({ status: 422, body: { code: "OPEN_REQUEST" } });
    await runIdempotent({ tokenId, key, fingerprint }, run);
    expect(await runIdempotent({ tokenId, key, fingerprint }, run)).toMatchObject({ status: 422, replayed: true });
    expect(calls.count).toBe(1);
  });

  it("the same key with another request is refused; another token's same key is its own", async () => {
    const key = newKey();
    await runIdempotent({ tokenId, key, fingerprint }, counting({ status: 201, body: {} }).run);
    const other = requestFingerprint("POST", "/api/v1/requests", body.replace("Frozen", "Slow"));
    const { calls, run } = counting({ status: 201, body: {} });
    const error = await serviceError(runIdempotent({ tokenId, key, fingerprint: other }, run));
    expect(error.code).toBe("invalid");
    expect(error.reasons[0]?.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(calls.count).toBe(0);
    expect(await runIdempotent({ tokenId: "token-2", key, fingerprint: other }, run)).toMatchObject({ replayed: false });
    expect(calls.count).toBe(1);
  });

  it("a server failure or a thrown error gives the key back, so a retry runs again", async () => {
    const key = newKey();
    const failing = counting({ status: 503, body: { title: "AWS is unavailable" } });
    expect(await runIdempotent({ tokenId, key, fingerprint }, failing.run)).toMatchObject({ status: 503, replayed: false });
    expect(await database.prisma.apiIdempotencyKey.count({ where: { tokenId, key } })).toBe(0);
    await expect(runIdempotent({ tokenId, key, fingerprint }, () => Promise.reject(new Error("database went away")))).rejects.toThrow(
      "database went away",
    );
    expect(await database.prisma.apiIdempotencyKey.count({ where: { tokenId, key } })).toBe(0);
    const ok = counting({ status: 201, body: { id: "r2" } });
    expect(await runIdempotent({ tokenId, key, fingerprint }, ok.run)).toMatchObject({ status: 201, replayed: false });
    expect(ok.calls.count).toBe(1);
  });

  it("two concurrent calls with one key run once; the second waits for the first's answer", async () => {
    const key = newKey();
    const { calls, run } = counting({ status: 201, body: { id: "r3" } }, 300);
    const [a, b] = await Promise.all([
      runIdempotent({ tokenId, key, fingerprint }, run),
      runIdempotent({ tokenId, key, fingerprint }, run),
    ]);
    expect(calls.count).toBe(1);
    expect(a.body).toEqual({ id: "r3" });
    expect(b.body).toEqual({ id: "r3" });
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
  });

  it("a replay that waits too long for the first call is told it is in progress", async () => {
    const key = newKey();
    let finish: () => void = () => {};
    const slow = runIdempotent({ tokenId, key, fingerprint }, async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      return { status: 201, body: { id: "r4" } };
    });
    await new Promise((r) => setTimeout(r, 100));
    const { calls, run } = counting({ status: 201, body: {} });
    const error = await serviceError(runIdempotent({ tokenId, key, fingerprint }, run, { waitMs: 200 }));
    expect(error.code).toBe("conflict");
    expect(error.reasons[0]?.code).toBe("IDEMPOTENCY_IN_PROGRESS");
    expect(calls.count).toBe(0);
    finish();
    expect(await slow).toMatchObject({ status: 201, replayed: false });
    expect(await runIdempotent({ tokenId, key, fingerprint }, run)).toMatchObject({ body: { id: "r4" }, replayed: true });
  });

  it("keys are forgotten after a day", async () => {
    const key = newKey();
    const dayAgo = new Date(Date.now() - IDEMPOTENCY_KEY_LIFETIME_MS - 1000);
    await runIdempotent({ tokenId, key, fingerprint }, counting({ status: 201, body: { id: "old" } }).run, { now: () => dayAgo });
    await runIdempotent({ tokenId, key: newKey(), fingerprint }, counting({ status: 201, body: {} }).run);
    expect(await database.prisma.apiIdempotencyKey.count({ where: { tokenId, key } })).toBe(0);
    const { calls, run } = counting({ status: 201, body: { id: "new" } });
    expect(await runIdempotent({ tokenId, key, fingerprint }, run)).toMatchObject({ body: { id: "new" }, replayed: false });
    expect(calls.count).toBe(1);
  });
});
