import "server-only";
import { db } from "../db";

export interface ReclaimWarning {
  idleSince: Date;
  neverUsed: boolean;
  reclaimOn: Date;
}

/** The reclaim warning out for a WorkSpace, if any; the page checks the viewer may see the WorkSpace first. */
export async function reclaimWarningFor(workspaceId: string): Promise<ReclaimWarning | null> {
  return db().reclaimNotice.findFirst({
    where: { workspaceId, status: "WARNED" },
    select: { idleSince: true, neverUsed: true, reclaimOn: true },
    orderBy: { warnedAt: "desc" },
  });
}
