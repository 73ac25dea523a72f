import "server-only";
import type { OIDCConfig } from "next-auth/providers";
import type { PortalConfig } from "../config";
import type { ProvenIdentity } from "./provisioning";

type OidcSettings = NonNullable<PortalConfig["auth"]["oidc"]>;
type Claims = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value.trim() : null);

/**
 * Any standards-compliant provider through its discovery document. Auth.js runs the authorization
 * code flow with PKCE, state and nonce and validates the ID token (signature, issuer, audience,
 * expiry, nonce) before the portal sees a claim.
 */
export function oidcProvider(oidc: OidcSettings): OIDCConfig<Claims> {
  return {
    id: "oidc",
    name: oidc.name,
    type: "oidc",
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: oidc.scopes } },
    profile(claims) {
      return { id: String(claims.sub), email: emailOf(claims), name: text(claims.name) ?? emailOf(claims) };
    },
  };
}

function emailOf(claims: Claims): string | null {
  // Entra ID sends the UPN in preferred_username and email only when the mailbox attribute is set.
  const email = text(claims.email) ?? text(claims.preferred_username) ?? text(claims.upn);
  return email && email.includes("@") ? email.toLowerCase() : null;
}

function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string");
  // Some providers send a single group as a string.
  return typeof value === "string" ? [value] : [];
}

/** The person as the ID token describes them, in the portal's terms. */
export function provenFromOidcClaims(claims: Claims, oidc: OidcSettings): ProvenIdentity | null {
  const subject = text(claims.sub);
  const email = emailOf(claims);
  // The email finds a person the portal already knows; one the provider says it has not verified must not.
  if (!subject || !email || claims.email_verified === false) return null;
  const rawUserName = text(claims[oidc.claims.userName]);
  const optional = (claim: string | undefined) => (claim ? text(claims[claim]) : undefined);
  const managerEmail = oidc.claims.managerEmail ? text(claims[oidc.claims.managerEmail]) : undefined;
  return {
    method: "oidc",
    subject,
    email,
    name: text(claims.name) ?? ([text(claims.given_name), text(claims.family_name)].filter(Boolean).join(" ") || email),
    // alice@corp.example.com → alice, the name the WorkSpaces directory knows.
    userName: rawUserName ? rawUserName.split("@")[0]! : null,
    directoryIds: oidc.directoryIds,
    groups: groupsOf(claims[oidc.claims.groups]),
    department: optional(oidc.claims.department),
    costCenter: optional(oidc.claims.costCenter),
    manager: managerEmail === undefined ? undefined : managerEmail ? { email: managerEmail } : null,
  };
}
