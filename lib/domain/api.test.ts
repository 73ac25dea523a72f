import { describe, expect, it } from "vitest";
import { apiAccess, webhookRetryAt, WEBHOOK_RETRY_WINDOW_MS } from "./api";

const now = new Date("2026-11-30T12:00:00Z");
const token = { scopes: ["requests:read"], expiresAt: new Date("2027-01-01T00:00:00Z"), revokedAt: null, mayActForPeople: false };

describe("apiAccess", () => {
  it.each([
    ["a live token with the scope", token, "requests:read", false, { ok: true }],
    ["a token without the scope", token, "requests:write", false, { ok: false, status: 403, code: "SCOPE_MISSING" }],
    ["a revoked token", { ...token, revokedAt: now }, "requests:read", false, { ok: false, status: 401, code: "TOKEN_REVOKED" }],
    ["an expired token", { ...token, expiresAt: now }, "requests:read", false, { ok: false, status: 401, code: "TOKEN_EXPIRED" }],
    ["acting for a person without the right", token, "requests:read", true, { ok: false, status: 403, code: "ON_BEHALF_NOT_ALLOWED" }],
    ["acting for a person with the right", { ...token, mayActForPeople: true }, "requests:read", true, { ok: true }],
  ] as const)("%s", (_, facts, scope, onBehalf, expected) => {
    expect(apiAccess(facts, scope, now, onBehalf)).toMatchObject(expected);
  });
});

describe("webhookRetryAt", () => {
  it("doubles from 30 seconds up to an hour", () => {
    const gaps = [1, 2, 3, 4, 10, 20].map((n) => (webhookRetryAt(now, n, now)!.getTime() - now.getTime()) / 1000);
    expect(gaps).toEqual([30, 60, 120, 240, 3600, 3600]);
  });
  it("gives up once the next try would fall after 24 hours from the event", () => {
    const late = new Date(now.getTime() + WEBHOOK_RETRY_WINDOW_MS - 60_000);
    expect(webhookRetryAt(now, 10, late)).toBeNull();
    expect(webhookRetryAt(now, 1, late)).not.toBeNull();
  });
});
