import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// Settings for OIDC and Active Directory sign-in and for the groups that give portal roles. Each
// method is on when its required settings are present; a half-configured method stops start-up,
// naming the setting that is missing, rather than quietly leaving a button off the sign-in page.

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

// An issuer over plain HTTP would let anyone on the path forge sign-ins; only a provider on this
// machine (tests, a local Keycloak) may use it.
const issuerUrl = z.url({ protocol: /^https?$/, error: "expected an https:// URL" }).refine((value) => {
  const url = new URL(value);
  return url.protocol === "https:" || LOOPBACK.has(url.hostname);
}, "expected an https:// URL (http:// only for a provider on this machine)");

const ldapUrl = z.url({ protocol: /^ldaps?$/, error: "expected an ldaps:// URL, or ldap:// (then StartTLS is used)" });

const list = z.string().transform((s) =>
  s
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);

const directoryIds = list.pipe(
  z.array(z.string().regex(/^d-[0-9a-f]{8,63}$/, "expected WorkSpaces directory ids such as d-1234567890, comma-separated")),
);

const claimName = z.string().regex(/^[A-Za-z0-9_:.\-/]+$/, "expected a claim name");

const userFilter = z
  .string()
  .refine((s) => s.includes("{username}"), "must contain {username}, where the escaped user name goes")
  .refine((s) => s.startsWith("(") && s.endsWith(")"), "expected an LDAP filter in parentheses, such as (sAMAccountName={username})");

export const ssoEnvShape = {
  AUTH_OIDC_ISSUER: issuerUrl.optional(),
  AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_NAME: z.string().min(1).max(60).default("single sign-on"),
  AUTH_OIDC_SCOPES: z
    .string()
    .regex(/(^|\s)openid(\s|$)/, "must include openid")
    .default("openid email profile"),
  AUTH_OIDC_GROUPS_CLAIM: claimName.default("groups"),
  AUTH_OIDC_USERNAME_CLAIM: claimName.default("preferred_username"),
  AUTH_OIDC_DEPARTMENT_CLAIM: claimName.optional(),
  AUTH_OIDC_COST_CENTER_CLAIM: claimName.optional(),
  AUTH_OIDC_MANAGER_EMAIL_CLAIM: claimName.optional(),
  AUTH_OIDC_DIRECTORY_IDS: directoryIds.optional(),
  AUTH_LDAP_URL: ldapUrl.optional(),
  AUTH_LDAP_BIND_DN: z.string().min(1).optional(),
  AUTH_LDAP_BIND_PASSWORD: z.string().min(1).optional(),
  AUTH_LDAP_BASE_DN: z
    .string()
    .regex(/^[A-Za-z]+=.+/, "expected a distinguished name such as DC=corp,DC=example,DC=com")
    .optional(),
  AUTH_LDAP_USER_FILTER: userFilter.default("(sAMAccountName={username})"),
  AUTH_LDAP_NAME: z.string().min(1).max(60).default("Active Directory"),
  AUTH_LDAP_TLS_CA_FILE: z
    .string()
    .min(1)
    .refine((file) => existsSync(file), "no such file")
    .optional(),
  AUTH_LDAP_DIRECTORY_IDS: directoryIds.optional(),
  PORTAL_ADMIN_GROUPS: list.default([]),
  PORTAL_MANAGER_GROUPS: list.default([]),
  PORTAL_CONTRACTOR_GROUPS: list.default([]),
};

type SsoEnv = z.infer<ReturnType<typeof z.object<typeof ssoEnvShape>>>;

export type MissingSetting = { variable: string; detail: string };

function requireAll<K extends keyof SsoEnv>(e: SsoEnv, names: readonly K[], method: string): MissingSetting | null {
  const present = names.filter((name) => e[name] !== undefined);
  if (present.length === 0 || present.length === names.length) return null;
  const missing = names.find((name) => e[name] === undefined)!;
  return {
    variable: missing,
    detail: `is required for ${method} sign-in, because ${present.join(" and ")} ${present.length === 1 ? "is" : "are"} set`,
  };
}

