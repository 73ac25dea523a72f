import "server-only";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject, type ZodOpenApiSchemaObject } from "zod-openapi";
import { API_SCOPE_LABELS, type ApiScope } from "../domain";
import { apiRequest, apiWorkspace, webhookEventBody } from "../schemas/api";
import { apiDecisionCreate, apiRequestCreate } from "../schemas/api-inputs";
import {
  apiAuditEventPage,
  apiAuditListQuery,
  apiCatalog,
  apiCatalogQuery,
  apiIdempotencyHeaders,
  apiOnBehalfHeaders,
  apiProblem,
  apiRequestListQuery,
  apiRequestPage,
  apiRequestParams,
  apiWorkspaceListQuery,
  apiWorkspacePage,
  apiWorkspaceParams,
} from "../schemas/api-queries";
import { PROBLEM_CONTENT_TYPE } from "./problem";
import { API_BODY_LIMIT_BYTES } from "./route";

// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the routes validate and answer
// with (lib/schemas/api*.ts); nothing here restates a field. Built once per process.

const str = { type: "string" } as const;

const rateHeaders = {
  RateLimit: { description: "This token's calls left in the current minute: `limit=…, remaining=…, reset=…` (seconds).", schema: str },
  "RateLimit-Policy": { description: "The limits that apply to the token.", schema: str },
};

const problem = (description: string, extraHeaders: Record<string, { description: string; schema: typeof str }> = {}) => ({
  description,
  headers: { ...rateHeaders, ...extraHeaders },
  content: { [PROBLEM_CONTENT_TYPE]: { schema: apiProblem } },
});

const commonProblems: ZodOpenApiResponsesObject = {
  "400": problem(
    "The call was malformed: a parameter, the body or a header is invalid (`VALIDATION_FAILED`, with the fields in `errors`).",
  ),
  "401": problem("No token, or one that is malformed, unknown, expired (`TOKEN_EXPIRED`) or revoked (`TOKEN_REVOKED`).", {
    "WWW-Authenticate": { description: '`Bearer`, with `error="invalid_token"` when a token was sent.', schema: str },
  }),
  "403": problem(
    "The token lacks the scope (`SCOPE_MISSING`), may not act for people (`ON_BEHALF_NOT_ALLOWED`), or the person may not do this.",
  ),
  "404": problem("Nothing with this id that this token (or the person it acts for) may see (`NOT_FOUND`, `PERSON_NOT_FOUND`)."),
  "429": problem("The token's calls a minute and its burst allowance are spent (`RATE_LIMITED`); see RateLimit-Policy.", {
    "Retry-After": { description: "Seconds to wait before calling again.", schema: str },
  }),
  "500": problem("The portal failed; the problem's `instance` identifies the call in its logs."),
};

const postProblems: ZodOpenApiResponsesObject = {
  "409": problem("A call with this Idempotency-Key is still running (`IDEMPOTENCY_IN_PROGRESS`), or the object changed meanwhile."),
  "413": problem(`The body is larger than ${API_BODY_LIMIT_BYTES / 1024} kB (\`BODY_TOO_LARGE\`).`),
  "415": problem("The body is not JSON (`UNSUPPORTED_MEDIA_TYPE`)."),
  "422": problem(
    "A domain rule refused the change (the first rule's code, e.g. `OPEN_REQUEST`; all of them in `errors`), " +
      "or the Idempotency-Key was used with another body (`IDEMPOTENCY_KEY_REUSED`).",
  ),
};

function ok(
  description: string,
  schema: ZodOpenApiSchemaObject,
  headers: Record<string, { description: string; schema: typeof str }> = {},
) {
  return { description, headers: { ...rateHeaders, ...headers }, content: { "application/json": { schema } } };
}

const etag = {
  ETag: { description: "A weak validator of the body; send it back as If-None-Match to get 304 when nothing changed.", schema: str },
};
const link = { Link: { description: 'The next page as `<…>; rel="next"`, when there is one.', schema: str } };
const notModified = { description: "Not modified: the If-None-Match tag is still current.", headers: etag };

function operation(scope: ApiScope, summary: string, description: string, op: Omit<ZodOpenApiOperationObject, "summary">) {
  return {
    summary,
    description: `${description}\n\nRequired scope: \`${scope}\` (${API_SCOPE_LABELS[scope]}).`,
    security: [{ bearer: [] }],
    "x-required-scope": scope,
    ...op,
  } as ZodOpenApiOperationObject;
}

const get = (scope: ApiScope, summary: string, description: string, op: Omit<ZodOpenApiOperationObject, "summary">) =>
  operation(scope, summary, description, { ...op, responses: { ...op.responses, "304": notModified, ...commonProblems } });

const post = (scope: ApiScope, summary: string, description: string, op: Omit<ZodOpenApiOperationObject, "summary">) =>
  operation(scope, summary, description, { ...op, responses: { ...op.responses, ...commonProblems, ...postProblems } });

const replayed = {
  "Idempotent-Replayed": {
    description: "`true` when this is the stored answer of an earlier call with the same key and body.",
    schema: str,
  },
};

