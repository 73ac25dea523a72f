import "server-only";
import type { CurrentUser } from "../auth/session";
import { db } from "../db";
import { awaitingDecision, heldByMaintenance, isOpenStatus, mayDecide, parseApprovalSteps, type Change } from "../domain";
import { approvalFactsForPerson } from "../core/approvers";
import { changeNames } from "../core/change-words";
import { parseStoredChange } from "../core/stored-change";

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

/**
 * Plain words for changes, naming the given WorkSpaces ("WSAMZN-LLQWLC2M (Standard, Windows)") and the
 * bundles of the given Regions instead of their ids; an id shows only for a WorkSpace nobody knows.
 */
export async function describer(regions: Iterable<string>, workspaceIds: Iterable<string | null> = []) {
  const names = await changeNames(
    db(),
    regions,
    [...workspaceIds].filter((id): id is string => Boolean(id)),
  );
  return (change: unknown) => names.describe(change as Change);
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
  const describe = await describer(
    rows.map((r) => r.region),
    rows.map((r) => r.workspaceId),
  );
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
  const workspaceId = request.resultWorkspaceId ?? request.workspaceId;
  const names = await changeNames(db(), [request.region], workspaceId ? [workspaceId] : []);
  // An open configuration change on a WorkSpace in admin maintenance waits for it to end (lib/domain/maintenance.ts).
  const cached =
    request.workspaceId && isOpenStatus(request.status)
      ? await db().workspace.findUnique({ where: { id: request.workspaceId }, select: { state: true } })
      : null;
  return {
    waitsForMaintenance: heldByMaintenance(cached?.state, request.type),
    request,
    events,
    what: names.describe(parseStoredChange(request.change)),
    /** How people name the WorkSpace it is about (or produced); null when there is none, the id when it is unknown. */
    workspace: workspaceId ? { id: workspaceId, name: names.workspace(workspaceId) ?? workspaceId } : null,
    isRequester: request.requesterId === user.id,
    /** The requester or the person it is for, as opposed to an approver or admin looking at it. */
    mine,
  };
}
