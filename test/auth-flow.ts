// Signs in and out through Auth.js's own endpoints with the portal's real options, as a browser does
// through /api/auth, and hands back the session cookie the browser would then hold. A test file that
// uses it mocks "next-auth" (its entry needs Next.js's bundler) the way lib/auth/options.int.test.ts does.
import { Auth } from "@auth/core";
import { authOptions } from "@/lib/auth/options";
import { getConfig } from "@/lib/config";

const ORIGIN = "http://portal.test";
const SESSION_COOKIE = "authjs.session-token";
const CSRF_COOKIE = "authjs.csrf-token";

const options = () => ({ ...authOptions(getConfig()), basePath: "/api/auth" });

function setCookies(response: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0]!;
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return jar;
}

async function csrf(): Promise<{ token: string; cookie: string }> {
  const response = await Auth(new Request(`${ORIGIN}/api/auth/csrf`), options());
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { token: csrfToken, cookie: `${CSRF_COOKIE}=${setCookies(response).get(CSRF_COOKIE)}` };
}

const post = (path: string, cookie: string, form: Record<string, string>) =>
  Auth(
    new Request(`${ORIGIN}/api/auth/${path}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    }),
    options(),
  );

/** Demo sign-in as the person; returns the Cookie header the browser sends from then on. */
export async function signInAs(email: string): Promise<string> {
  const { token, cookie } = await csrf();
  const response = await post("callback/demo", cookie, { email, csrfToken: token });
  const session = setCookies(response).get(SESSION_COOKIE);
  if (!session) throw new Error(`Signing in ${email} failed: ${response.status} ${response.headers.get("location")}`);
  return `${SESSION_COOKIE}=${session}`;
}

/** Signs out with that session cookie, as the portal's "Sign out" button does; returns whether Auth.js cleared it. */
export async function signOutWith(sessionCookie: string): Promise<boolean> {
  const { token, cookie } = await csrf();
  const response = await post("signout", `${cookie}; ${sessionCookie}`, { csrfToken: token });
  return setCookies(response).get(SESSION_COOKIE) === "";
}

/** Auth.js's own session endpoint: the session it reports and the cookie it sets (a re-issued token, or "" when it clears it). */
export async function sessionEndpoint(sessionCookie: string): Promise<{ session: unknown; setCookie: string | undefined }> {
  const response = await Auth(new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie: sessionCookie } }), options());
  const value = setCookies(response).get(SESSION_COOKIE);
  return { session: await response.json(), setCookie: value === undefined ? undefined : value && `${SESSION_COOKIE}=${value}` };
}
