import "server-only";
import { ServiceError } from "../core/errors";
import type { ApiProblem } from "../schemas/api-queries";

// Every refusal of the REST API is an RFC 9457 problem (application/problem+json) with a stable code.
// This is the one place that decides the status of a refusal, including a service's ServiceError.

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export interface ProblemFieldError {
  code: string;
  detail: string;
  field?: string;
}

export interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: ProblemFieldError[];
  headers?: Record<string, string>;
}

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Content too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

/** The problem's `type`: the section of the API reference that explains the code. */
export const problemType = (code: string) => `/api/docs#problem-${code}`;

export function problemBody(problem: Problem, instance: string): ApiProblem {
  return {
    type: problemType(problem.code),
    title: TITLES[problem.status] ?? "Error",
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    ...(problem.errors?.length ? { errors: problem.errors } : {}),
    instance,
  };
}

const SERVICE_STATUS: Record<ServiceError["code"], { status: number; code: string }> = {
  not_found: { status: 404, code: "NOT_FOUND" },
  forbidden: { status: 403, code: "FORBIDDEN" },
  conflict: { status: 409, code: "CONFLICT" },
  invalid: { status: 400, code: "VALIDATION_FAILED" },
  refused: { status: 422, code: "REFUSED" },
  unavailable: { status: 503, code: "UNAVAILABLE" },
};

/** Reason codes whose status differs from their ServiceError's kind. */
const REASON_STATUS: Record<string, number> = {
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
};

/** A service's refusal as a problem: the first reason's code names it, every reason is listed. */
export function problemFromServiceError(error: ServiceError): Problem {
  const base = SERVICE_STATUS[error.code];
  const first = error.reasons[0];
  return {
    status: (first && REASON_STATUS[first.code]) ?? base.status,
    code: first?.code ?? base.code,
    detail: error.message,
    errors: error.reasons.map((r) => ({ code: r.code, detail: r.message })),
  };
}

/** Domain refusals (a rule said no): 422 with every reason, coded by the first. */
export function problemFromRefusals(reasons: { code: string; message: string; field?: string }[]): Problem {
  return {
    status: 422,
    code: reasons[0]?.code ?? "REFUSED",
    detail: reasons.map((r) => r.message).join(" "),
    errors: reasons.map((r) => ({ code: r.code, detail: r.message, ...(r.field ? { field: r.field } : {}) })),
  };
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}

/** zod issues as field errors: a JSON pointer for a body, the parameter's name for a query or header. */
export function validationProblem(
  where: "body" | "query" | "path" | "header",
  issues: { path: PropertyKey[]; message: string }[],
  header?: string,
): Problem {
  const errors = issues.map((issue) => {
    const path = issue.path.map(String);
    const field =
      where === "body" ? "/" + path.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/") : (header ?? path.join("."));
    return { code: "VALIDATION_FAILED", detail: issue.message, field };
  });
  return {
    status: 400,
    code: "VALIDATION_FAILED",
    detail: errors.map((e) => (e.field && e.field !== "/" ? `${e.field}: ${e.detail}` : e.detail)).join(" "),
    errors,
  };
}

/** Every code the API's own layer answers with, and what it means (the reference page lists them). */
export const PROBLEM_CODES: Record<string, string> = {
  TOKEN_MISSING: "No Authorization: Bearer header was sent.",
  TOKEN_INVALID: "The token is malformed or unknown.",
  TOKEN_EXPIRED: "The token has expired; an admin can create a new one.",
  TOKEN_REVOKED: "An admin revoked the token.",
  SCOPE_MISSING: "The token lacks the scope this operation needs (see x-required-scope).",
  ON_BEHALF_NOT_ALLOWED: "X-On-Behalf-Of was sent but the token may not act for people.",
  PERSON_NOT_FOUND: "No person with that email is known to the portal.",
  APPROVER_REQUIRED: "A decision needs the approver in X-On-Behalf-Of.",
  FORBIDDEN: "The person the token acts for may not do this.",
  VALIDATION_FAILED: "A parameter, header or the body is invalid; `errors` names each field.",
  NOT_FOUND: "Nothing with this id that the caller may see.",
  RATE_LIMITED: "Too many calls with this token; wait for Retry-After seconds.",
  BODY_TOO_LARGE: "The body is larger than the API accepts.",
  UNSUPPORTED_MEDIA_TYPE: "The body is not sent as JSON.",
  IDEMPOTENCY_KEY_MISSING: "A POST was sent without an Idempotency-Key header.",
  IDEMPOTENCY_KEY_REUSED: "The Idempotency-Key was used before with another body.",
  IDEMPOTENCY_IN_PROGRESS: "A call with this Idempotency-Key is still running; retry shortly.",
  CONFLICT: "The object changed meanwhile; read it again.",
  REFUSED: "A rule refused the change.",
  INTERNAL: "The portal failed; quote the instance when reporting it.",
  UNAVAILABLE: "A service the portal depends on is unavailable; retry later.",
};
