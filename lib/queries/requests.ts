import "server-only";
import type { CurrentUser } from "../auth/session";
import { db } from "../db";
import { awaitingDecision, mayDecide, parseApprovalSteps, type Change } from "../domain";
import { describeChange } from "../presentation/describe";
import { approvalFactsForPerson } from "../core/approvers";
import { bundlesIn } from "./catalog";

export interface RequestRow {
  id: string;
  what: string;
  type: string;
  status: string;
  createdAt: Date;
  costDeltaCents: number | null;
  workspaceId: string | null;
  resultWorkspaceId: string | null;
}

/** Plain words for a change, with bundle names instead of ids where the catalog knows them. */
export async function describer(regions: Iterable<string>) {
  const bundles = (await Promise.all([...new Set(regions)].map(bundlesIn))).flat();
  return (change: unknown) => describeChange(change as Change, (id) => bundles.find((b) => b.id === id)?.name);
}

export async function listMyRequests(userId: string, take = 100): Promise<RequestRow[]> {
  const rows = await db().request.findMany({
    where: { OR: [{ requesterId: userId }, { beneficiaryId: userId }] },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      type: true,
      change: true,
      status: true,
      createdAt: true,
      costDeltaCents: true,
      workspaceId: true,
      resultWorkspaceId: true,
      region: true,
    },
  });
  const describe = await describer(rows.map((r) => r.region));
  return rows.map(({ change, region: _r, ...r }) => ({ ...r, what: describe(change) }));
}

const detailInclude = {
  requester: { select: { id: true, name: true, email: true } },
  beneficiary: { select: { id: true, name: true } },
  decisions: { orderBy: { createdAt: "asc" as const }, include: { approver: { select: { name: true } } } },
};

/**
 * The request if the viewer may see it: the requester or beneficiary, an approver who is or was asked
 * to decide it, or an admin. Anyone else gets null, so the page answers 404 without saying it exists.
 */
export async function getRequestForViewer(user: CurrentUser, id: string) {
  const request = await db().request.findUnique({ where: { id }, include: detailInclude });
  if (!request) return null;
  const mine = request.requesterId === user.id || request.beneficiaryId === user.id;
  let approver = false;
  if (!mine && user.role !== "EMPLOYEE") {
    approver =
      user.role === "ADMIN" ||
      request.decisions.some((d) => d.approverId === user.id) ||
      (request.status === "PENDING_APPROVAL" &&
        mayDecide(user.id, awaitingDecision(request), await approvalFactsForPerson(db(), user.id, new Date())).ok) ||
      parseApprovalSteps(request.approvalSteps).some((s) => s.role === "MANAGER" && s.approverId === user.id);
  }
  if (!mine && !approver) return null;
  const events = await db().auditEvent.findMany({
    where: { requestId: id },
    orderBy: { at: "asc" },
    select: { id: true, at: true, action: true, actorLabel: true, detail: true },
  });
  const describe = await describer([request.region]);
  return { request, events, what: describe(request.change), isRequester: request.requesterId === user.id };
}
