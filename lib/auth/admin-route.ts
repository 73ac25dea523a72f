import "server-only";
import { getCurrentUser } from "./session";

/** Route handlers answer for themselves: 401 without a session, 403 for anyone but an admin. */
export async function adminRouteGuard(): Promise<Response | null> {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  if (user.role !== "ADMIN") return new Response("Only admins can export this.", { status: 403 });
  return null;
}
