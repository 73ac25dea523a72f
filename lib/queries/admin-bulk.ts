import "server-only";
import { db } from "../db";

export async function getBulkOperation(id: string) {
  const op = await db().bulkOperation.findUnique({ where: { id } });
  if (!op) return null;
  const items = await db().bulkItem.findMany({ where: { operationId: id }, orderBy: [{ status: "asc" }, { workspaceId: "asc" }] });
  const counts = { DONE: 0, FAILED: 0, PENDING: 0 };
  for (const item of items) counts[item.status] += 1;
  // People know a WorkSpace by its computer name (or whose it is); the id stays beside it as secondary text.
  const known = await db().workspace.findMany({
    where: { id: { in: items.map((i) => i.workspaceId) } },
    select: { id: true, computerName: true, userName: true, owner: { select: { name: true } } },
  });
  const byId = new Map(known.map((w) => [w.id, w]));
  const named = items.map((item) => {
    const ws = byId.get(item.workspaceId);
    return {
      ...item,
      name: ws?.computerName ?? (ws ? `${ws.owner?.name ?? ws.userName}'s WorkSpace` : "A WorkSpace no longer in the inventory"),
      userName: ws?.userName ?? null,
    };
  });
  return { op, items: named, counts };
}

export async function recentBulkOperations(take = 10) {
  const ops = await db().bulkOperation.findMany({ orderBy: { createdAt: "desc" }, take });
  const counts = await db().bulkItem.groupBy({
    by: ["operationId", "status"],
    where: { operationId: { in: ops.map((o) => o.id) } },
    _count: { _all: true },
  });
  return ops.map((op) => {
    const of = (status: string) => counts.find((c) => c.operationId === op.id && c.status === status)?._count._all ?? 0;
    return { ...op, done: of("DONE"), failed: of("FAILED"), pending: of("PENDING") };
  });
}
