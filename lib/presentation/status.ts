// How request and WorkSpace states read to people: pure, so pages and tests share one wording.

export type RequestStatus = "PENDING_APPROVAL" | "APPROVED" | "EXECUTING" | "SUCCEEDED" | "FAILED" | "REJECTED" | "CANCELLED" | "EXPIRED";
export type Tone = "neutral" | "info" | "busy" | "success" | "danger" | "muted" | "warning";

const REQUEST_STATUS: Record<RequestStatus, { label: string; tone: Tone }> = {
  PENDING_APPROVAL: { label: "Pending approval", tone: "warning" },
  APPROVED: { label: "Approved", tone: "info" },
  EXECUTING: { label: "In progress", tone: "busy" },
  SUCCEEDED: { label: "Completed", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
  REJECTED: { label: "Rejected", tone: "danger" },
  CANCELLED: { label: "Cancelled", tone: "muted" },
  EXPIRED: { label: "Expired", tone: "muted" },
};

export function requestStatusView(status: string): { label: string; tone: Tone } {
  return REQUEST_STATUS[status as RequestStatus] ?? { label: status, tone: "neutral" };
}

export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = ["PENDING_APPROVAL", "APPROVED", "EXECUTING"];

export function isOpenRequest(status: string): boolean {
  return OPEN_REQUEST_STATUSES.includes(status as RequestStatus);
}

/** States that change by themselves soon: the page keeps refreshing while the WorkSpace is in one. */
const TRANSITIONAL_HINTS: Record<string, string> = {
  PENDING: "Provisioning — usually about 20 minutes",
  STARTING: "Starting — usually a couple of minutes",
  REBOOTING: "Restarting — usually about 2 minutes",
  STOPPING: "Stopping — usually a minute or two",
  REBUILDING: "Rebuilding — up to an hour",
  RESTORING: "Restoring — up to an hour",
  UPDATING: "Applying a change — usually up to 20 minutes",
  MAINTENANCE: "Installing updates — usually under an hour",
  TERMINATING: "Being removed — usually a few minutes",
};

export function isTransitional(state: string): boolean {
  return state in TRANSITIONAL_HINTS;
}

export function progressHint(state: string): string | null {
  return TRANSITIONAL_HINTS[state] ?? null;
}

const TONE_OF_STATE: Record<string, Tone> = { ready: "success", busy: "busy", off: "muted", problem: "danger", gone: "muted" };

export function stateTone(tone: string): Tone {
  return TONE_OF_STATE[tone] ?? "neutral";
}

export const TONE_CLASSES: Record<Tone, string> = {
  neutral: "bg-slate-100 text-slate-800 ring-slate-300",
  info: "bg-brand-50 text-brand-900 ring-brand-100",
  busy: "bg-sky-50 text-sky-900 ring-sky-200",
  success: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  danger: "bg-red-50 text-red-900 ring-red-200",
  muted: "bg-slate-100 text-slate-700 ring-slate-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-200",
};