function build() {
  return createDocument(
    {
      openapi: "3.1.0",
      info: {
        title: "WorkSpaces portal API",
        version: "1.0.0",
        description:
          "Requests, approvals and status of Amazon WorkSpaces for IT service management tools. " +
          "Errors are RFC 9457 problems with a stable `code`. See docs/api.md for authentication, idempotency and pagination.",
      },
      servers: [{ url: "/" }],
      tags: [
        { name: "WorkSpaces", description: "WorkSpaces and the catalog a person may request from." },
        { name: "Requests", description: "Change requests, their timelines, cancelling and decisions." },
        { name: "Audit log", description: "Who did what, read-only." },
      ],
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "An API token an admin created on /admin/api-tokens (`wsp_…`)." },
        },
        schemas: { WebhookEvent: webhookEventBody },
      },
      paths: {
        "/api/v1/workspaces": {
          get: get("workspaces:read", "List WorkSpaces", "WorkSpaces by id, filtered, a page at a time.", {
            operationId: "listWorkspaces",
            tags: ["WorkSpaces"],
            requestParams: { query: apiWorkspaceListQuery, header: apiOnBehalfHeaders },
            responses: { "200": ok("A page of WorkSpaces.", apiWorkspacePage, { ...etag, ...link }) },
          }),
        },
        "/api/v1/workspaces/{id}": {
          get: get("workspaces:read", "Get a WorkSpace", "One WorkSpace as the portal last read it from AWS.", {
            operationId: "getWorkspace",
            tags: ["WorkSpaces"],
            requestParams: { path: apiWorkspaceParams, header: apiOnBehalfHeaders },
            responses: { "200": ok("The WorkSpace.", apiWorkspace, etag) },
          }),
        },
        "/api/v1/catalog": {
          get: get("workspaces:read", "The catalog", "The directories and bundles the portal offers a person, with monthly prices.", {
            operationId: "getCatalog",
            tags: ["WorkSpaces"],
            requestParams: { query: apiCatalogQuery, header: apiOnBehalfHeaders },
            responses: { "200": ok("The person's catalog.", apiCatalog, etag) },
          }),
        },
        "/api/v1/requests": {
          get: get("requests:read", "List requests", "Requests, newest first, a page at a time.", {
            operationId: "listRequests",
            tags: ["Requests"],
            requestParams: { query: apiRequestListQuery, header: apiOnBehalfHeaders },
            responses: { "200": ok("A page of requests.", apiRequestPage, { ...etag, ...link }) },
          }),
          post: post(
            "requests:write",
            "Submit a request",
            "Submits a change request for the token's service account or, with X-On-Behalf-Of, for that person. " +
              "Every domain rule and the approval policy apply as in the portal.",
            {
              operationId: "createRequest",
              tags: ["Requests"],
              requestParams: { header: apiOnBehalfHeaders.extend(apiIdempotencyHeaders.shape) },
              requestBody: { required: true, content: { "application/json": { schema: apiRequestCreate } } },
              responses: {
                "201": ok("The request was submitted.", apiRequest, {
                  Location: { description: "The request's URL.", schema: str },
                  ...replayed,
                }),
                "200": ok("An equal open request already existed; it is returned instead.", apiRequest, {
                  Location: { description: "The request's URL.", schema: str },
                  ...replayed,
                }),
              },
            },
          ),
        },
        "/api/v1/requests/{id}": {
          get: get("requests:read", "Get a request", "One request with its timeline from the audit log.", {
            operationId: "getRequest",
            tags: ["Requests"],
            requestParams: { path: apiRequestParams, header: apiOnBehalfHeaders },
            responses: { "200": ok("The request.", apiRequest, etag) },
          }),
        },
        "/api/v1/requests/{id}/cancel": {
          post: post("requests:write", "Cancel a request", "Cancels a request that waits for approval; only its requester may.", {
            operationId: "cancelRequest",
            tags: ["Requests"],
            requestParams: { path: apiRequestParams, header: apiOnBehalfHeaders.extend(apiIdempotencyHeaders.shape) },
            responses: { "200": ok("The cancelled request.", apiRequest, replayed) },
          }),
        },
        "/api/v1/requests/{id}/decisions": {
          post: post(
            "decisions:write",
            "Decide a request",
            "Approves or rejects for the approver named in X-On-Behalf-Of (required), who must be eligible at that moment. " +
              "Recorded with channel API and the token.",
            {
              operationId: "decideRequest",
              tags: ["Requests"],
              requestParams: { path: apiRequestParams, header: apiOnBehalfHeaders.extend(apiIdempotencyHeaders.shape) },
              requestBody: { required: true, content: { "application/json": { schema: apiDecisionCreate } } },
              responses: { "200": ok("The request after the decision.", apiRequest, replayed) },
            },
          ),
        },
        "/api/v1/audit-events": {
          get: get("audit:read", "List audit events", "The audit log, newest first, a page at a time.", {
            operationId: "listAuditEvents",
            tags: ["Audit log"],
            requestParams: { query: apiAuditListQuery, header: apiOnBehalfHeaders },
            responses: { "200": ok("A page of audit events.", apiAuditEventPage, { ...etag, ...link }) },
          }),
        },
      },
    },
    { allowEmptySchema: { unknown: true } },
  );
}

let cached: ReturnType<typeof build> | undefined;

/** The document, built on first use and kept for the life of the process. */
export function openApiDocument(): ReturnType<typeof build> {
  cached ??= build();
  return cached;
}
