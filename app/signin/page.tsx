import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { demoSignIn } from "@/lib/actions/auth";
import { directorySignIn, oidcSignIn } from "@/lib/actions/sso";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { DEMO_PERSON_EMAILS } from "@/lib/auth/demo-people";
import { roleLabel } from "@/lib/auth/roles";
import { getCurrentUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";

const DEMO_PERSON_BUTTON =
  "w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-left text-sm font-medium hover:border-brand-600 hover:bg-brand-50";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  CredentialsSignin: "That person could not be signed in. Pick someone from the list.",
  invalid: "That sign-in request was not valid. Try again.",
  // Auth.js's name for a failed check (state, nonce, PKCE) or an ID token it could not validate.
  Configuration: "Sign-in could not be completed: the answer from the identity provider did not check out. Start again.",
  AccessDenied: "Your identity provider did not let you sign in to the portal.",
  OAuthCallbackError: "Your identity provider reported an error. Start again, or ask the service desk.",
  oidc_claims: "Your identity provider did not send an email address for you. Ask the service desk.",
  oidc_refused: "Another person in the portal already has your email address. Ask an administrator.",
};

// None of these says whether a user name exists: an unknown name reads as a wrong password.
const DIRECTORY_ERRORS: Record<string, string> = {
  wrong_credentials: "That user name and password do not match. Use the ones you sign in to your WorkSpace with.",
  locked: "This account is locked after too many failed attempts. Wait, or ask the service desk to unlock it.",
  disabled: "This account is disabled. Ask the service desk.",
  password_expired: "Your password has expired. Change it (for example on your WorkSpace), then sign in again.",
  unreachable: "The directory cannot be reached right now. Try again in a few minutes.",
  rate_limited: "Too many sign-in attempts. Wait 15 minutes and try again.",
  refused: "Another person in the portal already has your email address. Ask an administrator.",
};

function errorMessage(params: Record<string, string | string[] | undefined>): string | null {
  if (typeof params.error !== "string") return null;
  if (params.error === "ldap") return DIRECTORY_ERRORS[String(params.code)] ?? DIRECTORY_ERRORS.wrong_credentials!;
  return ERRORS[params.error] ?? "Sign-in failed. Try again.";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const config = getConfig();
  const callbackUrl = safeCallbackPath(params.callbackUrl, config.portalUrl);
  if (await getCurrentUser()) redirect(callbackUrl);

  const { demoSignIn: demo, oidc, ldap } = config.auth;
  const people = demo.enabled
    ? await db().user.findMany({
        // Only the demo people: demo sign-in opens nobody else, whoever else the database holds.
        where: { email: { in: [...DEMO_PERSON_EMAILS] } },
        select: { email: true, name: true, role: true, persona: true },
        orderBy: [{ role: "desc" }, { name: "asc" }],
      })
    : [];
  const error = errorMessage(params);

  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-brand-900">Sign in to the WorkSpaces Portal</h1>
      {error && (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}
      {oidc && (
        <form action={oidcSignIn} className="mt-6">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className="w-full rounded-md bg-brand-700 px-4 py-2.5 text-sm font-medium text-white hover:bg-brand-900">
            Sign in with {oidc.name}
          </button>
        </form>
      )}
      {ldap && (
        <section aria-labelledby="directory-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="directory-heading" className="text-base font-medium">
            {ldap.name}
          </h2>
          <p className="mt-1 text-sm text-slate-600">The user name and password you sign in to your WorkSpace with.</p>
          <form action={directorySignIn} className="mt-4 space-y-3">
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <label className="block text-sm font-medium">
              User name
              <input
                name="username"
                required
                autoComplete="username"
                maxLength={256}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
              />
            </label>
            <label className="block text-sm font-medium">
              Password
              <input
                name="password"
                type="password"
                required
                autoComplete="current-password"
                maxLength={1024}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
              />
            </label>
            <button
              type="submit"
              className="w-full rounded-md border border-brand-700 bg-white px-4 py-2 text-sm font-medium text-brand-800 hover:bg-brand-50"
            >
              Sign in with {ldap.name}
            </button>
          </form>
        </section>
      )}
      {demo.enabled ? (
        <section aria-labelledby="demo-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="demo-heading" className="text-base font-medium">
            Demo sign-in
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            This portal runs on its built-in demo data. Choose a person to see the portal as they would.
          </p>
          <ul className="mt-4 space-y-2">
            {people.map((person) => (
              <li key={person.email}>
                <form action={demoSignIn}>
                  <input type="hidden" name="email" value={person.email} />
                  <input type="hidden" name="callbackUrl" value={callbackUrl} />
                  <button type="submit" className={DEMO_PERSON_BUTTON}>
                    Sign in as {person.name} ({roleLabel(person.role, person.persona)})
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : oidc || ldap ? null : (
        <section className="mt-6 rounded-lg border border-amber-200 bg-amber-50 p-5 text-sm text-amber-900">
          <h2 className="font-medium">Demo sign-in is off</h2>
          <p className="mt-1">Reason: {demo.reason}.</p>
          <p className="mt-1">An administrator can configure single sign-on, or set DEMO_SIGN_IN=true for a demonstration.</p>
        </section>
      )}
    </main>
  );
}