/** "DC=corp,DC=example,DC=com" → "corp.example.com", the DNS name of the WorkSpaces directory it serves. */
export function dnsNameOfBaseDn(baseDn: string): string | null {
  const parts = baseDn
    .split(",")
    .map((p) => p.trim())
    .filter((p) => /^dc=/i.test(p))
    .map((p) => p.slice(3));
  return parts.length > 0 ? parts.join(".").toLowerCase() : null;
}

export function ssoConfig(e: SsoEnv): { ok: true; value: ReturnType<typeof build> } | { ok: false; error: MissingSetting } {
  const error =
    requireAll(e, ["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"], "OIDC") ??
    requireAll(e, ["AUTH_LDAP_URL", "AUTH_LDAP_BIND_DN", "AUTH_LDAP_BIND_PASSWORD", "AUTH_LDAP_BASE_DN"], "Active Directory");
  if (error) return { ok: false, error };
  return { ok: true, value: build(e) };
}

function build(e: SsoEnv) {
  const oidc =
    e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_CLIENT_ID && e.AUTH_OIDC_CLIENT_SECRET
      ? {
          issuer: e.AUTH_OIDC_ISSUER.replace(/\/$/, ""),
          clientId: e.AUTH_OIDC_CLIENT_ID,
          clientSecret: e.AUTH_OIDC_CLIENT_SECRET,
          name: e.AUTH_OIDC_NAME,
          scopes: e.AUTH_OIDC_SCOPES,
          claims: {
            groups: e.AUTH_OIDC_GROUPS_CLAIM,
            userName: e.AUTH_OIDC_USERNAME_CLAIM,
            department: e.AUTH_OIDC_DEPARTMENT_CLAIM,
            costCenter: e.AUTH_OIDC_COST_CENTER_CLAIM,
            managerEmail: e.AUTH_OIDC_MANAGER_EMAIL_CLAIM,
          },
          // Unset: the user name applies in no directory, so nobody is given WorkSpaces by an OIDC name alone.
          directoryIds: e.AUTH_OIDC_DIRECTORY_IDS ?? [],
        }
      : null;
  const ldap =
    e.AUTH_LDAP_URL && e.AUTH_LDAP_BIND_DN && e.AUTH_LDAP_BIND_PASSWORD && e.AUTH_LDAP_BASE_DN
      ? {
          url: e.AUTH_LDAP_URL,
          startTls: e.AUTH_LDAP_URL.startsWith("ldap:"),
          bindDn: e.AUTH_LDAP_BIND_DN,
          bindPassword: e.AUTH_LDAP_BIND_PASSWORD,
          baseDn: e.AUTH_LDAP_BASE_DN,
          userFilter: e.AUTH_LDAP_USER_FILTER,
          name: e.AUTH_LDAP_NAME,
          tlsCaFile: e.AUTH_LDAP_TLS_CA_FILE ? path.resolve(e.AUTH_LDAP_TLS_CA_FILE) : undefined,
          // Unset: the WorkSpaces directories whose DNS name is the base DN's (DC=corp,DC=example,DC=com → corp.example.com).
          directories: e.AUTH_LDAP_DIRECTORY_IDS
            ? ({ kind: "ids", ids: e.AUTH_LDAP_DIRECTORY_IDS } as const)
            : ({ kind: "dnsName", dnsName: dnsNameOfBaseDn(e.AUTH_LDAP_BASE_DN) } as const),
        }
      : null;
  return {
    oidc,
    ldap,
    groups: { admin: e.PORTAL_ADMIN_GROUPS, manager: e.PORTAL_MANAGER_GROUPS, contractor: e.PORTAL_CONTRACTOR_GROUPS },
  };
}

export type SsoConfig = ReturnType<typeof build>;
