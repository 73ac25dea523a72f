import "server-only";
import { changeSchema, type Change } from "../domain";

/**
 * A request's change as stored in its JSON column, parsed once where it is loaded: a row that no longer
 * matches the domain's schema is an error here, not a wrong assumption further on.
 */
export function parseStoredChange(value: unknown): Change {
  const parsed = changeSchema.safeParse(value);
  if (!parsed.success) throw new Error(`A stored change does not match the change schema: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

/** What the reconcile sweep remembers between looks at a request in progress. */
export function parseExecutionMemo(value: unknown): { sawTransition?: boolean } | null {
  if (typeof value !== "object" || value === null) return null;
  const saw = (value as { sawTransition?: unknown }).sawTransition;
  return typeof saw === "boolean" ? { sawTransition: saw } : {};
}
