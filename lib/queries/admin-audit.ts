import "server-only";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { csvStream } from "./admin-csv";
import type { AuditFilter } from "../schemas/admin-audit";

function auditWhere(f: AuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (f.actor) and.push({ OR: [{ actorLabel: { contains: f.actor, mode: "insensitive" } }, { actorId: f.actor }] });
  if (f.target)
    and.push({
      OR: [
        { targetId: { contains: f.target, mode: "insensitive" } },
        { targetType: { equals: f.target, mode: "insensitive" } },
        { requestId: f.target },
      ],
    });
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
  const rows = await db().auditEvent.findMany({
    where: f.before ? { AND: [where, { id: { lt: BigInt(f.before) } }] } : where,
    orderBy: { id: "desc" },
    take: take + 1,
  });
  const page = rows.slice(0, take).map(toRow);
  return { rows: page, nextBefore: rows.length > take ? page.at(-1)!.id : null };
}

async function* auditPages(f: AuditFilter, pageSize = 500) {
  const where = auditWhere(f);
  let before: bigint | undefined;
  for (;;) {
    const rows = await db().auditEvent.findMany({
      where: before ? { AND: [where, { id: { lt: before } }] } : where,
      orderBy: { id: "desc" },
      take: pageSize,
    });
    if (rows.length)
      yield rows.map((e) => [
        e.id.toString(),
        e.at,
        e.actorLabel,
        e.actorId,
        e.action,
        e.targetType,
        e.targetId,
        e.requestId,
        e.awsRequestIds.join(" "),
        e.before,
        e.after,
        e.detail,
      ]);
    if (rows.length < pageSize) return;
    before = rows.at(-1)!.id;
  }
}

export function auditCsvResponse(f: AuditFilter): Response {
  return csvStream(
    `audit-${new Date().toISOString().slice(0, 10)}.csv`,
    ["Id", "At", "Actor", "Actor id", "Action", "Target type", "Target", "Request", "AWS request ids", "Before", "After", "Detail"],
    auditPages(f),
  );
}
