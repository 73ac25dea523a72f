import { describe, expect, it } from "vitest";
import { matchingGroup, roleFromGroups } from "./group-roles";

const groups = { admin: ["Portal-Admins"], manager: ["Portal Managers"], contractor: ["Contractors"] };

describe("roleFromGroups", () => {
  it("gives ADMIN to an admin group member, whatever else they are", () => {
    expect(roleFromGroups(["portal-admins", "Portal Managers"], groups, true)).toEqual({
      role: "ADMIN",
      persona: "EMPLOYEE",
      group: "Portal-Admins",
    });
  });

  it("gives MANAGER to a manager group member, and to anyone who manages somebody", () => {
    expect(roleFromGroups(["Portal Managers"], groups, false)).toEqual({ role: "MANAGER", persona: "EMPLOYEE", group: "Portal Managers" });
    expect(roleFromGroups([], groups, true)).toEqual({ role: "MANAGER", persona: "EMPLOYEE", group: null });
  });

  it("gives EMPLOYEE to everyone else, and the contractor persona from its group", () => {
    expect(roleFromGroups(["Everyone"], groups, false)).toEqual({ role: "EMPLOYEE", persona: "EMPLOYEE", group: null });
    expect(roleFromGroups(["CN=Contractors,OU=Groups,DC=corp,DC=example,DC=com"], groups, false)).toEqual({
      role: "EMPLOYEE",
      persona: "CONTRACTOR",
      group: null,
    });
  });

  it("matches Active Directory group DNs by CN, escaped commas included, and never by a substring", () => {
    expect(matchingGroup(["CN=Portal Managers,OU=Groups,DC=corp,DC=example,DC=com"], groups.manager)).toBe("Portal Managers");
    expect(matchingGroup(["CN=Portal Managers\\, EU,OU=Groups,DC=corp"], ["Portal Managers, EU"])).toBe("Portal Managers, EU");
    expect(matchingGroup(["CN=Not Portal-Admins,DC=corp"], groups.admin)).toBeNull();
    expect(matchingGroup(["OU=Portal-Admins,DC=corp"], groups.admin)).toBeNull();
    expect(matchingGroup(["CN=Portal-Admins,OU=Groups,DC=corp"], ["cn=portal-admins,ou=groups,dc=corp"])).toBe(
      "cn=portal-admins,ou=groups,dc=corp",
    );
  });
});
