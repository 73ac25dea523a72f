import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { z } from "zod";
import { apiAccess, type ApiScope } from "../domain";
import { reportDatabaseError } from "../db/outage";
import { RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from "../db/unavailable-response";
import { logger } from "../logger";
import { apiIdempotencyKey } from "../schemas/api-inputs";
import { apiOnBehalfOfHeader } from "../schemas/api-queries";
import { authenticateApiToken, type AuthenticatedToken } from "../services/api/auth";
import { recordApiCall, type ApiCallRecord } from "../services/api/calls";
import { resolveApiCaller, type ApiCaller } from "../services/api/caller";
import { requestFingerprint, runIdempotent } from "../services/api/idempotency";
import { isServiceError, PROBLEM_CONTENT_TYPE, problemBody, problemFromServiceError, validationProblem, type Problem } from "./problem";
import { takeRateToken } from "./rate-limit";

// The one wrapper every /api/v1 route goes through: bearer token → scope and on-behalf check (the
// domain's apiAccess) → per-token rate limit → the caller (service account or named person) → zod
// validation of path, query and body → Idempotency-Key for POSTs → the handler → JSON, a weak ETag on
// GETs, problem+json for every refusal, and one `api.call` audit event per call that named a token.

/** Bodies larger than this are refused before they are read (413). */
export const API_BODY_LIMIT_BYTES = 64 * 1024;

export interface ApiResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A refusal a handler raises: answered as the problem it carries. */
export class ApiRefusal extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = "ApiRefusal";
  }
}

export const refuse = (problem: Problem): never => {
  throw new ApiRefusal(problem);
};

export const notFoundProblem = (what: string): Problem => ({
  status: 404,
  code: "NOT_FOUND",
  detail: `${what} was not found, or this token may not see it.`,
});

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiCallContext<P, Q, B> {
  request: Request;
  url: URL;
  /** This call's id (the problem's `instance`; the proxy's x-request-id when it set one). */
  callId: string;
  now: Date;
  token: AuthenticatedToken;
  caller: ApiCaller;
  /** The email in X-On-Behalf-Of, or null when the token acts as its own service account. */
  onBehalfOf: string | null;
  params: P;
  query: Q;
  body: B;
}

export interface ApiRouteSpec<PS, QS, BS> {
  scope: ApiScope;
  params?: PS;
  query?: QS;
  body?: BS;
  /** POSTs: needs an Idempotency-Key and replays the first answer for the same key and body. */
  idempotent?: boolean;
}

export type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;
const JSON_TYPE = "application/json; charset=utf-8";

export function callIdOf(request: Request): string {
  const incoming = request.headers.get("x-request-id");
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function problemResponse(problem: Problem, callId: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problemBody(problem, callId)), {
    status: problem.status,
    headers: { ...headers, ...problem.headers, "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store" },
  });
}

/** A weak validator of the exact JSON sent: equal bodies, equal tags. */
export function weakEtag(json: string): string {
  return `W/"${createHash("sha256").update(json).digest("base64url").slice(0, 32)}"`;
}

function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || bare(t) === bare(etag));
}

function jsonResponse(request: Request, result: ApiResult, extra: Record<string, string>): Response {
  const headers: Record<string, string> = { ...extra, ...result.headers };
  if (result.status === 204 || result.body === undefined) return new Response(null, { status: result.status, headers });
  const json = JSON.stringify(result.body);
  const isProblem = result.status >= 400;
  headers["content-type"] = isProblem ? PROBLEM_CONTENT_TYPE : JSON_TYPE;
  if (request.method === "GET" && result.status === 200) {
    const etag = weakEtag(json);
    headers.ETag = etag;
    headers["cache-control"] = "private, no-cache";
    if (etagMatches(request.headers.get("if-none-match"), etag)) {
      delete headers["content-type"];
      return new Response(null, { status: 304, headers });
    }
  } else headers["cache-control"] = "no-store";
  return new Response(json, { status: result.status, headers });
}

const unauthorized = (code: string, detail: string): Problem => ({
  status: 401,
  code,
  detail,
  headers: { "WWW-Authenticate": `Bearer realm="api"${code === "TOKEN_MISSING" ? "" : ', error="invalid_token"'}` },
});

export const TOKEN_MISSING_DETAIL = "This call needs an API token: send it as Authorization: Bearer <token>.";

