import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getConfig } from "../config";
import { sessionUserRow } from "../queries/hot-reads";
import type { Role } from "../generated/prisma/enums";
import { hasRole } from "./roles";
import { sessionIsCurrent, type SessionClaims } from "./session-claims";
import { sessionClaimsFromCookieHeader } from "./session-token";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /**
   * When the person last signed in, not when the session was last used. Null for a token from before the
   * portal recorded it, and absent where code builds a user itself; a recent sign-in is then refused.
   */
  signedInAt?: Date | null;
}

/** The signed-in user of this request, with what the page header shows besides. */
export interface SessionUser extends CurrentUser {
  /** Unread in-app notifications, for the header's count; read in the same query as the user. */
  unreadNotifications: number;
}

/**
 * The claims of the session cookie, or null. Pages only read the session: they cannot set cookies, so
 * they decrypt the token with Auth.js's own reader instead of running its whole session endpoint (which
 * would also re-encrypt a refreshed token that a page could never send back).
 */
async function sessionClaims(): Promise<SessionClaims | null> {
  return sessionClaimsFromCookieHeader((await headers()).get("cookie") ?? "", getConfig().auth.secret);
}

/**
 * The signed-in user as the database knows them now. The role and the session version are read fresh on
 * every request rather than trusted from the session token, so a demoted admin loses access at once, and
 * a token from before the person signed out (or was signed out everywhere) opens nothing.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await sessionClaims();
  if (!claims) return null;
  const row = await sessionUserRow(claims.userId);
  if (!row || !sessionIsCurrent(claims, row)) return null;
  const { sessionVersion: _current, ...user } = row;
  return { ...user, signedInAt: claims.signedInAt };
});

async function signInUrl(): Promise<string> {
  const path = (await headers()).get("x-request-path") ?? "/";
  return `/signin?callbackUrl=${encodeURIComponent(path)}`;
}

/** Sends an anonymous visitor to sign-in and back to where they were going afterwards. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(await signInUrl());
  return user;
}

/** Answers 403 with app/forbidden.tsx when the user lacks the role. */
export async function requireRole(role: Role): Promise<SessionUser> {
  const user = await requireUser();
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
