import "server-only";
import { db } from "../db";

/** Only the user's own notifications can be marked, whatever ids are sent. */
export async function markNotificationsRead(userId: string, ids: string[] | "all"): Promise<number> {
  const where = ids === "all" ? { userId, readAt: null } : { userId, readAt: null, id: { in: ids } };
  const { count } = await db().notification.updateMany({ where, data: { readAt: new Date() } });
  return count;
}
