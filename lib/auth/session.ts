import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getConfig } from "../config";
import { sessionUserRow } from "../queries/hot-reads";
import type { Role } from "../generated/prisma/enums";
import { hasRole } from "./roles";
import { userIdFromCookieHeader } from "./session-token";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The signed-in user of this request, with what the page header shows besides. */
export interface SessionUser extends CurrentUser {
  /** Unread in-app notifications, for the header's count; read in the same query as the user. */
  unreadNotifications: number;
}

/**
 * The id of the signed-in user from the session cookie, or null. Pages only read the session: they
 * cannot set cookies, so they decrypt the token with Auth.js's own reader instead of running its whole
 * session endpoint (which would also re-encrypt a refreshed token that a page could never send back).
 */
async function sessionUserId(): Promise<string | null> {
  return userIdFromCookieHeader((await headers()).get("cookie") ?? "", getConfig().auth.secret);
}

/**
 * The signed-in user as the database knows them now. The role is read fresh on every request rather
 * than trusted from the session token, so a demoted admin loses access at once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const id = await sessionUserId();
  if (!id) return null;
  return sessionUserRow(id);
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
