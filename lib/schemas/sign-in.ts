import { z } from "zod";

// What the sign-in forms post, and what the Auth.js credential providers accept: parsed here once, by the
// server actions and again by the providers (Auth.js may be called directly at /api/auth/callback/*).

export const demoCredentials = z.object({ email: z.email() });
export const directoryCredentials = z.object({ username: z.string().max(256), password: z.string().max(1024) });

/** A form field as a string; a file, a missing field or anything else becomes undefined. */
export function formText(form: unknown, name: string): string | undefined {
  if (!(form instanceof FormData)) return undefined;
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}