async function readBody(request: Request): Promise<{ ok: true; raw: string } | { ok: false; problem: Problem }> {
  const tooLarge: Problem = {
    status: 413,
    code: "BODY_TOO_LARGE",
    detail: `The body is larger than ${API_BODY_LIMIT_BYTES / 1024} kB; send less.`,
  };
  if (Number(request.headers.get("content-length") ?? 0) > API_BODY_LIMIT_BYTES) return { ok: false, problem: tooLarge };
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > API_BODY_LIMIT_BYTES) return { ok: false, problem: tooLarge };
  return { ok: true, raw: new TextDecoder().decode(bytes) };
}

function parse<S>(schema: S | undefined, value: unknown, where: "body" | "query" | "path"): { ok: true; data: Out<S> } | Problem {
  if (!schema) return { ok: true, data: undefined as Out<S> };
  const result = (schema as unknown as z.ZodType).safeParse(value);
  return result.success ? { ok: true, data: result.data as Out<S> } : validationProblem(where, result.error.issues);
}

const isProblem = (v: object): v is Problem => "status" in v && "code" in v;

export function apiRoute<
  PS extends z.ZodType | undefined = undefined,
  QS extends z.ZodType | undefined = undefined,
  BS extends z.ZodType | undefined = undefined,
>(spec: ApiRouteSpec<PS, QS, BS>, handler: (ctx: ApiCallContext<Out<PS>, Out<QS>, Out<BS>>) => Promise<ApiResult>): RouteHandler {
  return async (request, context) => {
    const callId = callIdOf(request);
    const now = new Date();
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    let audit: Omit<ApiCallRecord, "status"> | null = null;
    let rateHeaders: Record<string, string> = {};

    const answer = async (): Promise<Response> => {
      const authorization = request.headers.get("authorization");
      if (!authorization) return problemResponse(unauthorized("TOKEN_MISSING", TOKEN_MISSING_DETAIL), callId);
      const bearer = /^Bearer +(\S+)\s*$/i.exec(authorization)?.[1];
      const token = bearer ? await authenticateApiToken(bearer, now) : null;
      if (!token)
        return problemResponse(unauthorized("TOKEN_INVALID", "This API token is not valid; check that it was copied whole."), callId);

      const onBehalfOf = request.headers.get("x-on-behalf-of")?.trim() || null;
      audit = {
        tokenId: token.id,
        tokenName: token.name,
        actor: { id: token.serviceUser.id, name: token.serviceUser.name, role: "EMPLOYEE" },
        onBehalfOf,
        method,
        path: url.pathname,
        callId,
      };
      const access = apiAccess(token, spec.scope, now, onBehalfOf !== null);
      if (!access.ok) {
        const problem: Problem = { status: access.status, code: access.code, detail: access.reason };
        return problemResponse(access.status === 401 ? unauthorized(access.code, access.reason) : problem, callId);
      }
      const rate = await takeRateToken(token.id);
      rateHeaders = rate.headers;
      if (!rate.ok)
        return problemResponse(
          { status: 429, code: "RATE_LIMITED", detail: `Too many calls with this token; try again in ${rate.headers["Retry-After"]} s.` },
          callId,
          rateHeaders,
        );

      if (onBehalfOf !== null && !apiOnBehalfOfHeader.safeParse(onBehalfOf).success)
        return problemResponse(
          {
            status: 400,
            code: "VALIDATION_FAILED",
            detail: "X-On-Behalf-Of must be a person's email address.",
            errors: [{ code: "VALIDATION_FAILED", detail: "Give a valid email address.", field: "X-On-Behalf-Of" }],
          },
          callId,
          rateHeaders,
        );

      let raw = "";
      if (method !== "GET" && method !== "HEAD") {
        const read = await readBody(request);
        if (!read.ok) return problemResponse(read.problem, callId, rateHeaders);
        raw = read.raw;
      }

      try {
        const caller = await resolveApiCaller(token, onBehalfOf);
        audit = { ...audit, actor: { id: caller.actor.id, name: caller.actor.name, role: caller.actor.role } };

        const rawParams = await context.params;
        const params = parse(spec.params, rawParams, "path");
        if (isProblem(params)) return problemResponse(params, callId, rateHeaders);
        const query = parse(spec.query, Object.fromEntries(url.searchParams), "query");
        if (isProblem(query)) return problemResponse(query, callId, rateHeaders);

        let bodyValue: unknown = undefined;
        if (spec.body) {
          const type = request.headers.get("content-type") ?? "";
          if (raw.trim() !== "" && !/^application\/([a-z.+-]*\+)?json\b/i.test(type))
            return problemResponse(
              { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", detail: "Send the body as JSON, with Content-Type: application/json." },
              callId,
              rateHeaders,
            );
          try {
            bodyValue = raw.trim() === "" ? undefined : JSON.parse(raw);
          } catch {
            return problemResponse(
              {
                status: 400,
                code: "VALIDATION_FAILED",
                detail: "The body is not valid JSON.",
                errors: [{ code: "VALIDATION_FAILED", detail: "The body is not valid JSON.", field: "/" }],
              },
              callId,
              rateHeaders,
            );
          }
        }
        const body = parse(spec.body, bodyValue ?? (spec.body ? {} : undefined), "body");
        if (isProblem(body)) return problemResponse(body, callId, rateHeaders);

        const ctx: ApiCallContext<Out<PS>, Out<QS>, Out<BS>> = {
          request,
          url,
          callId,
          now,
          token,
          caller,
          onBehalfOf,
          params: params.data,
          query: query.data,
          body: body.data,
        };
        const run = async (): Promise<ApiResult> => {
          try {
            return await handler(ctx);
          } catch (error) {
            const problem = error instanceof ApiRefusal ? error.problem : isServiceError(error) ? problemFromServiceError(error) : null;
            if (!problem) throw error;
            return { status: problem.status, body: problemBody(problem, callId), headers: problem.headers };
          }
        };

        if (!spec.idempotent) return jsonResponse(request, await run(), rateHeaders);

        const keyHeader = request.headers.get("idempotency-key");
        if (keyHeader === null)
          return problemResponse(
            {
              status: 400,
              code: "IDEMPOTENCY_KEY_MISSING",
              detail: "Send an Idempotency-Key header with every POST (a new UUID per operation).",
              errors: [
                { code: "IDEMPOTENCY_KEY_MISSING", detail: "Send an Idempotency-Key header with every POST.", field: "Idempotency-Key" },
              ],
            },
            callId,
            rateHeaders,
          );
        const key = apiIdempotencyKey.safeParse(keyHeader);
        if (!key.success) return problemResponse(validationProblem("header", key.error.issues, "Idempotency-Key"), callId, rateHeaders);
        const outcome = await runIdempotent(
          { tokenId: token.id, key: key.data, fingerprint: requestFingerprint(method, url.pathname, raw, onBehalfOf) },
          async () => {
            const result = await run();
            return { status: result.status, body: result.body, headers: result.headers };
          },
        );
        return jsonResponse(
          request,
          { status: outcome.status, body: outcome.body, headers: outcome.headers },
          outcome.replayed ? { ...rateHeaders, "Idempotent-Replayed": "true" } : rateHeaders,
        );
      } catch (error) {
        if (error instanceof ApiRefusal) return problemResponse(error.problem, callId, rateHeaders);
        if (isServiceError(error)) return problemResponse(problemFromServiceError(error), callId, rateHeaders);
        throw error;
      }
    };

    let response: Response;
    try {
      response = await answer();
    } catch (error) {
      // The database went away while this call was under way (proxy.ts answers the calls that arrive after): the same
      // 503 with Retry-After, which an ITSM tool retries, instead of a 500 it would report as the portal's fault.
      const unreachable = reportDatabaseError(error);
      logger().error({ err: error, requestId: callId, method, path: url.pathname }, "API call failed");
      response = unreachable
        ? problemResponse({ status: 503, code: "UNAVAILABLE", detail: UNAVAILABLE_MESSAGE }, callId, {
            ...rateHeaders,
            "Retry-After": String(RETRY_AFTER_SECONDS),
          })
        : problemResponse(
            { status: 500, code: "INTERNAL", detail: `Something went wrong on the portal's side; try again later, quoting ${callId}.` },
            callId,
            rateHeaders,
          );
    }
    const record = audit as Omit<ApiCallRecord, "status"> | null;
    // Nothing can be audited while the database is away; the log line above keeps the call.
    if (record && response.status !== 503) {
      try {
        await recordApiCall({ ...record, status: response.status, at: now });
      } catch (error) {
        logger().error({ err: error, requestId: callId }, "Could not audit an API call");
      }
    }
    return response;
  };
}
