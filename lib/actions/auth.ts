"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "../auth";
import { safeCallbackPath } from "../auth/callback-url";
import { getConfig } from "../config";
import { demoCredentials, formText } from "../schemas/sign-in";

// Only same-origin paths: anything else here would turn sign-in into an open redirect.
const callbackPath = (form: unknown) => safeCallbackPath(formText(form, "callbackUrl") ?? "/", getConfig().portalUrl);

// Sign-in actions take the form itself (they redirect rather than answer), so a caller that posts
// anything else is refused the same way as a malformed form.
export async function demoSignIn(formData: FormData): Promise<void> {
  const parsed = demoCredentials.safeParse({ email: formText(formData, "email") });
  if (!parsed.success) redirect("/signin?error=invalid");
  try {
    await signIn("demo", { email: parsed.data.email, redirectTo: callbackPath(formData) });
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
  const callbackUrl = callbackPath(formData);
  await signOut({ redirectTo: `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` });
}
