// Row counts of every table in one statement: what a refused call must leave exactly as it was.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type RowCounts = Record<string, number>;

export const AUDIT_MAX_ID = "AuditEvent.maxId";

export async function rowCounter(prisma: PrismaClient): Promise<() => Promise<RowCounts>> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name::text AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
  );
  if (!tables.some((t) => t.name === "AuditEvent")) throw new Error("No AuditEvent table: is the database migrated?");
  // The newest audit event's id as well: a refusal that AWS gave is audited as an attempt, and this finds it.
  const perTable = tables.map((t) => `'${t.name}', (SELECT count(*) FROM "${t.name}")`).join(", ");
  const sql = `SELECT json_build_object(${perTable}, '${AUDIT_MAX_ID}', (SELECT coalesce(max("id"), 0) FROM "AuditEvent")) AS counts`;
  return async () => {
    const [row] = await prisma.$queryRawUnsafe<{ counts: RowCounts | string }[]>(sql);
    const counts = typeof row!.counts === "string" ? (JSON.parse(row!.counts) as RowCounts) : row!.counts;
    return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
  };
}

/** The tables whose count changed, with how much. */
export function countChanges(before: RowCounts, after: RowCounts): Record<string, number> {
  const changed: Record<string, number> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const delta = (after[key] ?? 0) - (before[key] ?? 0);
    if (delta !== 0) changed[key] = delta;
  }
  return changed;
}
