import "server-only";
import { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { demoCredentials } from "../schemas/sign-in";
import type { PortalConfig } from "../config";
import type { Role } from "../generated/prisma/enums";
import { safeCallbackPath } from "./callback-url";
import { isDemoPersonEmail } from "./demo-people";
import { resolvePortalIdentity } from "./identity";
import { ssoProviders, ssoSignIn } from "./sso";
import { readSessionClaims } from "./session-claims";
import { claimsAtSignIn, endSessionsOnSignOut, sessionStillOpen } from "./session-version";

class DemoSignInDisabled extends CredentialsSignin {
  code = "demo_disabled";
}

/** Auth.js's options from the portal's configuration (lib/auth.ts hands them to NextAuth on the first request). */
export function authOptions(config: PortalConfig): NextAuthConfig {
  return {
    secret: config.auth.secret,
    // The portal runs behind load balancers that set X-Forwarded-Host; AUTH_URL pins the origin when set.
    trustHost: true,
    // Behind a TLS-terminating proxy Auth.js would see plain HTTP and drop the Secure flag on its own.
    useSecureCookies: config.auth.secureCookies,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    // Failed checks (a tampered state or nonce, a provider error) come back to the sign-in page with ?error=.
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      Credentials({
        id: "demo",
        name: "Demo sign-in",
        credentials: { email: { label: "Email", type: "email" } },
        async authorize(raw) {
          if (!config.auth.demoSignIn.enabled) throw new DemoSignInDisabled();
          const parsed = demoCredentials.safeParse(raw);
          // Only the seeded demo people, never another account the database holds.
          if (!parsed.success || !isDemoPersonEmail(parsed.data.email)) return null;
          const identity = await resolvePortalIdentity({ email: parsed.data.email, provider: "demo" });
          if (!identity) return null;
          // Outside the embedded defaults a demo person an admin has promoted still gets no admin session.
          if (identity.role === "ADMIN" && !config.embedded) return null;
          return { id: identity.id, email: identity.email, name: identity.name, role: identity.role };
        },
      }),
      ...ssoProviders(config),
    ],
    callbacks: {
      signIn: ssoSignIn(config),
      redirect({ url, baseUrl }) {
        return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = user.role;
          Object.assign(token, await claimsAtSignIn(user.id!));
          return token;
        }
        // Auth.js's own session endpoint re-issues the token; one the person has since ended is cleared instead.
        const claims = readSessionClaims(token);
        return claims && (await sessionStillOpen(claims)) ? token : null;
      },
      session({ session, token }) {
        session.user.id = token.sub ?? "";
        session.user.role = (token.role as Role | undefined) ?? "EMPLOYEE";
        return session;
      },
    },
    events: {
      // Clearing the cookie alone would leave a copy of it working until it expires.
      async signOut(message) {
        const claims = readSessionClaims("token" in message ? message.token : null);
        if (claims) await endSessionsOnSignOut(claims);
      },
    },
  };
}
