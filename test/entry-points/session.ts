// Signs a person in for the next calls the way a browser would be: an Auth.js session cookie, encrypted
// with the portal's secret, that the real lib/auth/session.ts reads (role and session version from the
// database on every call). The token says the person signed in just now.
import { encode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { incoming } from "./next-headers";

const SESSION_COOKIE = "authjs.session-token";

export async function signInAs(userId: string | null): Promise<void> {
  if (!userId) {
    incoming.cookie = "";
    return;
  }
  const [row] = await db().$queryRaw<{ sessionVersion: number }[]>`SELECT "sessionVersion" FROM "User" WHERE "id" = ${userId}`;
  const token = await encode({
    token: { sub: userId, sessionVersion: row?.sessionVersion ?? 0, signedInAt: Math.floor(Date.now() / 1000) },
    secret: process.env.AUTH_SECRET!,
    salt: SESSION_COOKIE,
  });
  incoming.cookie = `${SESSION_COOKIE}=${token}`;
}
