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

/** One request per WorkSpace at a time: a new one waits until the open one has finished or is cancelled. */
export function openRequestRefusals(requestsOnWorkspace: readonly { status: string }[]): Refusal[] {
  if (!requestsOnWorkspace.some((request) => (OPEN_STATUSES as readonly string[]).includes(request.status))) return [];
  return [{ code: "OPEN_REQUEST", message: "This WorkSpace already has a request in progress; wait for it to finish or cancel it first." }];
}

/** A request that has ended one way or the other; nothing more happens to it. */
export const FINISHED_STATUSES = ["SUCCEEDED", "FAILED", "CANCELLED", "REJECTED", "EXPIRED"] as const satisfies readonly RequestStatus[];

export function isFinished(status: string): boolean {
  return (FINISHED_STATUSES as readonly string[]).includes(status);
}
