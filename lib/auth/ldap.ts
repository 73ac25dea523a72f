import "server-only";
import { readFileSync } from "node:fs";
import { Client, InvalidCredentialsError } from "ldapts";
import type { PortalConfig } from "../config";
import type { ProvenIdentity } from "./provisioning";

type LdapSettings = NonNullable<PortalConfig["auth"]["ldap"]>;

/** Why an Active Directory sign-in failed, each with its own plain message on the sign-in page. */
export type LdapFailure = "wrong_credentials" | "locked" | "disabled" | "password_expired" | "unreachable" | "rate_limited";

export class LdapSignInError extends Error {
  constructor(
    readonly reason: LdapFailure,
    cause?: unknown,
  ) {
    super(`Active Directory sign-in failed: ${reason}`, { cause });
  }
}

/** RFC 4515: a value inside a search filter, so a user name such as "*)(cn=*" stays one literal value. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/**
 * Active Directory puts the reason for a failed bind in the diagnostic message as "data <code>"
 * (e.g. "80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4563").
 * 525 (no such user) and 52e (wrong password) read the same to the user, so neither tells whether
 * the account exists.
 */
export function bindFailure(diagnostic: string): LdapFailure {
  const code = /\bdata ([0-9a-f]{3,4})\b/i.exec(diagnostic)?.[1]?.toLowerCase();
  switch (code) {
    case "775":
      return "locked";
    case "533":
    case "701":
      return "disabled";
    case "532":
    case "773":
      return "password_expired";
    default:
      return "wrong_credentials";
  }
}

/** In-chain membership: every group the user is in, through any depth of nesting (AD's LDAP_MATCHING_RULE_IN_CHAIN). */
export function nestedGroupsFilter(userDn: string): string {
  return `(&(objectClass=group)(member:1.2.840.113556.1.4.1941:=${escapeFilterValue(userDn)}))`;
}

const USER_ATTRIBUTES = [
  "objectGUID",
  "sAMAccountName",
  "mail",
  "userPrincipalName",
  "displayName",
  "givenName",
  "sn",
  "department",
  "manager",
  "memberOf",
];

async function connect(settings: LdapSettings): Promise<Client> {
  const tlsOptions = { ca: settings.tlsCaFile ? readFileSync(settings.tlsCaFile) : undefined, minVersion: "TLSv1.2" as const };
  // TLS options on an ldap:// client make ldapts reset the StartTLS upgrade, so they go to startTLS only.
  const c = new Client({ url: settings.url, connectTimeout: 5_000, timeout: 10_000, ...(settings.startTls ? {} : { tlsOptions }) });
  // ldap:// is only ever used with StartTLS: passwords never cross the network in the clear.
  if (settings.startTls) await c.startTLS(tlsOptions);
  return c;
}

const first = (value: unknown): string | null => {
  const v = Array.isArray(value) ? value[0] : value;
  if (Buffer.isBuffer(v)) return v.toString("utf8");
  return typeof v === "string" && v.trim() ? v.trim() : null;
};
const all = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return (
    (typeof code === "string" &&
      /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|ERR_TLS|CERT_|DEPTH_ZERO|UNABLE_TO)/.test(code)) ||
    /timeout|connect|socket|closed/i.test(String((error as Error)?.message))
  );
}

/**
 * Searches for the person as the service account, binds as them with their password, then reads
 * their groups (nested ones included) and their manager. Throws LdapSignInError with the reason.
 */
export async function authenticateWithDirectory(
  settings: LdapSettings,
  userName: string,
  password: string,
  directoryIds: readonly string[] | undefined,
): Promise<ProvenIdentity> {
  // An empty password would be an anonymous ("unauthenticated") bind, which many servers accept.
  if (!userName.trim() || !password) throw new LdapSignInError("wrong_credentials");
  let service: Client | undefined;
  let asUser: Client | undefined;
  try {
    try {
      service = await connect(settings);
      await service.bind(settings.bindDn, settings.bindPassword);
    } catch (error) {
      throw new LdapSignInError("unreachable", error);
    }
    const filter = settings.userFilter.replaceAll("{username}", escapeFilterValue(userName.trim()));
    const { searchEntries } = await service.search(settings.baseDn, {
      scope: "sub",
      filter,
      attributes: USER_ATTRIBUTES,
      sizeLimit: 2,
      explicitBufferAttributes: ["objectGUID"],
    });
    if (searchEntries.length !== 1) throw new LdapSignInError("wrong_credentials");
    const entry = searchEntries[0]!;

    try {
      asUser = await connect(settings);
      await asUser.bind(entry.dn, password);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) throw new LdapSignInError(bindFailure(error.message), error);
      throw new LdapSignInError("unreachable", error);
    }

    const groups = await service.search(settings.baseDn, { scope: "sub", filter: nestedGroupsFilter(entry.dn), attributes: ["cn"] });
    const managerDn = first(entry.manager);
    const manager = managerDn ? await managerOf(service, managerDn) : null;
    const email = first(entry.mail) ?? first(entry.userPrincipalName);
    if (!email) throw new LdapSignInError("wrong_credentials");
    const guid = entry.objectGUID;
    return {
      method: "ldap",
      subject: Buffer.isBuffer(guid)
        ? guid.toString("hex")
        : Array.isArray(guid) && Buffer.isBuffer(guid[0])
          ? guid[0].toString("hex")
          : entry.dn.toLowerCase(),
      email: email.toLowerCase(),
      name: first(entry.displayName) ?? ([first(entry.givenName), first(entry.sn)].filter(Boolean).join(" ") || email),
      userName: first(entry.sAMAccountName) ?? userName.trim(),
      directoryIds,
      groups: [...new Set([...all(entry.memberOf), ...groups.searchEntries.map((g) => g.dn)])],
      department: first(entry.department),
      manager,
    };
  } catch (error) {
    if (error instanceof LdapSignInError) throw error;
    if (isConnectionError(error)) throw new LdapSignInError("unreachable", error);
    throw error;
  } finally {
    await Promise.allSettled([service?.unbind(), asUser?.unbind()]);
  }
}

/** The `manager` attribute is a DN; the portal knows people by email. */
async function managerOf(service: Client, dn: string): Promise<{ email: string; name: string | null } | null | undefined> {
  try {
    const { searchEntries } = await service.search(dn, {
      scope: "base",
      filter: "(objectClass=*)",
      attributes: ["mail", "userPrincipalName", "displayName"],
    });
    const entry = searchEntries[0];
    const email = entry ? (first(entry.mail) ?? first(entry.userPrincipalName)) : null;
    return email ? { email: email.toLowerCase(), name: first(entry!.displayName) } : null;
  } catch {
    // A manager the service account may not read: left as it was, rather than no sign-in.
    return undefined;
  }
}
