import { describe, expect, it } from "vitest";
import { apiTokenStatus, API_TOKEN_EXPIRES_SOON_DAYS } from "./api";

const now = new Date("2026-11-30T12:00:00Z");
const inDays = (days: number) => new Date(now.getTime() + days * 24 * 60 * 60 * 1000);

describe("apiTokenStatus", () => {
  it("is active with more than two weeks left", () => {
    expect(apiTokenStatus({ expiresAt: inDays(API_TOKEN_EXPIRES_SOON_DAYS + 1), revokedAt: null }, now)).toBe("ACTIVE");
  });
  it("expires soon with two weeks or less left", () => {
    expect(apiTokenStatus({ expiresAt: inDays(API_TOKEN_EXPIRES_SOON_DAYS), revokedAt: null }, now)).toBe("EXPIRES_SOON");
    expect(apiTokenStatus({ expiresAt: inDays(0.01), revokedAt: null }, now)).toBe("EXPIRES_SOON");
  });
  it("is expired from the moment of expiry, as the API refuses it", () => {
    expect(apiTokenStatus({ expiresAt: now, revokedAt: null }, now)).toBe("EXPIRED");
    expect(apiTokenStatus({ expiresAt: inDays(-3), revokedAt: null }, now)).toBe("EXPIRED");
  });
  it("is revoked whatever its expiry", () => {
    expect(apiTokenStatus({ expiresAt: inDays(30), revokedAt: inDays(-1) }, now)).toBe("REVOKED");
    expect(apiTokenStatus({ expiresAt: inDays(-30), revokedAt: inDays(-31) }, now)).toBe("REVOKED");
  });
});
