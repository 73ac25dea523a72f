import "server-only";
import { changeNames } from "../core/change-words";
import { OPEN_STATUSES, reclaimAssessment, type ReclaimAssessment, type ReclaimSettings } from "../domain";
import { db } from "../db";
import { recordAudit } from "../core/audit";
import { emitReclaimWarning } from "../core/webhooks";
import { notify } from "../core/notifications";
import { getReclaimSettings } from "../core/reclaim-settings";
import type { Actor } from "../core/tx";
import { toDomainWorkspace, type WorkspaceRecord } from "../core/workspace-records";
import { submitRequest } from "./requests/submit";

// The daily reclaim run. Each WorkSpace is judged by the domain's reclaimAssessment; this module only
// turns the verdict into notices, notifications and, after the grace period, a terminate request that
// waits for an admin. Running it twice on the same day changes nothing the second time.

export const RECLAIM_ACTOR: Actor = { kind: "system", name: "Reclaim policy" };

export interface ReclaimRunSummary {
  checked: number;
  warned: number;
  cancelled: number;
  requested: number;
  /** Terminate requests the rules refused (e.g. a state change since the last sync); tried again tomorrow. */
  refused: number;
}

type Notice = { id: string; workspaceId: string; idleSince: Date; warnedAt: Date; reclaimOn: Date };

const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/** The key a reclaim request is submitted with, so a run that stopped half-way finds its request again. */
export const reclaimRequestKey = (noticeId: string) => `reclaim:${noticeId}`;

export async function runReclaim(now = new Date()): Promise<ReclaimRunSummary> {
  const client = db();
  const settings = await getReclaimSettings(client);
  const [rows, warnings, kept, requested, open] = await Promise.all([
    client.workspace.findMany({ where: { goneAt: null, state: { notIn: ["TERMINATED"] } }, omit: { raw: true } }),
    client.reclaimNotice.findMany({
      where: { status: "WARNED" },
      select: { id: true, workspaceId: true, idleSince: true, warnedAt: true, reclaimOn: true },
    }),
    client.reclaimNotice.groupBy({ by: ["workspaceId"], where: { status: "KEPT" }, _max: { keptAt: true } }),
    // An admin who refused (or an owner who cancelled) a reclaim request kept the WorkSpace as well.
    client.reclaimNotice.groupBy({ by: ["workspaceId"], where: { status: "REQUESTED" }, _max: { updatedAt: true } }),
    client.request.findMany({
      where: { workspaceId: { not: null }, status: { in: [...OPEN_STATUSES] } },
      select: { workspaceId: true, idempotencyKey: true },
    }),
  ]);
  const warningOf = new Map(warnings.map((n) => [n.workspaceId, n]));
  const lastKept = new Map<string, Date>();
  const keptAt = [
    ...kept.map((k) => [k.workspaceId, k._max.keptAt] as const),
    ...requested.map((r) => [r.workspaceId, r._max.updatedAt] as const),
  ];
  for (const [workspaceId, at] of keptAt) {
    const known = lastKept.get(workspaceId);
    if (at && (!known || known < at)) lastKept.set(workspaceId, at);
  }
  const openRequests = new Map(open.map((r) => [r.workspaceId!, r.idempotencyKey]));

  const summary: ReclaimRunSummary = { checked: rows.length, warned: 0, cancelled: 0, requested: 0, refused: 0 };
  for (const row of rows) {
    const warning = warningOf.get(row.id) ?? null;
    const verdict = reclaimAssessment({
      workspace: toDomainWorkspace(row),
      lastConnectedAt: row.lastConnectedAt,
      existsSince: row.existsSince,
      lastKept: lastKept.get(row.id) ?? null,
      hasOwner: row.ownerId !== null,
      openRequest: openRequests.has(row.id),
      warning,
      settings,
      now,
    });
    await act(row, verdict, warning, openRequests.get(row.id), settings, now, summary);
  }
  return summary;
}

async function act(
  row: WorkspaceRecord,
  verdict: ReclaimAssessment,
  warning: Notice | null,
  openRequestKey: string | null | undefined,
  settings: ReclaimSettings,
  now: Date,
  summary: ReclaimRunSummary,
): Promise<void> {
  switch (verdict.kind) {
    case "warn":
      if (await warn(row, verdict, settings, now)) summary.warned++;
      return;
    case "reclaim":
      if (warning) summary[(await requestReclaim(row, warning, now)) ? "requested" : "refused"]++;
      return;
    case "grace":
      return;
    case "inUse":
    case "exempt":
      if (!warning) return;
      // Our own request, raised by a run that stopped before it could note it: note it now.
      if (openRequestKey === reclaimRequestKey(warning.id)) {
        await markRequested(warning.id, row.id, openRequestKey, now);
        return;
      }
      // Someone else's request is open: the warning stands until it finishes.
      if (openRequestKey !== undefined) return;
      if (await cancel(warning, row.id, verdict.kind === "inUse" ? "It was used again." : verdict.reason)) summary.cancelled++;
      return;
  }
}

