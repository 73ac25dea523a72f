import { describe, expect, it } from "vitest";
import { hasRole, navigationFor, roleLabel } from "./roles";

describe("navigationFor", () => {
  it.each([
    ["EMPLOYEE", ["My WorkSpaces", "My requests"]],
    ["MANAGER", ["My WorkSpaces", "My requests", "Approvals", "Reports"]],
    ["ADMIN", ["My WorkSpaces", "My requests", "Approvals", "Reports", "Admin"]],
  ] as const)("%s sees %j", (role, labels) => {
    expect(navigationFor(role).map((i) => i.label)).toEqual(labels);
  });
});

describe("hasRole", () => {
  it.each([
    ["EMPLOYEE", "MANAGER", false],
    ["EMPLOYEE", "ADMIN", false],
    ["MANAGER", "ADMIN", false],
    ["MANAGER", "EMPLOYEE", true],
    ["ADMIN", "MANAGER", true],
  ] as const)("%s has %s: %s", (actual, required, expected) => {
    expect(hasRole(actual, required)).toBe(expected);
  });
});

describe("roleLabel", () => {
  it("names contractors by persona and everyone else by role", () => {
    expect(roleLabel("EMPLOYEE", "CONTRACTOR")).toBe("contractor");
    expect(roleLabel("EMPLOYEE", "EMPLOYEE")).toBe("employee");
    expect(roleLabel("MANAGER", "EMPLOYEE")).toBe("manager");
    expect(roleLabel("ADMIN", "CONTRACTOR")).toBe("admin");
  });
});
