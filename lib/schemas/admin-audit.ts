import { z } from "zod";
import { bigintCursor, dayInput, filterText } from "./fields";

// The audit page keeps what it can of a filter and drops what is malformed (a bad date or page link shows
// the unfiltered or first page); the CSV export refuses it instead (readAuditFilter), so a download
// never silently contains more than was asked for.
const text = filterText(200);
const fields = { actor: text, target: text, action: text, from: dayInput, to: dayInput, before: bigintCursor };
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const auditFilterSchema = z.object({
  actor: optional(text).transform((v) => v || undefined),
  target: optional(text).transform((v) => v || undefined),
  action: optional(text).transform((v) => v || undefined),
  from: optional(dayInput),
  to: optional(dayInput),
  before: optional(bigintCursor),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

const flatten = (params: Record<string, string | string[] | undefined> | URLSearchParams): Record<string, string> => {
  const flat: Record<string, string> = {};
  for (const [k, v] of params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params))
    if (typeof v === "string") flat[k] = v;
  return flat;
};

export function parseAuditFilter(params: Record<string, string | string[] | undefined> | URLSearchParams): AuditFilter {
  return auditFilterSchema.parse(flatten(params));
}

const LABELS: Record<keyof typeof fields, string> = {
  actor: "actor",
  target: "target",
  action: "action",
  from: "from date",
  to: "to date",
  before: "page link",
};

/** The filter as given, or a plain sentence naming the first parameter that is not valid. */
export function readAuditFilter(params: URLSearchParams): { ok: true; filter: AuditFilter } | { ok: false; error: string } {
  const flat = flatten(params);
  for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
    const value = flat[key];
    if (value === undefined || value.trim() === "") continue;
    const parsed = fields[key].safeParse(value);
    if (!parsed.success) return { ok: false, error: `The ${LABELS[key]} is not valid: ${parsed.error.issues[0]!.message}` };
  }
  return { ok: true, filter: parseAuditFilter(flat) };
}
