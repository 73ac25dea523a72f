import "server-only";
import NextAuth from "next-auth";
import { getConfig } from "./config";
import { authOptions } from "./auth/options";
import type { Role } from "./generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; name: string; email: string };
  }
  interface User {
    role?: Role;
  }
}

// A function, so configuration is read when the first request arrives, not while `next build` imports this.
export const { handlers, auth, signIn, signOut } = NextAuth(() => authOptions(getConfig()));
