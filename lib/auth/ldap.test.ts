import { describe, expect, it } from "vitest";
import { bindFailure, escapeFilterValue, nestedGroupsFilter } from "./ldap";

const diagnostic = (code: string) => `80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data ${code}, v4563`;

describe("bindFailure", () => {
  it.each([
    ["52e", "wrong_credentials"],
    ["525", "wrong_credentials"],
    ["775", "locked"],
    ["533", "disabled"],
    ["701", "disabled"],
    ["532", "password_expired"],
    ["773", "password_expired"],
  ])("reads Active Directory's data code %s as %s", (code, reason) => {
    expect(bindFailure(diagnostic(code))).toBe(reason);
  });

  it("reads anything else, an unknown user included, as a wrong password", () => {
    expect(bindFailure("Invalid credentials")).toBe("wrong_credentials");
    expect(bindFailure(diagnostic("52E").toUpperCase())).toBe("wrong_credentials");
    expect(bindFailure(diagnostic("775").replace("775", "7750"))).toBe("wrong_credentials");
  });
});

describe("escapeFilterValue (RFC 4515)", () => {
  it("escapes the characters that would change a filter", () => {
    expect(escapeFilterValue("*)(cn=*")).toBe("\\2a\\29\\28cn=\\2a");
    expect(escapeFilterValue("a\\b\0")).toBe("a\\5cb\\00");
    expect(escapeFilterValue("O'Brien.jr-2")).toBe("O'Brien.jr-2");
  });

  it("puts the user's DN into the in-chain rule escaped", () => {
    expect(nestedGroupsFilter("CN=Doe\\, John (IT),OU=Staff,DC=corp")).toBe(
      "(&(objectClass=group)(member:1.2.840.113556.1.4.1941:=CN=Doe\\5c, John \\28IT\\29,OU=Staff,DC=corp))",
    );
  });
});
