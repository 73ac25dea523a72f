import "server-only";
import { db } from "../db";
import type { Role } from "../generated/prisma/enums";

export interface PortalIdentity {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * Demo sign-in's lookup: "someone picked <email>" to the seeded portal user and role. OIDC and Active
 * Directory sign-in go through provisionPerson (provisioning.ts) instead, which maps their groups to roles.
 */
export async function resolvePortalIdentity(claims: {
  email: string;
  provider: string;
  groups?: string[];
}): Promise<PortalIdentity | null> {
  const user = await db().user.findUnique({
    where: { email: claims.email.toLowerCase() },
    select: { id: true, email: true, name: true, role: true, serviceAccount: true },
  });
  // An API token's service account is no person, whatever its address.
  if (!user || user.serviceAccount) return null;
  const { serviceAccount: _serviceAccount, ...identity } = user;
  return identity;
}
