import "server-only";
import { db } from "@/lib/db";

/** What the outbox gauges read at scrape time. */
export interface OutboxSnapshot {
  depth: { kind: string; status: string; count: number }[];
  /** Seconds since the oldest due, unclaimed job became due; 0 when none is waiting. */
  oldestDueAgeSeconds: number;
}

/**
 * The outbox gauges' numbers, read at scrape time: jobs not done by kind and status, and the age of the
 * oldest due, unclaimed job. Two small aggregate queries on the (status, runAt) index; done jobs are never counted.
 */
export async function readOutboxSnapshot(): Promise<OutboxSnapshot> {
  const now = new Date();
  const [groups, oldest] = await Promise.all([
    db().outboxJob.groupBy({ by: ["kind", "status"], where: { status: { not: "DONE" } }, _count: { _all: true } }),
    // Due and unclaimed, as the executor's claim query reads it: a job being run is not waiting.
    db().outboxJob.aggregate({
      where: { status: "PENDING", runAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      _min: { runAt: true },
    }),
  ]);
  const oldestDue = oldest._min.runAt;
  return {
    depth: groups.map((g) => ({ kind: g.kind, status: g.status, count: g._count._all })),
    oldestDueAgeSeconds: oldestDue ? Math.max(0, (now.getTime() - oldestDue.getTime()) / 1000) : 0,
  };
}
