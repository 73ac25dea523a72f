import "server-only";
import type { AwsGateway } from "../../aws";
import { AwsGatewayError, withSendHooks, type SendHooks } from "../../aws";
import { heldByMaintenance, isFinished } from "../../domain";
import type { OutboxJob } from "../../generated/prisma/client";
import { recordAudit } from "../../core/audit";
import { notify } from "../../core/notifications";
import { describeWithNames } from "../../core/change-words";
import { SYSTEM, toJson } from "../../core/tx";
import { changeKind } from "../../changes/registry";
import { ItemRefused, type CallResult, type StoredRequest } from "../../changes/types";
import { parseExecutionMemo, parseStoredChange } from "../../core/stored-change";
import { explainFailure, failRequest } from "../failure";
import { gatewayForAccount, gatewayForWorkspace } from "../../core/accounts";
import { pokeJob, RECONCILE_SWEEP_KEY } from "../../core/outbox";
import { PermanentJobError, type JobContext, type JobHandler, type JobOutcome } from "../worker";
import { observeExecutorLag } from "../../observability/metrics";

function isPermanent(error: unknown): boolean {
  if (error instanceof AwsGatewayError) return !error.retryable;
  if (error instanceof ItemRefused) return error.reason !== "throttled" && error.reason !== "unavailable";
  return false;
}

/** How often a request held by admin maintenance looks again whether the maintenance has ended. */
export const MAINTENANCE_RECHECK_MS = 15_000;
const HELD_NOTE = "Waiting for the WorkSpace's admin maintenance to end.";

/**
 * A configuration change approved while its WorkSpace is in admin maintenance waits for the maintenance to end
 * (lib/domain/maintenance.ts): nothing is sent to AWS, which would refuse it. The first time, the requester is told
 * why; the job then looks again every MAINTENANCE_RECHECK_MS without using up its attempts.
 */
async function holdForMaintenance(
  job: OutboxJob,
  ctx: JobContext,
  request: { id: string; requesterId: string; region: string; awsCalledAt: Date | null },
  change: ReturnType<typeof parseStoredChange>,
): Promise<JobOutcome | null> {
  if (request.awsCalledAt || change.type === "create") return null;
  const cached = await ctx.db.workspace.findUnique({ where: { id: change.workspaceId }, select: { state: true } });
  if (!heldByMaintenance(cached?.state, change.type)) return null;
  if (job.lastError !== HELD_NOTE) {
    await ctx.fenced(async (tx) => {
      await recordAudit(tx, { actor: SYSTEM, action: "request.held", targetType: "request", targetId: request.id, requestId: request.id });
      const what = await describeWithNames(tx, change, request.region);
      await notify(tx, {
        userId: request.requesterId,
        requestId: request.id,
        kind: "request.held",
        title: "Your request waits for maintenance to end",
        body: `${what} waits: an admin is maintaining the WorkSpace. It is carried out once the maintenance ends.`,
        link: `/requests/${request.id}`,
      });
    });
  }
  return { done: false, runAt: new Date(Date.now() + MAINTENANCE_RECHECK_MS), note: HELD_NOTE };
}

/**
 * Carries out an approved request's AWS call exactly once. Before the call it commits awsCalledAt, so
 * a retry knows a call may have happened and first looks in AWS for its effect (the request tag on a
 * new WorkSpace, the state or properties of an existing one) instead of repeating it.
 */
