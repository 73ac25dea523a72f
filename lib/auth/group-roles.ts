import "server-only";
import type { Persona, Role } from "../generated/prisma/enums";

export interface PortalGroups {
  admin: readonly string[];
  manager: readonly string[];
  contractor: readonly string[];
}

export interface RoleDecision {
  role: Role;
  persona: Persona;
  /** The configured group that gave the role, or null (manages people, or in no portal group). */
  group: string | null;
}

/** "CN=Portal Admins,OU=Groups,DC=corp,…" → "portal admins"; a plain group name stays as it is. */
function commonName(group: string): string | null {
  const match = /^\s*cn=((?:\\.|[^,\\])+)/i.exec(group);
  return match ? match[1]!.replace(/\\(.)/g, "$1").toLowerCase() : null;
}

/**
 * Which configured group, if any, the person is in. A configured name matches a group exactly (an OIDC
 * group claim value, or a full DN) or an Active Directory group's CN, case-insensitively as AD compares.
 */
export function matchingGroup(memberOf: readonly string[], configured: readonly string[]): string | null {
  const names = new Set<string>();
  for (const group of memberOf) {
    names.add(group.trim().toLowerCase());
    const cn = commonName(group);
    if (cn) names.add(cn);
  }
  return configured.find((group) => names.has(group.trim().toLowerCase())) ?? null;
}

/** Admin group: ADMIN. Manager group, or anyone's manager: MANAGER. Everyone else: EMPLOYEE. */
export function roleFromGroups(memberOf: readonly string[], groups: PortalGroups, managesSomeone: boolean): RoleDecision {
  const persona: Persona = matchingGroup(memberOf, groups.contractor) ? "CONTRACTOR" : "EMPLOYEE";
  const admin = matchingGroup(memberOf, groups.admin);
  if (admin) return { role: "ADMIN", persona, group: admin };
  const manager = matchingGroup(memberOf, groups.manager);
  if (manager) return { role: "MANAGER", persona, group: manager };
  return { role: managesSomeone ? "MANAGER" : "EMPLOYEE", persona, group: null };
}
