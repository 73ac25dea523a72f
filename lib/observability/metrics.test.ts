import { describe, expect, it } from "vitest";
import { bearerMatches } from "./metrics";

const TOKEN = "m".repeat(40);

describe("the metrics bearer check", () => {
  it("accepts exactly the configured token", () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
  });

  it("refuses a wrong, partial, longer or missing token", () => {
    expect(bearerMatches(`Bearer ${"x".repeat(40)}`, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN.slice(0, 39)}`, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN}m`, TOKEN)).toBe(false);
    expect(bearerMatches(TOKEN, TOKEN)).toBe(false);
    expect(bearerMatches(`Basic ${TOKEN}`, TOKEN)).toBe(false);
    expect(bearerMatches(null, TOKEN)).toBe(false);
    expect(bearerMatches("Bearer ", TOKEN)).toBe(false);
  });

  it("opens nothing while no token is configured", () => {
    expect(bearerMatches("Bearer ", undefined)).toBe(false);
    expect(bearerMatches("Bearer undefined", undefined)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN}`, "")).toBe(false);
  });
});
