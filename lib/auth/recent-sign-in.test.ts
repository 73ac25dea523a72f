import { describe, expect, it } from "vitest";
import { signInIsRecent } from "./recent-sign-in";

const now = new Date("2026-11-30T10:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("signInIsRecent", () => {
  it.each([
    ["just now", ago(0), true],
    ["9 minutes ago", ago(9 * 60_000), true],
    ["exactly 10 minutes ago", ago(10 * 60_000), true],
    ["10 minutes and a second ago", ago(10 * 60_000 + 1000), false],
    ["11 minutes ago", ago(11 * 60_000), false],
    ["at an unknown time", null, false],
    ["at a time nobody passed on", undefined, false],
  ])("a sign-in %s is recent: %s", (_label, signedInAt, recent) => {
    expect(signInIsRecent(signedInAt, now)).toBe(recent);
  });
});
