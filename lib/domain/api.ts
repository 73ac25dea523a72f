// The REST API's and webhooks' rules: which scopes exist, when a token opens anything, which events a
// webhook can receive. Pure; the API routes, the token admin page and the webhook delivery ask these.

export const API_SCOPES = ["workspaces:read", "requests:read", "requests:write", "decisions:write", "audit:read"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  "workspaces:read": "Read WorkSpaces and the catalog",
  "requests:read": "Read requests and their timelines",
  "requests:write": "Submit and cancel requests",
  "decisions:write": "Approve or reject for a named approver",
  "audit:read": "Read the audit log",
};

/** Longest life an admin may give a token, and the default. */
export const API_TOKEN_MAX_DAYS = 366;
export const API_TOKEN_DEFAULT_DAYS = 90;

export interface ApiTokenFacts {
  scopes: readonly string[];
  expiresAt: Date;
  revokedAt: Date | null;
  mayActForPeople: boolean;
}

export type ApiAccess =
  | { ok: true }
  | { ok: false; status: 401 | 403; code: "TOKEN_REVOKED" | "TOKEN_EXPIRED" | "SCOPE_MISSING" | "ON_BEHALF_NOT_ALLOWED"; reason: string };

/** Whether a token may make a call needing `scope`, optionally naming a person to act for. */
export function apiAccess(token: ApiTokenFacts, scope: ApiScope, now: Date, actingForPerson = false): ApiAccess {
  if (token.revokedAt) return { ok: false, status: 401, code: "TOKEN_REVOKED", reason: "This API token was revoked." };
  if (token.expiresAt.getTime() <= now.getTime())
    return { ok: false, status: 401, code: "TOKEN_EXPIRED", reason: "This API token has expired; ask an admin for a new one." };
  if (!token.scopes.includes(scope))
    return { ok: false, status: 403, code: "SCOPE_MISSING", reason: `This API token lacks the ${scope} scope.` };
  if (actingForPerson && !token.mayActForPeople)
    return {
      ok: false,
      status: 403,
      code: "ON_BEHALF_NOT_ALLOWED",
      reason: "This API token may not act on behalf of people; an admin can allow it on the token.",
    };
  return { ok: true };
}

export const WEBHOOK_EVENT_TYPES = [
  "request.submitted",
  "request.approved",
  "request.rejected",
  "request.cancelled",
  "request.expired",
  "request.succeeded",
  "request.failed",
  "workspace.state_changed",
  "reclaim.warning",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "request.submitted": "A request was submitted",
  "request.approved": "A request was approved (by people or by the policy)",
  "request.rejected": "A request was rejected",
  "request.cancelled": "A request was cancelled",
  "request.expired": "A request expired without a decision",
  "request.succeeded": "A request was carried out",
  "request.failed": "A request failed",
  "workspace.state_changed": "A WorkSpace changed state",
  "reclaim.warning": "An idle WorkSpace's owner was warned it will be reclaimed",
};

/** Failed deliveries are retried with exponential backoff for this long after the event, then marked failed. */
export const WEBHOOK_RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * When to try a failed delivery again: 30 s, 1 min, 2 min, … doubling up to an hour apart, until
 * 24 hours after the event; null once that window is spent.
 */
export function webhookRetryAt(eventAt: Date, attempts: number, now: Date): Date | null {
  const delayMs = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
  const at = new Date(now.getTime() + delayMs);
  if (at.getTime() > eventAt.getTime() + WEBHOOK_RETRY_WINDOW_MS) return null;
  return at;
}

/** Seconds either side of now a receiver should accept a signature's timestamp (documented for receivers). */
export const WEBHOOK_SIGNATURE_TOLERANCE_S = 300;

/** A token this close to its expiry is flagged on the admin page, so the integration gets a new one in time. */
export const API_TOKEN_EXPIRES_SOON_DAYS = 14;

export type ApiTokenStatus = "ACTIVE" | "EXPIRES_SOON" | "EXPIRED" | "REVOKED";

export const API_TOKEN_STATUS_LABELS: Record<ApiTokenStatus, string> = {
  ACTIVE: "Active",
  EXPIRES_SOON: "Expires soon",
  EXPIRED: "Expired",
  REVOKED: "Revoked",
};

/** Where a token stands for the admin page: the refusals are apiAccess's own, so the page and the API agree. */
export function apiTokenStatus(token: Pick<ApiTokenFacts, "expiresAt" | "revokedAt">, now: Date): ApiTokenStatus {
  const access = apiAccess({ ...token, scopes: [API_SCOPES[0]], mayActForPeople: false }, API_SCOPES[0], now);
  if (!access.ok) return access.code === "TOKEN_REVOKED" ? "REVOKED" : "EXPIRED";
  return token.expiresAt.getTime() - now.getTime() <= API_TOKEN_EXPIRES_SOON_DAYS * 24 * 60 * 60 * 1000 ? "EXPIRES_SOON" : "ACTIVE";
}
