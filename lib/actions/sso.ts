"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "../auth";
import { safeCallbackPath } from "../auth/callback-url";
import { getConfig } from "../config";
import { directoryCredentials, formText } from "../schemas/sign-in";

// Only same-origin paths: anything else here would turn sign-in into an open redirect.
const callbackPath = (form: unknown) => safeCallbackPath(formText(form, "callbackUrl") ?? "/", getConfig().portalUrl);

/** Starts the OIDC authorization code flow; Auth.js sets the state, PKCE and nonce cookies and redirects. */
export async function oidcSignIn(formData: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: callbackPath(formData) });
}

export async function directorySignIn(formData: FormData): Promise<void> {
  const parsed = directoryCredentials.safeParse({ username: formText(formData, "username"), password: formText(formData, "password") });
  if (!parsed.success) redirect("/signin?error=invalid");
  const { username, password } = parsed.data;
  const callbackUrl = callbackPath(formData);
  try {
    await signIn("ldap", { username, password, redirectTo: callbackUrl });
  } catch (error) {
    // A successful sign-in "throws" Next.js's redirect; only Auth.js's own errors mean failure.
    if (error instanceof CredentialsSignin) {
      redirect(`/signin?error=ldap&code=${encodeURIComponent(error.code)}&callbackUrl=${encodeURIComponent(callbackUrl)}`);
    }
    if (error instanceof AuthError) redirect(`/signin?error=${encodeURIComponent(error.type)}`);
    throw error;
  }
}
