import "server-only";
import { OPEN_STATUSES, optimizerSettingsSchema, type OptimizerSettings } from "../domain";
import { db } from "../db";
import { recordAudit } from "../core/audit";
import { ServiceError } from "../core/errors";
import { notify } from "../core/notifications";
import { pokeJob, USAGE_SYNC_KEY } from "../core/outbox";
import { kickExecutor } from "../core/signal";
import { evaluateOptimizer, getOptimizerSettings, OPTIMIZER_SETTING, type OptimizerRow } from "../core/optimizer";
import { saveSetting } from "../core/settings";
import { SYSTEM, type Actor } from "../core/tx";
import { requireAdmin, type AdminCaller } from "./admin/guard";
import type { RequestActor } from "./requests/assess";
import { submitRequest } from "./requests/submit";

// The running-mode optimizer turns its advice into ordinary runningMode change requests, through the
// same submission path as a person's request, so the approval policy decides: a saving goes straight to
// the executor, an extra cost waits for the owner's manager. Request.origin = "optimizer" marks them.

export interface OptimizerOutcome {
  created: number;
  autoApproved: number;
  waiting: number;
  /** Why each skipped WorkSpace was skipped, grouped: reason → WorkSpace ids. */
  skipped: { reason: string; workspaceIds: string[] }[];
  requestIds: string[];
}

const SKIP = {
  gone: "it is no longer in the fleet",
  noSwitch: "the optimizer no longer recommends a switch",
  noOwner: "it has no owner to ask for",
  open: "it already has an open request",
} as const;

type RequesterFor = (row: OptimizerRow & { owner: NonNullable<OptimizerRow["owner"]> }) => Promise<RequestActor | null>;

async function createRequests(
  rows: readonly OptimizerRow[],
  wanted: readonly string[],
  requesterFor: RequesterFor,
  submittedBy: Actor | undefined,
  now: Date,
): Promise<OptimizerOutcome> {
  const byId = new Map(rows.map((r) => [r.workspaceId, r]));
  const open = await db().request.findMany({
    where: { workspaceId: { in: [...wanted] }, status: { in: [...OPEN_STATUSES] } },
    select: { workspaceId: true },
  });
  const busy = new Set(open.map((o) => o.workspaceId));
  const outcome: OptimizerOutcome = { created: 0, autoApproved: 0, waiting: 0, skipped: [], requestIds: [] };
  const skip = (reason: string, id: string) => {
    const group = outcome.skipped.find((s) => s.reason === reason);
    if (group) group.workspaceIds.push(id);
    else outcome.skipped.push({ reason, workspaceIds: [id] });
  };
  for (const id of new Set(wanted)) {
    const row = byId.get(id);
    if (!row) skip(SKIP.gone, id);
    else if (!row.target) skip(SKIP.noSwitch, id);
    else if (!row.owner) skip(SKIP.noOwner, id);
    else if (busy.has(id)) skip(SKIP.open, id);
    else {
      const requester = await requesterFor({ ...row, owner: row.owner });
      if (!requester) {
        skip(SKIP.noOwner, id);
        continue;
      }
      const change =
        row.target === "AUTO_STOP"
          ? { type: "runningMode" as const, workspaceId: id, runningMode: row.target, autoStopTimeoutMinutes: 60 }
          : { type: "runningMode" as const, workspaceId: id, runningMode: row.target };
      const result = await submitRequest(
        requester,
        { change, justification: `The running-mode optimizer recommends it. ${row.advice.reason}`, origin: "optimizer", submittedBy },
        now,
      );
      if (!result.ok) {
        skip(result.reasons[0]?.message.replace(/\.$/, "") ?? "it was refused", id);
        continue;
      }
      outcome.created += 1;
      outcome.requestIds.push(result.requestId);
      if (result.status === "APPROVED") outcome.autoApproved += 1;
      else outcome.waiting += 1;
    }
  }
  return outcome;
}

/** "created 3, skipped 2 because it already has an open request (2)". */
export function describeOutcome(outcome: OptimizerOutcome): string {
  const skipped = outcome.skipped.reduce((n, s) => n + s.workspaceIds.length, 0);
  const plural = outcome.created === 1 ? "" : "s";
  const how = `${outcome.autoApproved} approved automatically, ${outcome.waiting} waiting for approval`;
  const created = `Created ${outcome.created} request${plural} (${how})`;
  if (skipped === 0) return `${created}.`;
  const why = outcome.skipped.map((s) => `${s.reason} (${s.workspaceIds.length})`).join("; ");
  return `${created}; skipped ${skipped} because ${why}.`;
}

