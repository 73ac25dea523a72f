import "server-only";
import type { AwsGateway, WorkspaceSummary } from "../../aws";
import { applyTagsChange, type Change } from "../../domain";
import type { PrismaClient, Request } from "../../generated/prisma/client";
import { recordAudit } from "../../core/audit";
import { emitRequestEvent } from "../../core/webhooks";
import { notify } from "../../core/notifications";
import { changeNames, changeWorkspaceId } from "../../core/change-words";
import { SYSTEM, toJson } from "../../core/tx";
import { changeKind } from "../../changes/registry";
import type { StoredRequest } from "../../changes/types";
import { parseExecutionMemo, parseStoredChange } from "../../core/stored-change";
import { markGone, ownerIndex, upsertWorkspace, type OwnerIndex } from "../../core/workspace-cache";
import { storedTags } from "../../core/workspace-records";
import { failRequest } from "../failure";
import { accountsOfWorkspaces, gatewayForAccount } from "../../core/accounts";
import { DEFAULT_ACCOUNT_ID, isDefaultAccount } from "../../domain/accounts";
import type { JobHandler } from "../worker";

const changeWorkspaceIds = (stored: unknown): string[] => {
  const change = parseStoredChange(stored);
  return change.type === "create" ? [] : [change.workspaceId];
};

export interface ReconcileOptions {
  timeoutMs: number;
  /** How soon to look again while requests are in progress, and when none are. */
  busyIntervalMs?: number;
  idleIntervalMs?: number;
}

