import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { provenFromOidcClaims } = await import("./oidc");

const settings = {
  issuer: "https://login.example.com",
  clientId: "portal",
  clientSecret: "s",
  name: "Okta",
  scopes: "openid email profile",
  claims: {
    groups: "groups",
    userName: "preferred_username",
    department: "department",
    costCenter: undefined,
    managerEmail: "manager_email",
  },
  directoryIds: ["d-1234567890"],
};

describe("provenFromOidcClaims", () => {
  it("takes the user name without its domain, the groups, the department and the manager", () => {
    const proven = provenFromOidcClaims(
      {
        sub: "00u1",
        email: "Alice@Example.com",
        name: "Alice Nguyen",
        preferred_username: "alice@corp.example.com",
        groups: ["Portal Managers"],
        department: "Engineering",
        manager_email: "bob@example.com",
      },
      settings,
    );
    expect(proven).toEqual({
      method: "oidc",
      subject: "00u1",
      email: "alice@example.com",
      name: "Alice Nguyen",
      userName: "alice",
      directoryIds: ["d-1234567890"],
      groups: ["Portal Managers"],
      department: "Engineering",
      costCenter: undefined,
      manager: { email: "bob@example.com" },
    });
  });

  it("says the person has no manager when the configured claim is absent, and leaves what is not configured alone", () => {
    const proven = provenFromOidcClaims({ sub: "00u2", email: "erin@example.com" }, settings)!;
    expect(proven.manager).toBeNull();
    expect(proven.department).toBeNull();
    expect(proven.costCenter).toBeUndefined();
    expect(proven.groups).toEqual([]);
    expect(proven.userName).toBeNull();
  });

  it("refuses claims without a subject or an email address", () => {
    expect(provenFromOidcClaims({ email: "a@example.com" }, settings)).toBeNull();
    expect(provenFromOidcClaims({ sub: "x", preferred_username: "alice" }, settings)).toBeNull();
    expect(provenFromOidcClaims({ sub: "x", email: "carol@example.com", email_verified: false }, settings)).toBeNull();
  });
});
