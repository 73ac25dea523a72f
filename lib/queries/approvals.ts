import "server-only";
import type { CurrentUser } from "../auth/session";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { awaitingDecision, mayDecide } from "../domain";
import { approvalFactsForPerson, whyAskedSentences } from "../core/approvers";
import { approvalDeadlines } from "../presentation/format";
import { policyAndPrices } from "./settings";
import { describer } from "./requests";

export interface InboxRow {
  id: string;
  requesterName: string;
  what: string;
  justification: string;
  costDeltaCents: number | null;
  currency: string;
  approvalReason: string;
  createdAt: Date;
  escalatesAt: Date;
  expiresAt: Date;
  escalated: boolean;
  delegatedFrom: string | null;
  stepLabel: string;
  /** "You are asked because you are Alice's manager." */
  whyAsked: string;
}

const INBOX_LIMIT = 500;

/**
 * Ids of the pending requests whose current step names one of `approverIds`, and for an admin also
 * those at an admin step or escalated, oldest first. A superset for the domain rule to judge: it
 * narrows in SQL so that other people's requests never crowd someone's own out of the limit.
 */
async function candidateIds(userId: string, approverIds: readonly string[], asAdmin: boolean): Promise<string[]> {
  const step = Prisma.sql`(r."approvalSteps" -> r."currentStep")`;
  const named = Prisma.sql`(${step} ->> 'role' = 'MANAGER' AND ${step} ->> 'approverId' IN (${Prisma.join([...approverIds])}))`;
  const admin = asAdmin ? Prisma.sql` OR ${step} ->> 'role' = 'ADMIN' OR r."escalatedAt" IS NOT NULL` : Prisma.empty;
  const rows = await db().$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT r."id" FROM "Request" r
    WHERE r."status" = 'PENDING_APPROVAL' AND r."requesterId" <> ${userId} AND (${named}${admin})
    ORDER BY r."createdAt" ASC, r."id" ASC
    LIMIT ${INBOX_LIMIT}`);
  return rows.map((r) => r.id);
}

/** Requests waiting for the user's decision now: as manager, as someone's delegate, or as admin. */
export async function approvalInbox(user: CurrentUser, now = new Date()): Promise<InboxRow[]> {
  const [facts, settings] = await Promise.all([approvalFactsForPerson(db(), user.id, now), policyAndPrices().then((p) => p.settings)]);
  const me = facts.people.find((p) => p.id === user.id);
  if (!me) return [];
  const ids = await candidateIds(user.id, [user.id, ...facts.delegations.map((d) => d.approverId)], me.role === "ADMIN");
  const pending = await db().request.findMany({
    where: { id: { in: ids } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { requester: { select: { name: true } } },
  });
  const names = new Map(facts.people.map((p) => [p.id, p.name]));
  const mine = pending.flatMap((r) => {
    const awaiting = awaitingDecision(r);
    const right = mayDecide(user.id, awaiting, facts);
    return right.ok ? [{ r, awaiting, step: awaiting.step, onBehalfOf: right.onBehalfOf }] : [];
  });
  const reasons = await whyAskedSentences(
    db(),
    user.id,
    facts,
    mine.map(({ r, awaiting }) => ({ requesterName: r.requester.name, awaiting })),
  );
  const describe = await describer(
    mine.map(({ r }) => r.region),
    mine.map(({ r }) => r.workspaceId),
  );
  return mine.map(({ r, step, onBehalfOf }, i) => {
    const { escalatesAt, expiresAt } = approvalDeadlines(r.createdAt, settings.escalationDays, settings.expiryDays);
    return {
      id: r.id,
      requesterName: r.requester.name,
      what: describe(r.change),
      justification: r.justification,
      costDeltaCents: r.costDeltaCents,
      currency: r.currency,
      approvalReason: r.approvalReason,
      createdAt: r.createdAt,
      escalatesAt,
      expiresAt,
      escalated: r.escalatedAt !== null,
      delegatedFrom: onBehalfOf ? (names.get(onBehalfOf) ?? null) : null,
      stepLabel: step?.role === "ADMIN" ? "Admin approval" : "Manager approval",
      whyAsked: reasons[i] ?? "",
    };
  });
}

/** What the user decided, newest first. */
export async function decisionHistory(userId: string, take = 100) {
  const decisions = await db().decision.findMany({
    where: { approverId: userId },
    orderBy: { createdAt: "desc" },
    take,
    include: {
      request: {
        select: {
          id: true,
          change: true,
          region: true,
          workspaceId: true,
          status: true,
          costDeltaCents: true,
          requester: { select: { name: true } },
        },
      },
    },
  });
  const describe = await describer(
    decisions.map((d) => d.request.region),
    decisions.map((d) => d.request.workspaceId),
  );
  return decisions.map((d) => ({
    id: d.id,
    requestId: d.request.id,
    requesterName: d.request.requester.name,
    what: describe(d.request.change),
    decision: d.decision,
    comment: d.comment,
    channel: d.channel,
    decidedAt: d.createdAt,
    status: d.request.status,
    costDeltaCents: d.request.costDeltaCents,
  }));
}

export async function teamOpenRequests(managerId: string) {
  const rows = await db().request.findMany({
    where: { requester: { managerId }, status: { in: ["PENDING_APPROVAL", "APPROVED", "EXECUTING"] } },
    orderBy: { createdAt: "desc" },
    include: { requester: { select: { name: true } } },
  });
  const describe = await describer(
    rows.map((r) => r.region),
    rows.map((r) => r.workspaceId),
  );
  return rows.map((r) => ({
    id: r.id,
    requesterName: r.requester.name,
    what: describe(r.change),
    status: r.status,
    createdAt: r.createdAt,
    costDeltaCents: r.costDeltaCents,
  }));
}

export async function myDelegations(userId: string) {
  const [given, candidates] = await Promise.all([
    db().delegation.findMany({
      where: { approverId: userId, revokedAt: null },
      orderBy: { startsAt: "desc" },
      include: { delegate: { select: { name: true } } },
    }),
    db().user.findMany({
      where: { id: { not: userId }, role: { in: ["MANAGER", "ADMIN"] }, serviceAccount: false },
      orderBy: { name: "asc" },
      select: { id: true, name: true, role: true },
    }),
  ]);
  return { given, candidates };
}