async function succeed(
  db: PrismaClient,
  request: Request,
  change: Change,
  region: string,
  ws: WorkspaceSummary | undefined,
  result: WorkspaceSummary | undefined,
  now: Date,
  ownersOnce: () => Promise<OwnerIndex>,
) {
  const owners = await ownersOnce();
  await db.$transaction(async (tx) => {
    const { count } = await tx.request.updateMany({
      where: { id: request.id, status: "EXECUTING" },
      data: { status: "SUCCEEDED", completedAt: now, resultWorkspaceId: result?.workspaceId ?? request.resultWorkspaceId },
    });
    if (count !== 1) return;
    const execution = changeKind(change).execution;
    const cached =
      change.type === "create"
        ? null
        : await tx.workspace.findUnique({ where: { id: change.workspaceId }, select: { computeType: true, tags: true } });
    if (ws) {
      // A tag edit is in force once AWS answers: the cache shows the new tags now, not after the next tag sync.
      const tags = change.type === "tags" && cached ? applyTagsChange(storedTags(cached.tags), change) : undefined;
      await upsertWorkspace(tx, region, ws, owners, now, tags);
      const history = execution?.history?.(change, cached, now) ?? {};
      if (Object.keys(history).length) await tx.workspace.update({ where: { id: ws.workspaceId }, data: history });
    }
    if (result) {
      const tags = change.type === "create" ? change.tags.map((t) => ({ key: t.key, value: t.value })) : undefined;
      await upsertWorkspace(tx, region, result, owners, now, tags);
      // A new WorkSpace is in its directory's AWS account; the account's sync and its later requests find it there.
      if (change.type === "create" && !isDefaultAccount(change.accountId))
        await tx.workspace.update({ where: { id: result.workspaceId }, data: { accountId: change.accountId } });
    }
    if (execution?.endsWorkspace && change.type !== "create") await markGone(tx, [change.workspaceId], now);
    await recordAudit(tx, {
      actor: SYSTEM,
      action: "request.succeeded",
      targetType: "request",
      targetId: request.id,
      requestId: request.id,
      before: { status: "EXECUTING" },
      after: toJson({ status: "SUCCEEDED", workspace: result?.workspaceId ?? (change.type === "create" ? undefined : change.workspaceId) }),
    });
    await emitRequestEvent(tx, "request.succeeded", request.id, now);
    // Named after the cache was updated above, so a new or migrated WorkSpace is named as it is now.
    const named = [changeWorkspaceId(change), result?.workspaceId].filter((id): id is string => Boolean(id));
    // Inside the transaction: only a new WorkSpace or a migration needs the catalog for its bundle's name.
    const names = await changeNames(tx, change.type === "create" || change.type === "migrate" ? [region] : [], named);
    const resultName = result ? (names.workspace(result.workspaceId) ?? result.workspaceId) : null;
    await notify(tx, {
      userId: request.requesterId,
      requestId: request.id,
      kind: "request.succeeded",
      title: "Your request is complete",
      body:
        `${names.describe(change)} is done.` +
        (resultName && change.type === "create" ? ` Your new WorkSpace is ${resultName}.` : "") +
        (resultName && change.type === "migrate" ? ` The migrated WorkSpace is ${resultName}.` : ""),
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
      // Who owns which directory user, read once per sweep however many requests it completes: a backlog finishing
      // together would otherwise read every identity once per request.
      let owners: Promise<OwnerIndex> | undefined;
      const ownersOnce = () => (owners ??= ownerIndex(db));
      const executing = await db.request.findMany({
        where: { status: "EXECUTING", awsCalledAt: { not: null } },
        orderBy: { executionStartedAt: "asc" },
        take: 500,
      });
      // awsCalledAt means a call may have been made, not that it was: while the execute job is still
      // pending (its call failed and waits for a retry, or its worker died) the WorkSpace's state says
      // nothing about this request, and an AVAILABLE WorkSpace would pass a reboot that never happened.
      const unfinished = await db.outboxJob.findMany({
        where: { status: "PENDING", dedupeKey: { in: executing.map((r) => `execute:${r.id}`) } },
        select: { dedupeKey: true },
      });
      const waiting = new Set(unfinished.map((j) => j.dedupeKey));
      // Per AWS account and Region: each account's WorkSpaces are described through the gateway that reaches it.
      const accounts = await accountsOfWorkspaces(
        db,
        executing.flatMap((r) => changeWorkspaceIds(r.change)),
      );
      // A new WorkSpace is looked for in its directory's account, recorded with the request.
      const accountOf = (r: Request) => {
        const change = parseStoredChange(r.change);
        if (change.type === "create") return change.accountId ?? DEFAULT_ACCOUNT_ID;
        return accounts.get(change.workspaceId) ?? DEFAULT_ACCOUNT_ID;
      };
      const byRegion = new Map<string, Request[]>();
      for (const r of executing) {
        if (waiting.has(`execute:${r.id}`)) continue;
        const key = `${accountOf(r)}\u0000${r.region}`;
        byRegion.set(key, [...(byRegion.get(key) ?? []), r]);
      }

      for (const [key, requests] of byRegion) {
        const [accountId, region] = key.split("\u0000") as [string, string];
        const gw = (await gatewayForAccount(db, gateway, accountId)).region(region);
        const ids = new Set<string>();
        const changes = new Map(requests.map((r) => [r.id, parseStoredChange(r.change)]));
        for (const r of requests) {
          const change = changes.get(r.id)!;
          if (change.type !== "create") ids.add(change.workspaceId);
          if (r.resultWorkspaceId) ids.add(r.resultWorkspaceId);
        }
        const described = ids.size ? (await gw.workspaces.getWorkspaces([...ids])).workspaces : [];
        const byId = new Map(described.map((w) => [w.workspaceId, w]));
        for (const r of requests) {
          const change = changes.get(r.id)!;
          const execution = changeKind(change).execution;
          const stored: StoredRequest = { ...r, change, executionMemo: parseExecutionMemo(r.executionMemo) };
          const ws = change.type === "create" ? undefined : byId.get(change.workspaceId);
          let result = r.resultWorkspaceId ? byId.get(r.resultWorkspaceId) : undefined;
          if (!result && execution?.findResult) result = await execution.findResult(gw, stored, ws);
          const progress = execution
            ? execution.progress({ request: stored, workspace: ws, result, now })
            : { kind: "failed" as const, reason: `A ${change.type} request cannot be carried out.` };
          if (progress.kind === "done") await succeed(db, r, change, region, ws, result, now, ownersOnce);
          else if (progress.kind === "failed")
            await failRequest(db, r.id, { reason: progress.reason, code: "aws_error" }, { alertAdmins: true, now });
          else if (r.executionStartedAt && now.getTime() - r.executionStartedAt.getTime() > options.timeoutMs) {
            await failRequest(
              db,
              r.id,
              {
                reason: `It did not finish within ${Math.round(options.timeoutMs / 60000)} minutes; an admin has been told.`,
                code: "timeout",
              },
              { alertAdmins: true, now },
            );
          } else if (progress.sawTransition && !stored.executionMemo?.sawTransition) {
            await db.request.update({ where: { id: r.id }, data: { executionMemo: { sawTransition: true } } });
          }
        }
      }
      return { done: false, runAt: new Date(Date.now() + (executing.length ? busy : idle)) };
    },
  };
}
