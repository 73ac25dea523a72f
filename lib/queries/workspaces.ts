import "server-only";
import type { CurrentUser } from "../auth/session";
import { db } from "../db";
import {
  autoStopHoursForEstimate,
  OPEN_STATUSES,
  priceShape,
  workspaceMonthlyCost,
  userVisibleState,
  type Money,
  type WorkspaceState,
} from "../domain";
import { bulkActionLabel } from "../presentation/describe";
import { monthUsageOf, usageThisMonth, type MonthUsage } from "../core/usage";
import type { WorkspaceRecord } from "../core/workspace-records";
import { catalogFor } from "./catalog";
import { dashboardRows, type OpenRequestRow } from "./hot-reads";
import { policyAndPrices } from "./settings";

export interface WorkspaceView {
  id: string;
  /** The AWS account it is in (lib/core/accounts.ts); absent means the environment's own. */
  accountId?: string;
  state: string;
  stateLabel: string;
  stateTone: string;
  stateSentence: string;
  bundleId: string;
  bundleName: string;
  computeType: string | null;
  rootVolumeGb: number | null;
  userVolumeGb: number | null;
  runningMode: string | null;
  autoStopTimeoutMinutes: number | null;
  region: string;
  directoryId: string;
  directoryName: string;
  directoryType: string | null;
  registrationCode: string | null;
  ipAddress: string | null;
  computerName: string | null;
  userName: string;
  ownerId: string | null;
  ownerName: string | null;
  connectionState: string | null;
  lastConnectedAt: Date | null;
  costCenter: string | null;
  operatingSystem: string | null;
  rootVolumeEncrypted: boolean;
  userVolumeEncrypted: boolean;
  monthlyCost: Money | null;
  /** The AutoStop hours the estimate counts when they come from this month's usage; null when the policy's assumption is used. */
  billableHoursThisMonth: number | null;
  /** The month's billable hours at the pace so far, which the estimate counts; null with no usage. */
  projectedHoursThisMonth: number | null;
  unconfirmedPrices: boolean;
  openRequests: { id: string; type: string; status: string; createdAt: Date }[];
}

// `raw` (everything AWS returned) is never shown, so list queries leave it out (WorkspaceRecord).
type RowWithOwner = WorkspaceRecord & { owner?: { name: string } | null };

const openSelect = { id: true, type: true, status: true, createdAt: true, workspaceId: true } as const;

async function toViews(
  rows: RowWithOwner[],
  prefetched?: { open: OpenRequestRow[]; usage: Map<string, MonthUsage> },
): Promise<WorkspaceView[]> {
  if (rows.length === 0) return [];
  const [catalog, { prices, settings }, usage, open] = await Promise.all([
    catalogFor(
      rows.map((r) => r.region),
      rows.map((r) => r.accountId),
    ),
    policyAndPrices(),
    prefetched?.usage ??
      usageThisMonth(
        db(),
        rows.map((r) => r.id),
        new Date(),
      ),
    prefetched?.open ??
      db().request.findMany({
        where: { workspaceId: { in: rows.map((r) => r.id) }, status: { in: [...OPEN_STATUSES] } },
        select: openSelect,
        orderBy: { createdAt: "desc" },
      }),
  ]);
  return rows.map((row) => {
    const bundle = catalog.bundle(row.bundleId);
    const directory = catalog.directory(row.directoryId);
    const expectedAutoStopHours = autoStopHoursForEstimate(usage.get(row.id)?.projectedHours, settings.expectedAutoStopHoursPerMonth);
    const cost = workspaceMonthlyCost(bundle, priceShape(row), prices, { expectedAutoStopHours });
    const visible = userVisibleState(row.state as WorkspaceState) ?? { label: row.state, tone: "busy", sentence: "" };
    return {
      id: row.id,
      accountId: row.accountId,
      state: row.state,
      stateLabel: visible.label,
      stateTone: visible.tone,
      stateSentence: visible.sentence,
      bundleId: row.bundleId,
      bundleName: bundle?.name ?? row.bundleId,
      computeType: row.computeType,
      rootVolumeGb: row.rootVolumeGb,
      userVolumeGb: row.userVolumeGb,
      runningMode: row.runningMode,
      autoStopTimeoutMinutes: row.autoStopTimeoutMinutes,
      region: row.region,
      directoryId: row.directoryId,
      directoryName: directory?.name ?? row.directoryId,
      directoryType: directory?.type ?? null,
      registrationCode: directory?.registrationCode ?? null,
      ipAddress: row.ipAddress,
      computerName: row.computerName,
      userName: row.userName,
      ownerId: row.ownerId,
      ownerName: row.owner?.name ?? null,
      connectionState: row.connectionState,
      lastConnectedAt: row.lastConnectedAt,
      costCenter: row.costCenter,
      operatingSystem: row.operatingSystem ?? bundle?.operatingSystem ?? null,
      rootVolumeEncrypted: row.rootVolumeEncrypted,
      userVolumeEncrypted: row.userVolumeEncrypted,
      monthlyCost: cost.ok ? cost.total : null,
      billableHoursThisMonth: usage.get(row.id)?.billableHours ?? null,
      projectedHoursThisMonth: usage.get(row.id)?.projectedHours ?? null,
      unconfirmedPrices: cost.ok && cost.usesUnconfirmedPrices,
      openRequests: open.filter((o) => o.workspaceId === row.id).map(({ workspaceId: _w, ...r }) => r),
    };
  });
}

