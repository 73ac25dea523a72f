import "server-only";
import { hasRole } from "../auth/roles";
import {
  apiCatalog,
  catalogPerson,
  getApiRequest,
  getApiWorkspace,
  listApiAuditEvents,
  listApiRequests,
  listApiWorkspaces,
  type ApiViewer,
} from "../queries/api";
import { apiDecisionCreate, apiRequestCreate } from "../schemas/api-inputs";
import {
  apiAuditListQuery,
  apiCatalogQuery,
  apiRequestListQuery,
  apiRequestParams,
  apiWorkspaceListQuery,
  apiWorkspaceParams,
} from "../schemas/api-queries";
import { apiDecide } from "../services/api/decisions";
import { apiCancelRequest, apiSubmitRequest } from "../services/api/requests";
import { decodeCursor, nextLink, pageOf } from "./pagination";
import { problemFromRefusals, type Problem } from "./problem";
import { apiRoute, notFoundProblem, refuse, type ApiCallContext } from "./route";

// The handlers of /api/v1, one per operation; app/api/v1/**/route.ts only exports them. Each reads
// through lib/queries (the portal's own visibility rules) or writes through lib/services/api.

const badCursor: Problem = {
  status: 400,
  code: "VALIDATION_FAILED",
  detail: "This cursor is not one this list handed out; start again without it.",
  errors: [{ code: "CURSOR_INVALID", detail: "This cursor is not one this list handed out.", field: "cursor" }],
};

/** The token's own service account reads the organisation; a named person reads what they see in the portal. */
function viewerOf(ctx: ApiCallContext<unknown, unknown, unknown>): ApiViewer {
  if (!ctx.caller.onBehalf) return { kind: "organisation" };
  const { id, name, role } = ctx.caller.actor;
  return { kind: "person", user: { id, name, role, email: ctx.onBehalfOf ?? "" } };
}

// ---- WorkSpaces ---------------------------------------------------------------------------------------

export const listWorkspacesRoute = apiRoute({ scope: "workspaces:read", query: apiWorkspaceListQuery }, async (ctx) => {
  const cursor = decodeCursor("workspaces", ctx.query.cursor, ["string"]);
  if (!cursor.ok) return refuse(badCursor);
  const rows = await listApiWorkspaces(viewerOf(ctx), ctx.query, (cursor.after?.[0] as string | undefined) ?? null);
  const page = pageOf(
    "workspaces",
    rows,
    ctx.query.limit,
    (w) => [w.id],
    (w) => w,
  );
  return { status: 200, body: page, headers: nextLink(ctx.request.url, page.nextCursor) };
});

export const getWorkspaceRoute = apiRoute({ scope: "workspaces:read", params: apiWorkspaceParams }, async (ctx) => {
  const workspace = await getApiWorkspace(viewerOf(ctx), ctx.params.id);
  return workspace ? { status: 200, body: workspace } : refuse(notFoundProblem(`WorkSpace ${ctx.params.id}`));
});

// ---- Catalog ---------------------------------------------------------------------------------------------

export const catalogRoute = apiRoute({ scope: "workspaces:read", query: apiCatalogQuery }, async (ctx) => {
  const found = await catalogPerson(viewerOf(ctx), ctx.query.person, ctx.token.serviceUserId);
  if (!found.ok)
    return refuse(
      found.reason === "not_found"
        ? {
            status: 404,
            code: "PERSON_NOT_FOUND",
            detail: `No person with the email ${ctx.query.person} is known to the portal.`,
            errors: [{ code: "PERSON_NOT_FOUND", detail: "No person with this email is known to the portal.", field: "person" }],
          }
        : {
            status: 403,
            code: "FORBIDDEN",
            detail: "Only an admin may read another person's catalog.",
            errors: [{ code: "FORBIDDEN", detail: "Only an admin may read another person's catalog.", field: "person" }],
          },
    );
  return { status: 200, body: await apiCatalog(found.person) };
});

// ---- Requests --------------------------------------------------------------------------------------------

export const listRequestsRoute = apiRoute({ scope: "requests:read", query: apiRequestListQuery }, async (ctx) => {
  const cursor = decodeCursor("requests", ctx.query.cursor, ["string", "string"]);
  const after = cursor.ok && cursor.after ? { createdAt: new Date(cursor.after[0] as string), id: cursor.after[1] as string } : null;
  if (!cursor.ok || (after && Number.isNaN(after.createdAt.getTime()))) return refuse(badCursor);
  const rows = await listApiRequests(viewerOf(ctx), ctx.query, after, ctx.now);
  const page = pageOf(
    "requests",
    rows,
    ctx.query.limit,
    (r) => [r.createdAt, r.id],
    (r) => r,
  );
  return { status: 200, body: page, headers: nextLink(ctx.request.url, page.nextCursor) };
});

export const getRequestRoute = apiRoute({ scope: "requests:read", params: apiRequestParams }, async (ctx) => {
  const request = await getApiRequest(viewerOf(ctx), ctx.params.id);
  return request ? { status: 200, body: request } : refuse(notFoundProblem(`Request ${ctx.params.id}`));
});

const location = (id: string) => `/api/v1/requests/${encodeURIComponent(id)}`;

export const createRequestRoute = apiRoute({ scope: "requests:write", body: apiRequestCreate, idempotent: true }, async (ctx) => {
  const result = await apiSubmitRequest(ctx.caller, ctx.body);
  if (!result.ok) return refuse(problemFromRefusals(result.reasons));
  return { status: result.created ? 201 : 200, body: result.request, headers: { Location: location(result.request.id) } };
});

export const cancelRequestRoute = apiRoute({ scope: "requests:write", params: apiRequestParams, idempotent: true }, async (ctx) => ({
  status: 200,
  body: await apiCancelRequest(ctx.caller, ctx.params.id),
}));

export const decideRequestRoute = apiRoute(
  { scope: "decisions:write", params: apiRequestParams, body: apiDecisionCreate, idempotent: true },
  async (ctx) => ({ status: 200, body: await apiDecide(ctx.caller, ctx.params.id, ctx.body) }),
);

// ---- Audit events ----------------------------------------------------------------------------------------

export const listAuditEventsRoute = apiRoute({ scope: "audit:read", query: apiAuditListQuery }, async (ctx) => {
  const viewer = viewerOf(ctx);
  // The audit log is an admin's page in the portal; a person who is not an admin reads none of it here either.
  if (viewer.kind === "person" && !hasRole(viewer.user.role, "ADMIN"))
    return refuse({
      status: 403,
      code: "FORBIDDEN",
      detail: "Only admins may read the audit log; act for an admin or for the token itself.",
    });
  const cursor = decodeCursor("audit-events", ctx.query.cursor, ["string"]);
  const before = cursor.ok && cursor.after ? (cursor.after[0] as string) : null;
  if (!cursor.ok || (before !== null && !/^\d{1,19}$/.test(before))) return refuse(badCursor);
  const rows = await listApiAuditEvents(ctx.query, before === null ? null : BigInt(before));
  const page = pageOf(
    "audit-events",
    rows,
    ctx.query.limit,
    (e) => [e.id],
    (e) => e,
  );
  return { status: 200, body: page, headers: nextLink(ctx.request.url, page.nextCursor) };
});
