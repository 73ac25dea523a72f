import "server-only";
import { db } from "../db";

export function listNotifications(userId: string, take = 50) {
  return db().notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take });
}
