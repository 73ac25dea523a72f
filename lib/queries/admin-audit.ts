import "server-only";
import { z } from "zod";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { csvStream } from "./admin-csv";
import { bigintCursor, dayInput, filterText } from "../schemas/fields";

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
  for (const [k, v] of params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params)) if (typeof v === "string") flat[k] = v;
  return flat;
};

export function parseAuditFilter(params: Record<string, string | string[] | undefined> | URLSearchParams): AuditFilter {
  return auditFilterSchema.parse(flatten(params));
}

const LABELS: Record<keyof typeof fields, string> = { actor: "actor", target: "target", action: "action", from: "from date", to: "to date", before: "page link" };

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

function auditWhere(f: AuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (f.actor) and.push({ OR: [{ actorLabel: { contains: f.actor, mode: "insensitive" } }, { actorId: f.actor }] });
  if (f.target) and.push({ OR: [{ targetId: { contains: f.target, mode: "insensitive" } }, { targetType: { equals: f.target, mode: "insensitive" } }, { requestId: f.target }] });
  if (f.action) and.push({ action: { startsWith: f.action, mode: "insensitive" } });
  if (f.from) and.push({ at: { gte: new Date(`${f.from}T00:00:00Z`) } });
  if (f.to) and.push({ at: { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) } });
  return and.length ? { AND: and } : {};
}

const toRow = (e: Prisma.AuditEventGetPayload<object>) => ({ ...e, id: e.id.toString(), at: e.at.toISOString() });
export type AuditRow = ReturnType<typeof toRow>;

/** Newest first, 100 at a time; "before" is the last id seen, so paging stays cheap however long the log grows. */
export async function listAudit(f: AuditFilter, take = 100): Promise<{ rows: AuditRow[]; nextBefore: string | null }> {
  const where = auditWhere(f);
  const rows = await db().auditEvent.findMany({ where: f.before ? { AND: [where, { id: { lt: BigInt(f.before) } }] } : where, orderBy: { id: "desc" }, take: take + 1 });
  const page = rows.slice(0, take).map(toRow);
  return { rows: page, nextBefore: rows.length > take ? page.at(-1)!.id : null };
}

async function* auditPages(f: AuditFilter, pageSize = 500) {
  const where = auditWhere(f);
  let before: bigint | undefined;
  for (;;) {
    const rows = await db().auditEvent.findMany({ where: before ? { AND: [where, { id: { lt: before } }] } : where, orderBy: { id: "desc" }, take: pageSize });
    if (rows.length) yield rows.map((e) => [e.id.toString(), e.at, e.actorLabel, e.actorId, e.action, e.targetType, e.targetId, e.requestId, e.awsRequestIds.join(" "), e.before, e.after, e.detail]);
    if (rows.length < pageSize) return;
    before = rows.at(-1)!.id;
  }
}

export function auditCsvResponse(f: AuditFilter): Response {
  return csvStream(`audit-${new Date().toISOString().slice(0, 10)}.csv`, ["Id", "At", "Actor", "Actor id", "Action", "Target type", "Target", "Request", "AWS request ids", "Before", "After", "Detail"], auditPages(f));
}