/**
 * An admin's "Create requests": the ticked WorkSpaces (or every current switch) are re-evaluated here,
 * never taken from the page, and each switch becomes a request for the owner, raised by the admin.
 */
export async function createOptimizerRequests(
  caller: AdminCaller,
  input: { workspaceIds: string[] } | { all: true },
  now = new Date(),
): Promise<OptimizerOutcome & { message: string }> {
  const actor = await requireAdmin(caller);
  const ids = "all" in input ? undefined : input.workspaceIds;
  const run = await evaluateOptimizer(db(), now, ids);
  const wanted = ids ?? run.rows.filter((r) => r.target !== null).map((r) => r.workspaceId);
  const admin: RequestActor = { id: actor.id, name: actor.name, role: actor.role };
  const outcome = await createRequests(run.rows, wanted, async () => admin, undefined, now);
  await recordAudit(db(), {
    actor,
    action: "optimizer.requests_created",
    targetType: "optimizer",
    targetId: "running-mode",
    detail: { ...outcome, selected: ids ? ids.length : "all switches" },
  });
  return { ...outcome, message: describeOutcome(outcome) };
}

/**
 * The nightly run (when the setting is on): the same requests, raised by the portal itself. A request
 * needs a person as requester, so each is recorded as the owner's own request, submitted by the system
 * (the audit names "system", Request.origin names the optimizer); admins are told what it did.
 */
export async function runNightlyOptimizer(now = new Date()): Promise<{ ran: boolean; outcome?: OptimizerOutcome }> {
  const settings = await getOptimizerSettings(db());
  if (!settings.nightly) return { ran: false };
  const run = await evaluateOptimizer(db(), now);
  const wanted = run.rows.filter((r) => r.target !== null).map((r) => r.workspaceId);
  const owners = new Map(
    (
      await db().user.findMany({
        where: { id: { in: run.rows.flatMap((r) => (r.owner ? [r.owner.id] : [])) } },
        select: { id: true, name: true, role: true },
      })
    ).map((u) => [u.id, u]),
  );
  const outcome = await createRequests(run.rows, wanted, async (row) => owners.get(row.owner.id) ?? null, SYSTEM, now);
  const message = describeOutcome(outcome);
  await db().$transaction(async (tx) => {
    await recordAudit(tx, {
      actor: SYSTEM,
      action: "optimizer.nightly_run",
      targetType: "optimizer",
      targetId: "running-mode",
      detail: outcome,
    });
    const admins = await tx.user.findMany({ where: { role: "ADMIN" }, select: { id: true } });
    for (const admin of admins) {
      await notify(tx, {
        userId: admin.id,
        kind: "optimizer.nightly",
        title: "The running-mode optimizer ran tonight",
        body: message,
        link: "/admin/optimizer",
      });
    }
  });
  return { ran: true, outcome };
}

export async function updateOptimizerSettings(caller: AdminCaller, raw: unknown): Promise<OptimizerSettings> {
  const actor = await requireAdmin(caller);
  const parsed = optimizerSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => ({ code: i.path.map(String).join(".") || "optimizer", message: i.message }));
    throw new ServiceError("invalid", `The optimizer settings were not saved: ${reasons[0]?.message}`, reasons);
  }
  const settings = parsed.data;
  await db().$transaction((tx) => saveSetting(tx, actor, OPTIMIZER_SETTING, settings, "optimizer.settings_updated"));
  return settings;
}

/**
 * Makes the usage sync due now, for an admin who does not want to wait for its next run (after changing
 * thresholds, or to see today's sessions). The sync itself runs in the executor; the page shows its time.
 */
export async function refreshUsageNow(caller: AdminCaller): Promise<void> {
  const actor = await requireAdmin(caller);
  await db().$transaction(async (tx) => {
    await pokeJob(tx, USAGE_SYNC_KEY);
    await recordAudit(tx, { actor, action: "usage.refresh_requested", targetType: "setting", targetId: USAGE_SYNC_KEY });
  });
  kickExecutor();
}
