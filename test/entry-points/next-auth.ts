// Stands in for the `next-auth` package in integration tests. Its entry imports `next/server` in a way
// only Next.js's bundler resolves, so Node cannot load it; this is the same glue over @auth/core that
// next-auth's NextAuth() is: the route handlers run Auth.js itself. signIn and signOut need a Next.js
// request scope (cookies, redirect), so they are recorded instead.
import { Auth, setEnvDefaults, type AuthConfig } from "@auth/core";

export { AuthError, CredentialsSignin } from "@auth/core/errors";

export const recorded: { signIn: { provider: string; options: unknown }[]; signOut: unknown[] } = { signIn: [], signOut: [] };

type ConfigSource = AuthConfig | ((request: Request | undefined) => AuthConfig | Promise<AuthConfig>);

export default function NextAuth(source: ConfigSource) {
  const config = async (request: Request | undefined) => {
    const resolved = { ...(typeof source === "function" ? await source(request) : source) };
    resolved.secret ??= process.env.AUTH_SECRET;
    resolved.basePath ??= "/api/auth";
    setEnvDefaults(process.env, resolved, true);
    return resolved;
  };
  const handler = async (request: Request) => Auth(request, await config(request));
  return {
    handlers: { GET: handler, POST: handler },
    auth: async () => null,
    signIn: async (provider: string, options: unknown) => {
      recorded.signIn.push({ provider, options });
    },
    signOut: async (options: unknown) => {
      recorded.signOut.push(options);
    },
  };
}
