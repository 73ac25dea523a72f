import "server-only";
import type { CurrentUser } from "../auth/session";
import { db } from "../db";
import { approvalDeadlines } from "../presentation/format";
import { isWaitingFor, type RoutingRequest } from "../presentation/routing";
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
}

/** Requests waiting for the user's decision now: as manager, as someone's delegate, or as admin. */
export async function approvalInbox(user: CurrentUser, now = new Date()): Promise<InboxRow[]> {
  const [pending, delegations, settings] = await Promise.all([
    db().request.findMany({
      where: { status: "PENDING_APPROVAL", requesterId: { not: user.id } },
      orderBy: { createdAt: "asc" },
      take: 500,
      include: { requester: { select: { name: true } } },
    }),
    db().delegation.findMany({
      where: { delegateId: user.id, revokedAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
      include: { approver: { select: { id: true, name: true } } },
    }),
    policyAndPrices().then((p) => p.settings),
  ]);
  const delegators = new Map(delegations.map((d) => [d.approver.id, d.approver.name]));
  const mine = pending.filter((r) => isWaitingFor(r as RoutingRequest, { id: user.id, isAdmin: user.role === "ADMIN", delegatorIds: [...delegators.keys()] }));
  const describe = await describer(mine.map((r) => r.region));
  return mine.map((r) => {
    const step = (r.approvalSteps as { role: string; approverId?: string }[])[r.currentStep];
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
      delegatedFrom: step?.approverId && step.approverId !== user.id ? (delegators.get(step.approverId) ?? null) : null,
      stepLabel: step?.role === "ADMIN" ? "Admin approval" : "Manager approval",
    };
  });
}

/** What the user decided, newest first. */
export async function decisionHistory(userId: string, take = 100) {
  const decisions = await db().decision.findMany({
    where: { approverId: userId },
    orderBy: { createdAt: "desc" },
    take,
    include: { request: { select: { id: true, change: true, region: true, status: true, costDeltaCents: true, requester: { select: { name: true } } } } },
  });
  const describe = await describer(decisions.map((d) => d.request.region));
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
  const describe = await describer(rows.map((r) => r.region));
  return rows.map((r) => ({ id: r.id, requesterName: r.requester.name, what: describe(r.change), status: r.status, createdAt: r.createdAt, costDeltaCents: r.costDeltaCents }));
}

export async function myDelegations(userId: string) {
  const [given, candidates] = await Promise.all([
    db().delegation.findMany({ where: { approverId: userId, revokedAt: null }, orderBy: { startsAt: "desc" }, include: { delegate: { select: { name: true } } } }),
    db().user.findMany({ where: { id: { not: userId }, role: { in: ["MANAGER", "ADMIN"] } }, orderBy: { name: "asc" }, select: { id: true, name: true, role: true } }),
  ]);
  return { given, candidates };
}