export function executeRequestHandler(gateway: () => AwsGateway): JobHandler {
  return {
    async run(job: OutboxJob, ctx: JobContext) {
      const { db } = ctx;
      const { requestId } = job.payload as { requestId: string };
      let request = await db.request.findUnique({ where: { id: requestId } });
      if (!request || isFinished(request.status) || request.status === "PENDING_APPROVAL") return;
      const change = parseStoredChange(request.change);
      const execution = changeKind(change).execution;
      const held = await holdForMaintenance(job, ctx, request, change);
      if (held) return held;

      if (request.status === "APPROVED") {
        await db.$transaction(async (tx) => {
          const { count } = await tx.request.updateMany({
            where: { id: requestId, status: "APPROVED" },
            data: { status: "EXECUTING", executionStartedAt: new Date() },
          });
          if (count !== 1) return;
          await recordAudit(tx, { actor: SYSTEM, action: "request.executing", targetType: "request", targetId: requestId, requestId });
          const what = await describeWithNames(tx, change, request!.region);
          await notify(tx, {
            userId: request!.requesterId,
            requestId,
            kind: "request.executing",
            title: "Your request is in progress",
            body: `${what} has started.`,
            link: `/requests/${requestId}`,
          });
        });
      }
      await ctx.checkpoint("execute:before-aws");

      request = await db.request.findUniqueOrThrow({ where: { id: requestId } });
      const stored: StoredRequest = { ...request, change, executionMemo: parseExecutionMemo(request.executionMemo) };
      // The WorkSpace's own AWS account; a new WorkSpace is made in its directory's account, recorded with the request.
      const gw = (
        change.type === "create"
          ? await gatewayForAccount(db, gateway, change.accountId)
          : await gatewayForWorkspace(db, gateway, change.workspaceId)
      ).region(request.region);
      if (!execution) {
        // Refused before approval by the domain; a stored one can only be a request from an older release.
        await failRequest(
          db,
          requestId,
          { reason: `A ${change.type} request cannot be carried out.`, code: "not_allowed" },
          { alertAdmins: false },
        );
        throw new PermanentJobError(`A ${change.type} request cannot be carried out.`);
      }
      let result: CallResult | null = null;
      if (request.awsCalledAt && request.awsRequestIds.length > 0) {
        // AWS accepted this request's call on an earlier attempt, which lost its lease before it finished: the
        // effect of a reboot or start may already be over and invisible, so the recorded answer is the proof.
        result = { awsRequestIds: [], resultWorkspaceId: request.resultWorkspaceId ?? undefined };
      } else if (request.awsCalledAt) {
        const ws = change.type === "create" ? undefined : await gw.workspaces.getWorkspace(change.workspaceId);
        result = await execution.alreadyApplied(gw, stored, ws);
      }
      const operationNote = result ? (result.unconfirmed ? "unconfirmed" : "found-already-applied") : "call";
      if (!result) {
        await ctx.checkpoint("execute:before-call");
        await ctx.assertLease();
        // awsCalledAt is committed right before each attempt leaves, once the rate limit's turn has come, and taken back
        // when AWS answers that it did not act (lib/aws/send-hook.ts): a crash while waiting or backing off has sent
        // nothing and recorded nothing, so the next attempt calls; a crash after sending leaves the record.
        let hookError: unknown;
        const watched = (step: () => Promise<void>) =>
          step().catch((error: unknown) => {
            hookError = error;
            throw error;
          });
        let lagObserved = Boolean(request.awsCalledAt);
        const setCalledAt = (at: Date | null) =>
          ctx.fenced((tx) => tx.request.update({ where: { id: requestId }, data: { awsCalledAt: at } }));
        const hooks: SendHooks = {
          sending: () =>
            watched(async () => {
              const at = new Date();
              await setCalledAt(at);
              stored.awsCalledAt = at;
              await ctx.checkpoint("execute:before-send");
              // Approval (or auto-approval at submission) to the first AWS call; a retry's call is not a first one.
              if (!lagObserved) observeExecutorLag((at.getTime() - (request!.decidedAt ?? request!.createdAt).getTime()) / 1000);
              lagObserved = true;
            }),
          refused: () =>
            watched(async () => {
              await setCalledAt(null);
              stored.awsCalledAt = null;
            }),
        };
        try {
          result = await withSendHooks(hooks, () => execution.call(gw, stored));
        } catch (error) {
          if (hookError) throw hookError;
          // AWS answered the call and refused this WorkSpace in it: nothing happened, so a retry may call again.
          if (error instanceof ItemRefused && !error.outcomeUnknown && stored.awsCalledAt) await setCalledAt(null);
          if (!isPermanent(error)) throw error;
          const failure = explainFailure(error);
          await failRequest(
            db,
            requestId,
            { ...failure, awsRequestIds: error instanceof ItemRefused ? error.awsRequestIds : [] },
            { alertAdmins: false },
          );
          throw new PermanentJobError(failure.reason);
        }
      }
      await ctx.checkpoint("execute:after-aws");
      // What AWS accepted is a fact whoever holds the lease now, so it is written without the fence: a lease lost
      // between the call and the record below then makes the next attempt find it instead of calling again.
      if (result.awsRequestIds.length > 0 || result.resultWorkspaceId)
        await db.request.update({
          where: { id: requestId },
          data: {
            awsRequestIds: { push: result.awsRequestIds },
            resultWorkspaceId: result.resultWorkspaceId ?? request.resultWorkspaceId,
          },
        });
      await ctx.checkpoint("execute:before-record");

      await ctx.fenced(async (tx) => {
        await recordAudit(tx, {
          actor: SYSTEM,
          action: `aws.${change.type}`,
          targetType: change.type === "create" ? "request" : "workspace",
          targetId: change.type === "create" ? requestId : change.workspaceId,
          requestId,
          awsRequestIds: result.awsRequestIds,
          detail: toJson({ outcome: operationNote, resultWorkspaceId: result.resultWorkspaceId }),
        });
        if (result.unconfirmed) {
          await recordAudit(tx, { actor: SYSTEM, action: "request.unconfirmed", targetType: "request", targetId: requestId, requestId });
          const what = await describeWithNames(tx, change, request!.region);
          await notify(tx, {
            userId: request!.requesterId,
            requestId,
            kind: "request.unconfirmed",
            title: "We could not confirm your request",
            body:
              `${what} was sent to AWS, but AWS's answer was lost. The portal did not send it again, so it would not ` +
              "happen twice. If it did not happen, ask again.",
            link: `/requests/${requestId}`,
          });
        }
      });
      await pokeJob(db, RECONCILE_SWEEP_KEY);
    },
    async onGiveUp(job, error, ctx) {
      const { requestId } = job.payload as { requestId: string };
      const failure = explainFailure(error);
      await failRequest(ctx.db, requestId, failure, { alertAdmins: !(error instanceof PermanentJobError) });
    },
  };
}
