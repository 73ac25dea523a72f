"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "../auth";
import { safeCallbackPath } from "../auth/callback-url";
import { getConfig } from "../config";

const demoSignInInput = z.object({
  email: z.email(),
  // Only same-origin paths: anything else here would turn sign-in into an open redirect.
  callbackUrl: z.unknown().transform((value) => safeCallbackPath(value, getConfig().portalUrl)),
});

export async function demoSignIn(formData: FormData): Promise<void> {
  const parsed = demoSignInInput.safeParse({ email: formData.get("email"), callbackUrl: formData.get("callbackUrl") ?? "/" });
  if (!parsed.success) redirect("/signin?error=invalid");
  try {
    await signIn("demo", { email: parsed.data.email, redirectTo: parsed.data.callbackUrl });
  } catch (error) {
    // A successful sign-in "throws" Next.js's redirect; only Auth.js's own errors mean failure.
    if (error instanceof AuthError) redirect(`/signin?error=${encodeURIComponent(error.type)}`);
    throw error;
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}

/**
 * For an action that needs a recent sign-in: ends the session and opens the sign-in page, which returns
 * to `callbackUrl` afterwards. Signing out first is what makes the sign-in page ask at all.
 */
export async function signInAgain(formData: FormData): Promise<void> {
  const callbackUrl = safeCallbackPath(formData.get("callbackUrl"), getConfig().portalUrl);
  await signOut({ redirectTo: `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` });
}
