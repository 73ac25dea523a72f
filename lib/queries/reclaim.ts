import "server-only";
import { db } from "../db";

export type ReclaimWarning =
  | { status: "WARNED"; idleSince: Date; neverUsed: boolean; reclaimOn: Date }
  | { status: "KEPT"; keptAt: Date; justification: string | null };

const KEPT_SHOWN_MS = 24 * 60 * 60 * 1000;

/**
 * The reclaim warning out for a WorkSpace, or a "kept" note for a day after someone kept it, so the person
 * who clicked Keep it sees it took; the page checks the viewer may see the WorkSpace first.
 */
export async function reclaimWarningFor(workspaceId: string, now = new Date()): Promise<ReclaimWarning | null> {
  const notice = await db().reclaimNotice.findFirst({
    where: { workspaceId, OR: [{ status: "WARNED" }, { status: "KEPT", keptAt: { gte: new Date(now.getTime() - KEPT_SHOWN_MS) } }] },
    select: { status: true, idleSince: true, neverUsed: true, reclaimOn: true, keptAt: true, justification: true },
    orderBy: { updatedAt: "desc" },
  });
  if (!notice) return null;
  if (notice.status === "KEPT" && notice.keptAt) return { status: "KEPT", keptAt: notice.keptAt, justification: notice.justification };
  return { status: "WARNED", idleSince: notice.idleSince, neverUsed: notice.neverUsed, reclaimOn: notice.reclaimOn };
}
