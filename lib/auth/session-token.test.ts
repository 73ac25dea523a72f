import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionClaimsFromCookieHeader } from "./session-token";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const token = (sub: string, salt = SESSION_COOKIE, maxAge = 3600, withSecret = secret) =>
  encode({ token: { sub, name: "Ann" }, secret: withSecret, salt, maxAge });
const userIdFromCookieHeader = async (cookie: string, withSecret: string) =>
  (await sessionClaimsFromCookieHeader(cookie, withSecret))?.userId ?? null;

describe("sessionClaimsFromCookieHeader", () => {
  it("reads the user id from Auth.js's session cookie, over HTTP and over HTTPS", async () => {
    expect(await userIdFromCookieHeader(`theme=dark; ${SESSION_COOKIE}=${await token("u-1")}`, secret)).toBe("u-1");
    expect(await userIdFromCookieHeader(`${SECURE_SESSION_COOKIE}=${await token("u-2", SECURE_SESSION_COOKIE)}`, secret)).toBe("u-2");
  });

  it("puts a token split over several cookies back together", async () => {
    const value = await token("u-3");
    const half = Math.ceil(value.length / 2);
    expect(
      await userIdFromCookieHeader(`${SESSION_COOKIE}.0=${value.slice(0, half)}; ${SESSION_COOKIE}.1=${value.slice(half)}`, secret),
    ).toBe("u-3");
  });

  it("refuses a missing, tampered, expired or foreign token", async () => {
    expect(await userIdFromCookieHeader("", secret)).toBeNull();
    expect(await userIdFromCookieHeader("theme=dark", secret)).toBeNull();
    const value = await token("u-4");
    const tampered = value.slice(0, -4) + (value.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await userIdFromCookieHeader(`${SESSION_COOKIE}=${tampered}`, secret)).toBeNull();
    expect(await userIdFromCookieHeader(`${SESSION_COOKIE}=${await token("u-5", SESSION_COOKIE, -60)}`, secret)).toBeNull();
    expect(
      await userIdFromCookieHeader(
        `${SESSION_COOKIE}=${await token("u-6", SESSION_COOKIE, 3600, "another-deployments-secret-0123456789abc")}`,
        secret,
      ),
    ).toBeNull();
    // A token made for the plain cookie does not pass as the secure one: the cookie name is its salt.
    expect(await userIdFromCookieHeader(`${SECURE_SESSION_COOKIE}=${value}`, secret)).toBeNull();
  });

  it("gives the same answer for a remembered token, and does not remember it for another secret", async () => {
    const cookie = `${SESSION_COOKIE}=${await token("u-7")}`;
    expect(await userIdFromCookieHeader(cookie, secret)).toBe("u-7");
    expect(await userIdFromCookieHeader(cookie, secret)).toBe("u-7");
    expect(await userIdFromCookieHeader(cookie, "another-deployments-secret-0123456789abc")).toBeNull();
  });

  it("reads the session version and sign-in time the token was issued with", async () => {
    const signedInAt = 1_790_000_000;
    const value = await encode({ token: { sub: "u-8", sessionVersion: 3, signedInAt }, secret, salt: SESSION_COOKIE, maxAge: 3600 });
    expect(await sessionClaimsFromCookieHeader(`${SESSION_COOKIE}=${value}`, secret)).toEqual({
      userId: "u-8",
      sessionVersion: 3,
      signedInAt: new Date(signedInAt * 1000),
    });
  });
});
