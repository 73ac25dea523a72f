import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { demoSignIn } from "@/lib/actions/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { DEMO_PERSON_EMAILS } from "@/lib/auth/demo-people";
import { roleLabel } from "@/lib/auth/roles";
import { getCurrentUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  CredentialsSignin: "That person could not be signed in. Pick someone from the list.",
  invalid: "That sign-in request was not valid. Pick someone from the list.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const config = getConfig();
  const callbackUrl = safeCallbackPath(params.callbackUrl, config.portalUrl);
  if (await getCurrentUser()) redirect(callbackUrl);

  const { demoSignIn: demo } = config.auth;
  const people = demo.enabled
    ? await db().user.findMany({
        // Only the demo people: demo sign-in opens nobody else, whoever else the database holds.
        where: { email: { in: [...DEMO_PERSON_EMAILS] } },
        select: { email: true, name: true, role: true, persona: true },
        orderBy: [{ role: "desc" }, { name: "asc" }],
      })
    : [];
  const error = typeof params.error === "string" ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null;

  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-brand-900">Sign in to the WorkSpaces Portal</h1>
      {error && (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}
      {demo.enabled ? (
        <section aria-labelledby="demo-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="demo-heading" className="text-base font-medium">Demo sign-in</h2>
          <p className="mt-1 text-sm text-slate-600">
            This portal runs on its built-in demo data. Choose a person to see the portal as they would.
          </p>
          <ul className="mt-4 space-y-2">
            {people.map((person) => (
              <li key={person.email}>
                <form action={demoSignIn}>
                  <input type="hidden" name="email" value={person.email} />
                  <input type="hidden" name="callbackUrl" value={callbackUrl} />
                  <button
                    type="submit"
                    className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-left text-sm font-medium hover:border-brand-600 hover:bg-brand-50"
                  >
                    Sign in as {person.name} ({roleLabel(person.role, person.persona)})
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <section className="mt-6 rounded-lg border border-amber-200 bg-amber-50 p-5 text-sm text-amber-900">
          <h2 className="font-medium">Demo sign-in is off</h2>
          <p className="mt-1">Reason: {demo.reason}.</p>
          <p className="mt-1">An administrator can configure single sign-on, or set DEMO_SIGN_IN=true for a demonstration.</p>
        </section>
      )}
    </main>
  );
}