async function warn(row: WorkspaceRecord, verdict: Extract<ReclaimAssessment, { kind: "warn" }>, settings: ReclaimSettings, now: Date) {
  return db().$transaction(async (tx) => {
    // Another run may have warned a moment ago; one warning per WorkSpace at a time.
    const existing = await tx.reclaimNotice.findFirst({ where: { workspaceId: row.id, status: "WARNED" }, select: { id: true } });
    if (existing || !row.ownerId) return false;
    const owner = await tx.user.findUnique({ where: { id: row.ownerId }, select: { id: true, name: true, managerId: true } });
    if (!owner) return false;
    const notice = await tx.reclaimNotice.create({
      data: {
        workspaceId: row.id,
        ownerId: owner.id,
        idleSince: verdict.clock.since,
        neverUsed: verdict.clock.neverUsed,
        warnedAt: now,
        reclaimOn: verdict.reclaimOn,
      },
    });
    await recordAudit(tx, {
      actor: RECLAIM_ACTOR,
      action: "reclaim.warned",
      targetType: "workspace",
      targetId: row.id,
      after: {
        noticeId: notice.id,
        ownerId: owner.id,
        idleSince: notice.idleSince,
        neverUsed: notice.neverUsed,
        reclaimOn: notice.reclaimOn,
      },
      detail: { idleDays: settings.idleDays, graceDays: settings.graceDays },
    });
    await emitReclaimWarning(tx, notice, now);
    const unused = verdict.clock.neverUsed
      ? `has not been used since it was set up on ${isoDay(verdict.clock.since)}`
      : `has not been used since ${isoDay(verdict.clock.since)}`;
    const when = isoDay(verdict.reclaimOn);
    const link = `/workspaces/${row.id}`;
    // Named as its owner knows it ("WSAMZN-LLQWLC2M (Standard, Windows)"); the id only for one nobody can name.
    const name = (await changeNames(tx, [row.region], [row.id])).workspace(row.id) ?? row.id;
    await notify(tx, {
      userId: owner.id,
      kind: "reclaim.warned",
      title: `Your WorkSpace ${name} will be reclaimed on ${when}`,
      body:
        `Your WorkSpace ${name} ${unused}. Unless you keep it, it will be given back on ${when} and everything on it is lost. ` +
        `If you still need it, open the WorkSpace page and choose "Keep it".`,
      link,
      mail: {},
    });
    if (owner.managerId && owner.managerId !== owner.id) {
      await notify(tx, {
        userId: owner.managerId,
        kind: "reclaim.warned",
        title: `${owner.name}'s WorkSpace ${name} will be reclaimed on ${when}`,
        body: `${owner.name}'s WorkSpace ${name} ${unused}. Unless ${owner.name} keeps it, it will be given back on ${when}.`,
        link,
        mail: {},
      });
    }
    return true;
  });
}

async function cancel(warning: Notice, workspaceId: string, why: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.reclaimNotice.updateMany({ where: { id: warning.id, status: "WARNED" }, data: { status: "CANCELLED" } });
    if (count === 0) return false;
    await recordAudit(tx, {
      actor: RECLAIM_ACTOR,
      action: "reclaim.cancelled",
      targetType: "workspace",
      targetId: workspaceId,
      before: { noticeId: warning.id, status: "WARNED" },
      after: { status: "CANCELLED" },
      detail: { why },
    });
    return true;
  });
}

async function markRequested(noticeId: string, workspaceId: string, key: string, now: Date): Promise<void> {
  const request = await db().request.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
  if (!request) return;
  await db().$transaction(async (tx) => {
    const { count } = await tx.reclaimNotice.updateMany({
      where: { id: noticeId, status: "WARNED" },
      data: { status: "REQUESTED", requestId: request.id, updatedAt: now },
    });
    if (count === 0) return;
    await recordAudit(tx, {
      actor: RECLAIM_ACTOR,
      action: "reclaim.requested",
      targetType: "workspace",
      targetId: workspaceId,
      requestId: request.id,
      after: { noticeId, status: "REQUESTED" },
    });
  });
}

/** The grace period is over: ask the admins to give the WorkSpace back, on the owner's behalf. */
async function requestReclaim(row: WorkspaceRecord, warning: Notice, now: Date): Promise<boolean> {
  const owner = row.ownerId
    ? await db().user.findUnique({ where: { id: row.ownerId }, select: { id: true, name: true, role: true } })
    : null;
  if (!owner) return false;
  const result = await submitRequest(
    { id: owner.id, name: owner.name, role: owner.role },
    {
      change: { type: "terminate", workspaceId: row.id },
      justification:
        `Reclaim: not used since ${isoDay(warning.idleSince)}; ` +
        `the owner was warned on ${isoDay(warning.warnedAt)} and did not keep it by ${isoDay(warning.reclaimOn)}.`,
      confirmDestructive: true,
      origin: "reclaim",
      idempotencyKey: reclaimRequestKey(warning.id),
      submittedBy: RECLAIM_ACTOR,
    },
    now,
  );
  if (!result.ok) {
    await recordAudit(db(), {
      actor: RECLAIM_ACTOR,
      action: "reclaim.request_refused",
      targetType: "workspace",
      targetId: row.id,
      detail: { noticeId: warning.id, reasons: result.reasons },
    });
    return false;
  }
  await markRequested(warning.id, row.id, reclaimRequestKey(warning.id), now);
  return true;
}
