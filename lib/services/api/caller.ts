import "server-only";
import { db } from "../../db";
import { ServiceError } from "../../core/errors";
import { Prisma } from "../../generated/prisma/client";
import type { RequestActor } from "../requests/assess";
import type { AuthenticatedToken } from "./auth";

/** Who a REST API call acts as: the token's service account, or the person named in X-On-Behalf-Of. */
export interface ApiCaller {
  tokenId: string;
  tokenName: string;
  /** Carries `via` = the token's name, so every audit event of the call names the token. */
  actor: RequestActor;
  /** True when the call acts for a named person (X-On-Behalf-Of), false for the service account itself. */
  onBehalf: boolean;
}

export const PERSON_NOT_FOUND = "PERSON_NOT_FOUND";

/**
 * A person by email, case-insensitively, with their role as it is now. Service accounts are not people:
 * nobody acts, asks or approves as one through an email. (An equality on lower(), not Prisma's
 * insensitive mode, which is an ILIKE: "%" or "_" in the header must not match anyone.)
 */
export async function personByEmail(email: string): Promise<{ id: string; name: string; role: RequestActor["role"] } | null> {
  const [found] = await db().$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT "id" FROM "User" WHERE lower("email") = lower(${email.trim()}) AND NOT "serviceAccount" ORDER BY "createdAt" LIMIT 1`);
  if (!found) return null;
  return db().user.findUnique({ where: { id: found.id }, select: { id: true, name: true, role: true } });
}

export function personNotFoundMessage(email: string): string {
  return `No person with the email ${email.trim()} is known to the portal.`;
}

/**
 * The caller of one API call. The token's right to act for people is checked before (apiAccess with
 * actingForPerson); here the named person is looked up and their role read from the database, never
 * taken from the caller.
 */
export async function resolveApiCaller(token: AuthenticatedToken, onBehalfOfEmail: string | null): Promise<ApiCaller> {
  const base = { tokenId: token.id, tokenName: token.name };
  if (onBehalfOfEmail === null) {
    // A service account is never more than an employee, whatever its user row says.
    return {
      ...base,
      onBehalf: false,
      actor: { id: token.serviceUser.id, name: token.serviceUser.name, role: "EMPLOYEE", via: token.name },
    };
  }
  const person = await personByEmail(onBehalfOfEmail);
  if (!person) {
    const message = personNotFoundMessage(onBehalfOfEmail);
    throw new ServiceError("not_found", message, [{ code: PERSON_NOT_FOUND, message }]);
  }
  return { ...base, onBehalf: true, actor: { id: person.id, name: person.name, role: person.role, via: token.name } };
}
