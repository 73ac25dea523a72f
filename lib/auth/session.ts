import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "../auth";
import { db } from "../db";
import type { Role } from "../generated/prisma/enums";
import { hasRole } from "./roles";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * The signed-in user as the database knows them now. The role is read fresh on every request rather
 * than trusted from the session token, so a demoted admin loses access at once.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true } });
});

async function signInUrl(): Promise<string> {
  const path = (await headers()).get("x-request-path") ?? "/";
  return `/signin?callbackUrl=${encodeURIComponent(path)}`;
}

/** Sends an anonymous visitor to sign-in and back to where they were going afterwards. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(await signInUrl());
  return user;
}

/** Answers 403 with app/forbidden.tsx when the user lacks the role. */
export async function requireRole(role: Role): Promise<CurrentUser> {
  const user = await requireUser();
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
