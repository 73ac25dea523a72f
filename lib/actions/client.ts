import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import { hasRole } from "../auth/roles";
import { getCurrentUser, type CurrentUser } from "../auth/session";
import type { Role } from "../generated/prisma/enums";
import { logger } from "../logger";
import { ServiceError } from "../core/errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]>; reasons?: { code: string; message: string }[] };

/**
 * The one way server actions are built: the session is read on the server, the role checked, the input
 * parsed with the action's zod schema, and only then the service runs. Expected refusals reach the user
 * as plain sentences; anything else is logged with the request id and shown as a generic failure.
 */
export function authedAction<S extends z.ZodType, T>(
  options: { role?: Role; input: S },
  handler: (ctx: { user: CurrentUser; input: z.infer<S> }) => Promise<T>,
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: "Your session has ended. Sign in again." };
    if (options.role && !hasRole(user.role, options.role)) return { ok: false, error: "You are not allowed to do this." };
    const parsed = options.input.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".") || "_";
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { ok: false, error: "Some fields need attention.", fieldErrors };
    }
    try {
      return { ok: true, data: await handler({ user, input: parsed.data }) };
    } catch (error) {
      if (error instanceof ServiceError) return { ok: false, error: error.message, reasons: error.reasons.length ? error.reasons : undefined };
      const requestId = (await headers()).get("x-request-id") ?? undefined;
      logger().error({ err: error, requestId, userId: user.id }, "server action failed");
      return { ok: false, error: `Something went wrong on our side. Try again in a moment${requestId ? ` (reference ${requestId.slice(0, 8)})` : ""}.` };
    }
  };
}
