import { describe, expect, it } from "vitest";
import { reportScopeFor } from "./reports";

describe("reportScopeFor", () => {
  it.each([
    ["ADMIN", { kind: "fleet" }],
    ["MANAGER", { kind: "team", managerId: "u1" }],
    ["EMPLOYEE", null],
  ] as const)("%s", (role, expected) => {
    expect(reportScopeFor({ id: "u1", role })).toEqual(expected);
  });
});
