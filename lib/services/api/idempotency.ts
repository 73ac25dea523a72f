import "server-only";
import { createHash } from "node:crypto";
import { db } from "../../db";
import { isUniqueViolation, ServiceError } from "../../core/errors";
import { toJson } from "../../core/tx";

// Idempotency-Key for the REST API's POSTs, per token: the first call with a key claims it (the table's
// primary key settles a race between two calls), runs, and stores its answer; a replay with the same
// request gets that answer again, the same key with another request is refused. Keys are forgotten
// after a day. An answer is stored only once it is final: a 5xx or a thrown error gives the key back,
// so a retry runs again. The API's keys are not the web form's Request.idempotencyKey, which is global.

export interface StoredResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface IdempotencyScope {
  tokenId: string;
  key: string;
  /** requestFingerprint of the call: the same key with another method, path or body is refused. */
  fingerprint: string;
}

export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
export const IDEMPOTENCY_IN_PROGRESS = "IDEMPOTENCY_IN_PROGRESS";

export interface IdempotencyOptions {
  /** How long a replay waits for the first call to finish before answering "in progress". */
  waitMs?: number;
  pollMs?: number;
  now?: () => Date;
}

/**
 * SHA-256 (hex) of the method, the path, the person acted for (X-On-Behalf-Of, if any) and the body as
 * sent: the same key and body for another approver is another request, not a replay of the first.
 */
export function requestFingerprint(method: string, path: string, rawBody: string, onBehalfOf: string | null = null): string {
  const actingFor = onBehalfOf?.trim().toLowerCase() ?? "";
  return createHash("sha256").update(`${method.toUpperCase()}\n${path}\n${actingFor}\n`).update(rawBody).digest("hex");
}

/** Claims the key for this call, forgetting expired keys first; false when another call holds it. */
async function claim(scope: IdempotencyScope, now: Date): Promise<boolean> {
  await db().apiIdempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_KEY_LIFETIME_MS) } } });
  try {
    await db().apiIdempotencyKey.create({
      data: { tokenId: scope.tokenId, key: scope.key, fingerprint: scope.fingerprint, status: null, createdAt: now },
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

const release = (scope: IdempotencyScope) =>
  db().apiIdempotencyKey.deleteMany({ where: { tokenId: scope.tokenId, key: scope.key, status: null } });

async function runAndStore(scope: IdempotencyScope, run: () => Promise<StoredResponse>): Promise<StoredResponse> {
  let response: StoredResponse;
  try {
    response = await run();
  } catch (error) {
    await release(scope);
    throw error;
  }
  response = { ...response, headers: response.headers ?? {} };
  if (response.status >= 500) {
    await release(scope);
    return response;
  }
  await db().apiIdempotencyKey.update({
    where: { tokenId_key: { tokenId: scope.tokenId, key: scope.key } },
    data: { status: response.status, response: toJson({ body: response.body, headers: response.headers }) },
  });
  return response;
}

function stored(status: number, response: unknown): StoredResponse {
  const saved = (response ?? {}) as { body?: unknown; headers?: Record<string, string> };
  return { status, body: saved.body ?? null, headers: saved.headers ?? {} };
}

/**
 * Runs `run` once per (token, key): the first call's answer is returned to every replay with the same
 * fingerprint (replayed: true). A replay while the first call still runs waits for its answer.
 */
export async function runIdempotent(
  scope: IdempotencyScope,
  run: () => Promise<StoredResponse>,
  options: IdempotencyOptions = {},
): Promise<StoredResponse & { replayed: boolean }> {
  const { waitMs = 10_000, pollMs = 50, now = () => new Date() } = options;
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await claim(scope, now())) return { ...(await runAndStore(scope, run)), replayed: false };
    const row = await db().apiIdempotencyKey.findUnique({ where: { tokenId_key: { tokenId: scope.tokenId, key: scope.key } } });
    // Gone: the first call failed and gave the key back (or it just expired); this call claims it anew.
    if (!row) continue;
    if (row.fingerprint !== scope.fingerprint) {
      const message = "This Idempotency-Key was already used for a different request; use a new key for a new request.";
      throw new ServiceError("invalid", message, [{ code: IDEMPOTENCY_KEY_REUSED, message }]);
    }
    if (row.status !== null) return { ...stored(row.status, row.response), replayed: true };
    if (Date.now() >= deadline) {
      const message = "A request with this Idempotency-Key is still being processed; retry in a moment.";
      throw new ServiceError("conflict", message, [{ code: IDEMPOTENCY_IN_PROGRESS, message }]);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
