// Tells whether a call may have written to the database, cheaply enough to ask after every one of
// thousands of fuzz inputs. Two layers:
// - the portal's Prisma client is replaced by one that notes every operation that can write (any model
//   write, and raw SQL other than a plain SELECT); a call that made none wrote nothing;
// - otherwise PostgreSQL's next transaction id is compared: every write assigns one, so an unchanged
//   value proves nothing was written even by SQL the first layer could not classify.
// Only when both say "maybe" are the tables counted (see counts.ts).
import { db, installDatabase } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const READS = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count", "aggregate", "groupBy"]);
const PLAIN_SELECT =
  /^\s*(SELECT|WITH)\b(?![\s\S]*\b(INSERT|UPDATE|DELETE|MERGE|FOR\s+(NO\s+KEY\s+)?UPDATE|FOR\s+SHARE|nextval|setval)\b)/i;

function sqlOf(args: unknown): string {
  if (typeof args === "string") return args;
  if (Array.isArray(args)) return sqlOf(args[0]);
  const a = args as { strings?: readonly string[]; sql?: string } | null;
  if (a?.sql) return a.sql;
  if (a?.strings) return a.strings.join("?");
  return "";
}

export interface WriteWatch {
  /** Operations that could write since the last reset. */
  maybeWrites: number;
  reset(): void;
  /** PostgreSQL's next transaction id now. */
  nextXid(): Promise<bigint>;
}

export function watchWrites(prisma: PrismaClient, kind: "pglite" | "postgres"): WriteWatch {
  const watch = {
    maybeWrites: 0,
    reset() {
      watch.maybeWrites = 0;
    },
    async nextXid() {
      const [row] = await prisma.$queryRawUnsafe<{ xid: string }[]>(`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xid`);
      return BigInt(row!.xid);
    },
  };
  const watched = prisma.$extends({
    query: {
      async $allOperations({ operation, args, query }) {
        const raw = operation.startsWith("$");
        if (raw ? !(operation.startsWith("$queryRaw") && PLAIN_SELECT.test(sqlOf(args))) : !READS.has(operation)) watch.maybeWrites++;
        return query(args);
      },
    },
  }) as unknown as PrismaClient;
  installDatabase(watched, kind);
  if (db() !== watched) throw new Error("the watched client is not the one services use");
  return watch;
}
