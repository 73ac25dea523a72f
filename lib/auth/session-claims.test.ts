import { describe, expect, it } from "vitest";
import { readSessionClaims, sessionIsCurrent, signInClaims } from "./session-claims";

describe("signInClaims", () => {
  it("records the version and the sign-in time in whole seconds, as JWT times are", () => {
    expect(signInClaims(4, new Date("2026-11-30T10:00:00.999Z"))).toEqual({
      sessionVersion: 4,
      signedInAt: Date.parse("2026-11-30T10:00:00Z") / 1000,
    });
  });

  it("reads back as the claims it wrote", () => {
    const now = new Date("2026-11-30T10:00:00Z");
    expect(readSessionClaims({ sub: "u-1", ...signInClaims(2, now) })).toEqual({ userId: "u-1", sessionVersion: 2, signedInAt: now });
  });
});

describe("readSessionClaims", () => {
  it("counts a token from before versions were recorded as version 0, with no sign-in time", () => {
    expect(readSessionClaims({ sub: "u-1", name: "Ann" })).toEqual({ userId: "u-1", sessionVersion: 0, signedInAt: null });
  });

  it.each([
    ["no token", null],
    ["no user", { sessionVersion: 0 }],
    ["an empty user", { sub: "" }],
    ["a numeric user", { sub: 42 }],
    ["a negative version", { sub: "u-1", sessionVersion: -1 }],
    ["a fractional version", { sub: "u-1", sessionVersion: 1.5 }],
    ["a version as text", { sub: "u-1", sessionVersion: "3" }],
    ["a sign-in time as text", { sub: "u-1", sessionVersion: 0, signedInAt: "2026-11-30" }],
    ["a negative sign-in time", { sub: "u-1", sessionVersion: 0, signedInAt: -5 }],
  ])("refuses %s", (_label, payload) => {
    expect(readSessionClaims(payload as Record<string, unknown> | null)).toBeNull();
  });
});

describe("sessionIsCurrent", () => {
  it.each([
    [0, 0, true],
    [3, 3, true],
    // The person signed out, changed role or was signed out everywhere since the token was issued.
    [0, 1, false],
    [2, 5, false],
    // Versions only rise; a token ahead of the database (say, after a restore) is not trusted either.
    [4, 3, false],
  ])("a token at version %i, the person at %i: %s", (token, current, open) => {
    expect(sessionIsCurrent({ sessionVersion: token }, { sessionVersion: current })).toBe(open);
  });
});
