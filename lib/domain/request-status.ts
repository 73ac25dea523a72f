import type { Refusal } from "./validate/context";

// Where a request stands. The values are the database enum's (prisma/schema.prisma, RequestStatus).

export const REQUEST_STATUSES = [
  "PENDING_APPROVAL",
  "APPROVED",
  "EXECUTING",
  "SUCCEEDED",
  "FAILED",
  "REJECTED",
  "CANCELLED",
  "EXPIRED",
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A request that still holds its WorkSpace: no second request may be opened for it meanwhile. */
export const OPEN_STATUSES = ["PENDING_APPROVAL", "APPROVED", "EXECUTING"] as const satisfies readonly RequestStatus[];

/**
 * Changes that only restart, start or stop the WorkSpace. They leave its configuration alone, so they may go
 * ahead while a configuration change still waits for its approver; nothing else may.
 */
export const POWER_CHANGE_TYPES = ["reboot", "start", "stop"] as const;

export const isPowerChange = (type: string | undefined): boolean => (POWER_CHANGE_TYPES as readonly string[]).includes(type ?? "");

export const isOpenStatus = (status: string): boolean => (OPEN_STATUSES as readonly string[]).includes(status);

const OPEN_REQUEST_MESSAGE = "This WorkSpace already has a request in progress; wait for it to finish or cancel it first.";

/**
 * Whether an open request on the WorkSpace holds back a new change of type `changeType`. A restart, start or
 * stop waits only for a request that is being applied (approved or executing) or for another power action;
 * every other change waits for any open request. Without a type (or a request without one) the answer is the
 * strict one: any open request holds it back.
 */
export function openRequestHolds(changeType: string | undefined, request: { status: string; type?: string }): boolean {
  if (!isOpenStatus(request.status)) return false;
  if (!changeType || !isPowerChange(changeType) || request.type === undefined) return true;
  return request.status !== "PENDING_APPROVAL" || isPowerChange(request.type);
}

/** One change at a time: a new one waits until the open request it conflicts with has finished or is cancelled. */
export function openRequestRefusals(requestsOnWorkspace: readonly { status: string; type?: string }[], changeType?: string): Refusal[] {
  if (!requestsOnWorkspace.some((request) => openRequestHolds(changeType, request))) return [];
  return [{ code: "OPEN_REQUEST", message: OPEN_REQUEST_MESSAGE }];
}

/** A request that has ended one way or the other; nothing more happens to it. */
export const FINISHED_STATUSES = ["SUCCEEDED", "FAILED", "CANCELLED", "REJECTED", "EXPIRED"] as const satisfies readonly RequestStatus[];

export function isFinished(status: string): boolean {
  return (FINISHED_STATUSES as readonly string[]).includes(status);
}