const live = { goneAt: null, state: { notIn: ["TERMINATED"] } };

/** The home page: the user's WorkSpaces and every open request by or for them, read in one statement. */
export async function myDashboard(userId: string) {
  const now = new Date();
  const { workspaces, open, usage, usageAsOf } = await dashboardRows(userId, OPEN_STATUSES, now);
  const views = await toViews(workspaces, { open, usage: monthUsageOf(usage, now, usageAsOf) });
  return { workspaces: views, coming: open.filter((r) => r.type === "create") };
}

/** The WorkSpace if the viewer owns it (or is an admin); null otherwise, so the page answers 404 either way. */
export async function getWorkspaceForViewer(user: CurrentUser, id: string): Promise<WorkspaceView | null> {
  const row = await db().workspace.findFirst({
    where: { id, goneAt: null, ...(user.role === "ADMIN" ? {} : { ownerId: user.id }) },
    omit: { raw: true },
    include: { owner: { select: { name: true } } },
  });
  if (!row) return null;
  return (await toViews([row]))[0] ?? null;
}

/** Every request about the WorkSpace, newest first, for its history. */
export function workspaceRequests(workspaceId: string) {
  return db().request.findMany({
    where: { OR: [{ workspaceId }, { resultWorkspaceId: workspaceId }] },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: {
      id: true,
      type: true,
      change: true,
      status: true,
      createdAt: true,
      completedAt: true,
      failureReason: true,
      requester: { select: { name: true } },
    },
  });
}

/** Fleet operations by admins that included the WorkSpace, newest first, with each one's outcome for it. */
export async function workspaceFleetChanges(workspaceId: string) {
  const items = await db().bulkItem.findMany({
    where: { workspaceId },
    orderBy: { operation: { createdAt: "desc" } },
    take: 20,
    select: {
      id: true,
      status: true,
      reason: true,
      updatedAt: true,
      operation: { select: { action: true, params: true, createdBy: true, createdAt: true } },
    },
  });
  return items.map((i) => ({
    id: i.id,
    what: bulkActionLabel(i.operation.action, i.operation.params),
    by: i.operation.createdBy,
    startedAt: i.operation.createdAt,
    status: i.status,
    reason: i.reason,
    finishedAt: i.status === "PENDING" ? null : i.updatedAt,
  }));
}

/** The team's WorkSpaces, for their manager. */
export async function listTeamWorkspaces(managerId: string): Promise<WorkspaceView[]> {
  const rows = await db().workspace.findMany({
    where: { owner: { managerId }, ...live },
    omit: { raw: true },
    include: { owner: { select: { name: true } } },
    orderBy: { userName: "asc" },
  });
  return toViews(rows);
}
