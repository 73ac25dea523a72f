import "server-only";
import type { Tx } from "../core/tx";
import { db } from "../db";
import { sessionIsCurrent, signInClaims, type SessionClaims } from "./session-claims";

/**
 * Ends every session the person has, in every browser: their tokens carry the version they signed in
 * with, and only the current one opens a session. The one way to end sessions; call it inside the
 * transaction that makes the change which calls for it (a role change, new groups), so both land or neither.
 */
export async function endSessions(tx: Tx, userId: string): Promise<void> {
  await tx.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** The claims a token gets when the person signs in: their current session version and the time. */
export async function claimsAtSignIn(userId: string, now = new Date()): Promise<ReturnType<typeof signInClaims>> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  return signInClaims(user.sessionVersion, now);
}

/** Whether the token's session is still open: the person exists and has not ended it since. */
export async function sessionStillOpen(claims: SessionClaims): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: claims.userId }, select: { sessionVersion: true } });
  return user !== null && sessionIsCurrent(claims, user);
}

/**
 * Signing out ends the person's sessions. Only a token that still opens a session does so: a cookie
 * replayed after it was already signed out must not end the sessions the person has opened since.
 */
export async function endSessionsOnSignOut(claims: SessionClaims): Promise<void> {
  if (await sessionStillOpen(claims)) await endSessions(db(), claims.userId);
}
