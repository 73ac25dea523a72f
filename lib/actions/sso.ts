"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "../auth";
import { safeCallbackPath } from "../auth/callback-url";
import { getConfig } from "../config";

// Only same-origin paths: anything else here would turn sign-in into an open redirect.
const callbackUrl = z.unknown().transform((value) => safeCallbackPath(value, getConfig().portalUrl));

/** Starts the OIDC authorization code flow; Auth.js sets the state, PKCE and nonce cookies and redirects. */
export async function oidcSignIn(formData: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: callbackUrl.parse(formData.get("callbackUrl") ?? "/") });
}

const directoryInput = z.object({ username: z.string().max(256), password: z.string().max(1024), callbackUrl });

export async function directorySignIn(formData: FormData): Promise<void> {
  const parsed = directoryInput.safeParse({
    username: formData.get("username"),
    password: formData.get("password"),
    callbackUrl: formData.get("callbackUrl") ?? "/",
  });
  if (!parsed.success) redirect("/signin?error=invalid");
  const { username, password } = parsed.data;
  try {
    await signIn("ldap", { username, password, redirectTo: parsed.data.callbackUrl });
  } catch (error) {
    // A successful sign-in "throws" Next.js's redirect; only Auth.js's own errors mean failure.
    if (error instanceof CredentialsSignin) {
      redirect(`/signin?error=ldap&code=${encodeURIComponent(error.code)}&callbackUrl=${encodeURIComponent(parsed.data.callbackUrl)}`);
    }
    if (error instanceof AuthError) redirect(`/signin?error=${encodeURIComponent(error.type)}`);
    throw error;
  }
}
