import "server-only";
import { db } from "../db";

export function listMail(take = 100) {
  return db().mailMessage.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, to: true, subject: true, transport: true, sentAt: true, error: true, createdAt: true },
  });
}

export function getMail(id: string) {
  return db().mailMessage.findUnique({ where: { id } });
}
