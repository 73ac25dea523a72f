import "server-only";
import type { ApiRequest, ApiWorkspace } from "../schemas/api";
import type { Request, User, Workspace } from "../generated/prisma/client";
import { parseApprovalSteps } from "../domain";
import type { Tx } from "./tx";

// How the REST API and the webhooks show a request or a WorkSpace: one shape for both, so a webhook's
// `data` is exactly what GET /api/v1/requests/{id} returns at that moment (without the timeline).

type PersonRow = Pick<User, "id" | "email" | "name">;
const person = (p: PersonRow) => ({ id: p.id, email: p.email, name: p.name });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const requestResourceInclude = {
  requester: { select: { id: true, email: true, name: true } },
  beneficiary: { select: { id: true, email: true, name: true } },
} as const;

export function toApiRequest(row: Request & { requester: PersonRow; beneficiary: PersonRow }): ApiRequest {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    change: row.change as Record<string, unknown>,
    workspaceId: row.workspaceId,
    region: row.region,
    directoryId: row.directoryId,
    requester: person(row.requester),
    beneficiary: person(row.beneficiary),
    justification: row.justification,
    monthlyCostDelta: row.costDeltaCents === null ? null : { cents: row.costDeltaCents, currency: row.currency },
    approvalReason: row.approvalReason,
    approvalSteps: parseApprovalSteps(row.approvalSteps).map((s) =>
      s.role === "MANAGER" ? { role: s.role, approverId: s.approverId } : { role: s.role },
    ),
    currentStep: row.currentStep,
    origin: row.origin,
    failureCode: row.failureCode,
    failureReason: row.failureReason,
    resultWorkspaceId: row.resultWorkspaceId,
    createdAt: row.createdAt.toISOString(),
    decidedAt: iso(row.decidedAt),
    completedAt: iso(row.completedAt),
  };
}

/** The request as the API shows it, read inside the caller's transaction (so a webhook sees the committed-to-be state). */
export async function requestResource(tx: Tx, requestId: string): Promise<ApiRequest | null> {
  const row = await tx.request.findUnique({ where: { id: requestId }, include: requestResourceInclude });
  return row ? toApiRequest(row) : null;
}

export const workspaceResourceSelect = {
  id: true,
  region: true,
  directoryId: true,
  userName: true,
  state: true,
  bundleId: true,
  computeType: true,
  runningMode: true,
  autoStopTimeoutMinutes: true,
  rootVolumeGb: true,
  userVolumeGb: true,
  protocols: true,
  computerName: true,
  ipAddress: true,
  tags: true,
  stateChangedAt: true,
  lastConnectedAt: true,
  lastSyncedAt: true,
  owner: { select: { id: true, email: true, name: true } },
} as const;

type WorkspaceResourceRow = Pick<
  Workspace,
  | "id"
  | "region"
  | "directoryId"
  | "userName"
  | "state"
  | "bundleId"
  | "computeType"
  | "runningMode"
  | "autoStopTimeoutMinutes"
  | "rootVolumeGb"
  | "userVolumeGb"
  | "protocols"
  | "computerName"
  | "ipAddress"
  | "tags"
  | "stateChangedAt"
  | "lastConnectedAt"
  | "lastSyncedAt"
> & { owner: PersonRow | null };

export function toApiWorkspace(row: WorkspaceResourceRow): ApiWorkspace {
  return {
    id: row.id,
    region: row.region,
    directoryId: row.directoryId,
    userName: row.userName,
    owner: row.owner ? person(row.owner) : null,
    state: row.state,
    bundleId: row.bundleId,
    computeType: row.computeType,
    runningMode: row.runningMode,
    autoStopTimeoutMinutes: row.autoStopTimeoutMinutes,
    rootVolumeGb: row.rootVolumeGb,
    userVolumeGb: row.userVolumeGb,
    protocols: row.protocols,
    computerName: row.computerName,
    ipAddress: row.ipAddress,
    tags: Array.isArray(row.tags) ? (row.tags as { key: string; value: string }[]).map((t) => ({ key: t.key, value: t.value })) : [],
    stateChangedAt: row.stateChangedAt.toISOString(),
    lastConnectedAt: iso(row.lastConnectedAt),
    lastSyncedAt: row.lastSyncedAt.toISOString(),
  };
}

export async function workspaceResource(tx: Tx, workspaceId: string): Promise<ApiWorkspace | null> {
  const row = await tx.workspace.findUnique({ where: { id: workspaceId }, select: workspaceResourceSelect });
  return row ? toApiWorkspace(row) : null;
}
