import type { AwsGateway, WorkspaceSummary } from "../../aws";
import type { Change } from "../../domain";
import type { PrismaClient, Request } from "../../generated/prisma/client";
import { recordAudit } from "../../core/audit";
import { notify } from "../../core/notifications";
import { describeChange } from "../../presentation/describe";
import { SYSTEM, toJson } from "../../core/tx";
import { progressOf, type StoredRequest } from "../apply";
import { markGone, ownerIndex, upsertWorkspace } from "../../core/workspace-cache";
import { failRequest } from "../failure";
import type { JobHandler } from "../worker";

export interface ReconcileOptions {
  timeoutMs: number;
  /** How soon to look again while requests are in progress, and when none are. */
  busyIntervalMs?: number;
  idleIntervalMs?: number;
}

/** The cache columns the spacing rules need, recorded when a change is seen completed. */
function historyFor(change: Change, before: { computeType: string | null } | null, now: Date) {
  if (change.type === "volumes") return change.rootVolumeGb !== undefined ? { lastRootVolumeChangeAt: now } : { lastUserVolumeChangeAt: now };
  if (change.type === "computeType") {
    const order = ["VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO", "GRAPHICS_G4DN", "GRAPHICSPRO_G4DN"];
    const larger = order.indexOf(change.computeType) > order.indexOf(before?.computeType ?? "");
    return larger ? { lastComputeLargerAt: now } : { lastComputeSmallerAt: now };
  }
  return {};
}

async function succeed(db: PrismaClient, request: Request, change: Change, region: string, ws: WorkspaceSummary | undefined, result: WorkspaceSummary | undefined, now: Date) {
  const owners = await ownerIndex(db);
  await db.$transaction(async (tx) => {
    const { count } = await tx.request.updateMany({
      where: { id: request.id, status: "EXECUTING" },
      data: { status: "SUCCEEDED", completedAt: now, resultWorkspaceId: result?.workspaceId ?? request.resultWorkspaceId },
    });
    if (count !== 1) return;
    const cached = change.type === "create" ? null : await tx.workspace.findUnique({ where: { id: change.workspaceId }, select: { computeType: true } });
    if (ws) {
      await upsertWorkspace(tx, region, ws, owners, now);
      const history = historyFor(change, cached, now);
      if (Object.keys(history).length) await tx.workspace.update({ where: { id: ws.workspaceId }, data: history });
    }
    if (change.type === "terminate") await markGone(tx, [change.workspaceId], now);
    if (result) {
      const tags = change.type === "create" ? change.tags.map((t) => ({ key: t.key, value: t.value })) : undefined;
      await upsertWorkspace(tx, region, result, owners, now, tags);
      if (change.type === "migrate") await markGone(tx, [change.workspaceId], now);
    }
    await recordAudit(tx, {
      actor: SYSTEM,
      action: "request.succeeded",
      targetType: "request",
      targetId: request.id,
      requestId: request.id,
      before: { status: "EXECUTING" },
      after: toJson({ status: "SUCCEEDED", workspace: result?.workspaceId ?? (change.type === "create" ? undefined : change.workspaceId) }),
    });
    await notify(tx, {
      userId: request.requesterId,
      requestId: request.id,
      kind: "request.succeeded",
      title: "Your request is complete",
      body: `${describeChange(change)} is done.${result && change.type === "migrate" ? ` The WorkSpace's new id is ${result.workspaceId}.` : ""}`,
      link: `/requests/${request.id}`,
      mail: {},
    });
  });
}

/**
 * One sweep over every request in progress: their WorkSpaces are described in batches of 25 per
 * Region, each request is marked succeeded when AWS shows the target state, failed after the timeout,
 * and otherwise looked at again on the next sweep.
 */
export function reconcileHandler(gateway: () => AwsGateway, options: ReconcileOptions): JobHandler {
  const busy = options.busyIntervalMs ?? 2000;
  const idle = options.idleIntervalMs ?? 15_000;
  return {
    async run(_job, ctx) {
      const { db } = ctx;
      const now = new Date();
      const executing = await db.request.findMany({ where: { status: "EXECUTING", awsCalledAt: { not: null } }, orderBy: { executionStartedAt: "asc" }, take: 500 });
      // awsCalledAt means a call may have been made, not that it was: while the execute job is still
      // pending (its call failed and waits for a retry, or its worker died) the WorkSpace's state says
      // nothing about this request, and an AVAILABLE WorkSpace would pass a reboot that never happened.
      const unfinished = await db.outboxJob.findMany({ where: { status: "PENDING", dedupeKey: { in: executing.map((r) => `execute:${r.id}`) } }, select: { dedupeKey: true } });
      const waiting = new Set(unfinished.map((j) => j.dedupeKey));
      const byRegion = new Map<string, Request[]>();
      for (const r of executing) if (!waiting.has(`execute:${r.id}`)) byRegion.set(r.region, [...(byRegion.get(r.region) ?? []), r]);

      for (const [region, requests] of byRegion) {
        const gw = gateway().region(region);
        const ids = new Set<string>();
        for (const r of requests) {
          const change = r.change as unknown as Change;
          if (change.type !== "create") ids.add(change.workspaceId);
          if (r.resultWorkspaceId) ids.add(r.resultWorkspaceId);
        }
        const described = ids.size ? (await gw.workspaces.getWorkspaces([...ids])).workspaces : [];
        const byId = new Map(described.map((w) => [w.workspaceId, w]));
        for (const r of requests) {
          const change = r.change as unknown as Change;
          const stored: StoredRequest = { ...r, change, executionMemo: r.executionMemo as StoredRequest["executionMemo"] };
          const ws = change.type === "create" ? undefined : byId.get(change.workspaceId);
          let result = r.resultWorkspaceId ? byId.get(r.resultWorkspaceId) : undefined;
          if (change.type === "create" && !result) {
            result = (await gw.workspaces.findWorkspacesByRequestTag(r.id, { directoryId: change.directoryId, userName: change.ownerUserName }))[0];
          }
          const progress = progressOf(stored, ws, result, now);
          if (progress.kind === "done") await succeed(db, r, change, region, ws, result, now);
          else if (progress.kind === "failed") await failRequest(db, r.id, { reason: progress.reason, code: "aws_error" }, { alertAdmins: true, now });
          else if (r.executionStartedAt && now.getTime() - r.executionStartedAt.getTime() > options.timeoutMs) {
            await failRequest(db, r.id, { reason: `It did not finish within ${Math.round(options.timeoutMs / 60000)} minutes; an admin has been told.`, code: "timeout" }, { alertAdmins: true, now });
          } else if (progress.sawTransition && !stored.executionMemo?.sawTransition) {
            await db.request.update({ where: { id: r.id }, data: { executionMemo: { sawTransition: true } } });
          }
        }
      }
      return { done: false, runAt: new Date(Date.now() + (executing.length ? busy : idle)) };
    },
  };
}
