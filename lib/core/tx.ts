import "server-only";
import type { Prisma, PrismaClient } from "../generated/prisma/client";

/** A Prisma client or an open transaction: helpers that only add rows accept either. */
export type Tx = Prisma.TransactionClient | PrismaClient;

/**
 * Who did something: a signed-in person, or the portal itself (executor, scheduler). `via` names the
 * REST API token a person acted through (an ITSM tool on their behalf), so the audit log says so.
 */
export type Actor =
  { kind: "user"; id: string; name: string; role: "EMPLOYEE" | "MANAGER" | "ADMIN"; via?: string } | { kind: "system"; name: string };

export const SYSTEM: Actor = { kind: "system", name: "system" };

/** Plain JSON for a Json column: drops undefined and Dates become ISO strings, as the column would store them. */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;
}
