import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getConfig } from "./config";
import { resolvePortalIdentity } from "./auth/identity";
import type { Role } from "./generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; name: string; email: string };
  }
  interface User {
    role?: Role;
  }
}

class DemoSignInDisabled extends CredentialsSignin {
  code = "demo_disabled";
}

const demoCredentials = z.object({ email: z.email() });

// A function, so configuration is read when the first request arrives, not while `next build` imports this.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const config = getConfig();
  return {
    secret: config.auth.secret,
    // The portal runs behind load balancers that set X-Forwarded-Host; AUTH_URL pins the origin when set.
    trustHost: true,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/signin" },
    providers: [
      Credentials({
        id: "demo",
        name: "Demo sign-in",
        credentials: { email: { label: "Email", type: "email" } },
        async authorize(raw) {
          if (!config.auth.demoSignIn.enabled) throw new DemoSignInDisabled();
          const parsed = demoCredentials.safeParse(raw);
          if (!parsed.success) return null;
          const identity = await resolvePortalIdentity({ email: parsed.data.email, provider: "demo" });
          return identity ? { id: identity.id, email: identity.email, name: identity.name, role: identity.role } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = user.role;
        }
        return token;
      },
      session({ session, token }) {
        session.user.id = token.sub ?? "";
        session.user.role = (token.role as Role | undefined) ?? "EMPLOYEE";
        return session;
      },
    },
  };
});
