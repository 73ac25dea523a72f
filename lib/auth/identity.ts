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
 * The one place that turns "someone proved they are <email>" into a portal user and role. Demo sign-in
 * calls it today; the OIDC and LDAP providers of a later issue pass their claims or groups here too, so
 * role mapping never spreads across providers.
 */
export async function resolvePortalIdentity(claims: { email: string; provider: string; groups?: string[] }): Promise<PortalIdentity | null> {
  const user = await db().user.findUnique({
    where: { email: claims.email.toLowerCase() },
    select: { id: true, email: true, name: true, role: true },
  });
  return user;
}
