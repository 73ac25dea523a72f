import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { hasRole } from "../auth/roles";
import { getCurrentUser, type CurrentUser } from "../auth/session";
import type { Role } from "../generated/prisma/enums";
import { logger } from "../logger";
import { ServiceError } from "../core/errors";
import { AwsGatewayError } from "../aws/errors";
import { reportDatabaseError } from "../db/outage";
import { UNAVAILABLE_MESSAGE } from "../db/unavailable-response";
import { capMessage, screenInput } from "../schemas/text";
import { countServerAction } from "../observability/metrics";
import { withSpan } from "../observability/tracing";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]>; reasons?: { code: string; message: string }[] };

/**
 * The one way server actions are built: the session is read on the server, the role checked, the input
 * screened (lib/schemas/text.ts) and parsed with the action's zod schema, and only then the service runs.
 * Expected refusals reach the user as plain sentences, shortened so none repeats a large input back;
 * anything else is logged with the request id and shown as a generic failure.
 */
export function authedAction<S extends z.ZodType, T>(
  options: { name: string; role?: Role; input: S },
  handler: (ctx: { user: CurrentUser; input: z.infer<S> }) => Promise<T>,
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  const run = runAction(options, handler);
  // Counted and traced by the exported name: a bounded label, and the span the job and AWS spans hang from.
  return (raw) =>
    withSpan(`action ${options.name}`, { "portal.action": options.name }, async () => {
      try {
        const result = await run(raw);
        countServerAction(options.name, result.ok ? "ok" : result.error.startsWith(GENERIC_FAILURE) ? "error" : "refused");
        return result;
      } catch (error) {
        countServerAction(options.name, "error");
        throw error;
      }
    });
}

const GENERIC_FAILURE = "Something went wrong on our side.";

function runAction<S extends z.ZodType, T>(
  options: { role?: Role; input: S },
  handler: (ctx: { user: CurrentUser; input: z.infer<S> }) => Promise<T>,
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: "Your session has ended. Sign in again." };
    if (options.role && !hasRole(user.role, options.role)) return { ok: false, error: "You are not allowed to do this." };
    const screened = screenInput(raw);
    if (!screened.ok) return { ok: false, error: screened.error };
    const parsed = options.input.safeParse(screened.value);
    if (!parsed.success) return { ok: false, error: "Some fields need attention.", fieldErrors: fieldErrors(parsed.error.issues) };
    try {
      return { ok: true, data: await handler({ user, input: parsed.data }) };
    } catch (error) {
      if (error instanceof ServiceError) {
        const reasons = error.reasons.slice(0, MAX_ISSUES).map((r) => ({ code: capMessage(r.code, 100), message: capMessage(r.message) }));
        return { ok: false, error: capMessage(error.message), reasons: reasons.length ? reasons : undefined };
      }
      // AWS's (or the gateway's) own refusal, such as a Region the portal does not manage, is already a
      // plain sentence; only throttling and outages are failures on our side.
      if (error instanceof AwsGatewayError && !error.retryable) return { ok: false, error: capMessage(error.message) };
      // The database went away while the action ran: the person is told to try again in a minute, as a page would be.
      if (reportDatabaseError(error)) return { ok: false, error: UNAVAILABLE_MESSAGE };
      const requestId = (await headers()).get("x-request-id") ?? undefined;
      logger().error({ err: error, requestId, userId: user.id }, "server action failed");
      return {
        ok: false,
        error: `${GENERIC_FAILURE} Try again in a moment${requestId ? ` (reference ${requestId.slice(0, 8)})` : ""}.`,
      };
    }
  };
}

/** A form shows a handful of problems at a time; a list of 10,000 bad items need not come back 10,000 times. */
const MAX_ISSUES = 20;

function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string[]> {
  // A Map, then fromEntries: a field named "__proto__" stays a field.
  const byField = new Map<string, string[]>();
  for (const issue of issues.slice(0, MAX_ISSUES)) {
    const key = capMessage(issue.path.map(String).join(".") || "_", 100);
    byField.set(key, [...(byField.get(key) ?? []), capMessage(issue.message)]);
  }
  return Object.fromEntries(byField);
}
