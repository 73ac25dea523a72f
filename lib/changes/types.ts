import "server-only";
import type { z } from "zod";
import type { BatchResult, RegionGateway, WorkspaceSummary } from "../aws";
import type { Change, ChangeType, CostDeltaContext, CostDeltaResult, ValidationContext, ValidationResult, Workspace } from "../domain";

// The shape of one entry of the change-type registry (registry.ts). An entry is everything the portal
// knows about one kind of change: what it looks like, which rules apply, what it costs, the AWS call that
// carries it out (for one request and for a bulk operation), how to tell after a crash that AWS already
// did it, and when it is done. Requests and bulk operations both go through these entries.

export type ChangeOf<T extends ChangeType> = Extract<Change, { type: T }>;

/** A request as the executor sees it: its stored change, parsed. */
export interface StoredRequest<C extends Change = Change> {
  id: string;
  region: string;
  change: C;
  resultWorkspaceId: string | null;
  awsCalledAt: Date | null;
  executionMemo: { sawTransition?: boolean } | null;
}

export interface CallResult {
  awsRequestIds: string[];
  resultWorkspaceId?: string;
  /**
   * Set by alreadyApplied when the call may have reached AWS but its effect, if any, is already over: the executor does
   * not call again (that would do it twice) and tells the requester it could not confirm it.
   */
  unconfirmed?: true;
}

export type Progress =
  { kind: "done"; resultWorkspaceId?: string } | { kind: "waiting"; sawTransition: boolean } | { kind: "failed"; reason: string };

/** What the reconcile sweep knows about a request in progress. */
export interface ProgressInput<C extends Change> {
  request: StoredRequest<C>;
  /** The WorkSpace the change is about, as AWS describes it now; undefined when AWS no longer lists it. */
  workspace: WorkspaceSummary | undefined;
  /** The WorkSpace a create or migrate produced, once AWS lists it. */
  result: WorkspaceSummary | undefined;
  now: Date;
}

/** The cache columns the spacing rules read, recorded when a change is seen completed. */
export interface CompletionHistory {
  lastRootVolumeChangeAt?: Date;
  lastUserVolumeChangeAt?: Date;
  lastComputeLargerAt?: Date;
  lastComputeSmallerAt?: Date;
}

export interface Execution<C extends Change> {
  /** The AWS operation, for the audit log of bulk operations. */
  awsOperation: string;
  /** Makes the one AWS call for a request. Throws AwsGatewayError, or ItemRefused for a per-item refusal. */
  call(gw: RegionGateway, request: StoredRequest<C>): Promise<CallResult>;
  /**
   * After an attempt that may have reached AWS without recording its answer: what AWS shows of the call (its effect, or
   * `unconfirmed` for a change that leaves no trace), or null when the call should be made.
   */
  alreadyApplied(gw: RegionGateway, request: StoredRequest<C>, workspace: WorkspaceSummary | undefined): Promise<CallResult | null>;
  /** For a change that makes a new WorkSpace: finds it in AWS without trusting that the call's answer was saved. */
  findResult?(gw: RegionGateway, request: StoredRequest<C>, source: WorkspaceSummary | undefined): Promise<WorkspaceSummary | undefined>;
  /** Whether the WorkSpace has reached what the request asked for. */
  progress(input: ProgressInput<C>): Progress;
  /** What the cache should remember once the change is done (the spacing rules' history). */
  history?(change: C, before: { computeType: string | null } | null, now: Date): CompletionHistory;
  /** The WorkSpace the change is about no longer exists once the change is done (give back, migrate). */
  endsWorkspace?: boolean;
  /**
   * The state AWS shows as soon as it has accepted the call, for a call that sets it at once (maintenance): the cache
   * records it then, so the fleet and the rules that read the cache do not wait for the next inventory sync.
   */
  stateAfterCall?(change: C): string;
}

/** Changes to existing WorkSpaces can also be carried out for many WorkSpaces at once (bulk operations). */
export interface BatchExecution<C extends Change> extends Execution<C> {
  /** One change per WorkSpace, in as few calls as the API allows; per-item refusals come back in `failed`. */
  callBatch(gw: RegionGateway, changes: readonly C[]): Promise<BatchResult>;
}

export interface ChangeKind<C extends Change> {
  type: C["type"];
  /** The change's shape (the domain's schema for this type); a stored change is parsed with it. */
  schema: z.ZodType<C>;
  /** Every domain rule for this change. */
  validate(ctx: ValidationContext, change: C): ValidationResult;
  /** The monthly cost delta of the change. */
  costDelta(workspace: Workspace | null, change: C, ctx: CostDeltaContext): CostDeltaResult;
  /** How the executor carries it out; null for a change that is never executed (it is refused before). */
  execution: Execution<C> | null;
}

/**
 * The registry's type: one entry per change type, so a new type without an entry does not compile.
 * Changes to existing WorkSpaces also say how to carry them out for many WorkSpaces at once.
 */
export type ChangeKinds = {
  [T in ChangeType]: ChangeKind<ChangeOf<T>> & (T extends "create" ? unknown : { execution: BatchExecution<ChangeOf<T>> | null });
};

/** A per-item refusal from a batch call, raised so it fails the request like any other refusal. */
export class ItemRefused extends Error {
  constructor(
    readonly code: string,
    readonly awsMessage: string,
    readonly reason: string,
    readonly awsRequestIds: string[],
    /** No answer came for the call (see ItemFailure): AWS may have carried it out, so this is no refusal. */
    readonly outcomeUnknown = false,
  ) {
    super(awsMessage || code);
    this.name = "ItemRefused";
  }
}
