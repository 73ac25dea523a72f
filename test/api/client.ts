// Calls the /api/v1 route handlers as Next.js would (a Request and its path's params), and checks every
// answer against the OpenAPI document before a test sees it.
import * as auditEvents from "@/app/api/v1/audit-events/route";
import * as catalog from "@/app/api/v1/catalog/route";
import * as requestCancel from "@/app/api/v1/requests/[id]/cancel/route";
import * as requestDecisions from "@/app/api/v1/requests/[id]/decisions/route";
import * as requestOne from "@/app/api/v1/requests/[id]/route";
import * as requests from "@/app/api/v1/requests/route";
import * as workspaceOne from "@/app/api/v1/workspaces/[id]/route";
import * as workspaces from "@/app/api/v1/workspaces/route";
import { expectMatchesContract, type CheckedResponse } from "./openapi-validator";

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export const API_ROUTES: [template: string, module: Record<string, unknown>][] = [
  ["/api/v1/workspaces", workspaces],
  ["/api/v1/workspaces/{id}", workspaceOne],
  ["/api/v1/catalog", catalog],
  ["/api/v1/requests", requests],
  ["/api/v1/requests/{id}", requestOne],
  ["/api/v1/requests/{id}/cancel", requestCancel],
  ["/api/v1/requests/{id}/decisions", requestDecisions],
  ["/api/v1/audit-events", auditEvents],
];

/** Each operation with an id in its path filled in, for tests that call every one. */
export const API_OPERATIONS = API_ROUTES.flatMap(([template, mod]) =>
  ["GET", "POST"].filter((m) => typeof mod[m] === "function").map((method) => ({ method, template })),
);

export interface CallOptions {
  token?: string | null;
  /** The whole Authorization header, when a test needs a malformed one. */
  authorization?: string;
  onBehalfOf?: string;
  body?: unknown;
  rawBody?: string;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

export type ApiAnswer = CheckedResponse & { template: string };

function match(pathname: string): { template: string; handler: Record<string, unknown>; params: Record<string, string> } {
  const actual = pathname.split("/");
  for (const [template, mod] of API_ROUTES) {
    const parts = template.split("/");
    if (parts.length !== actual.length) continue;
    const params: Record<string, string> = {};
    if (
      parts.every((p, i) => (/^\{(\w+)\}$/.test(p) ? ((params[p.slice(1, -1)] = decodeURIComponent(actual[i]!)), true) : p === actual[i]))
    )
      return { template, handler: mod, params };
  }
  throw new Error(`No API route for ${pathname}`);
}

export async function callApi(method: "GET" | "POST", pathAndQuery: string, options: CallOptions = {}): Promise<ApiAnswer> {
  const url = new URL(pathAndQuery, "http://portal.test");
  const { template, handler, params } = match(url.pathname);
  const headers = new Headers(options.headers);
  if (options.authorization !== undefined) headers.set("authorization", options.authorization);
  else if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.onBehalfOf) headers.set("x-on-behalf-of", options.onBehalfOf);
  if (options.idempotencyKey) headers.set("idempotency-key", options.idempotencyKey);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const request = new Request(url, { method, headers, body });
  const fn = handler[method] as Handler | undefined;
  if (!fn) throw new Error(`${method} ${template} has no handler`);
  const response = await fn(request, { params: Promise.resolve(params) });
  return { ...(await expectMatchesContract(method, template, response)), template };
}

/** The problem's code, for terse assertions. */
export const codeOf = (answer: ApiAnswer) => (answer.body as { code?: string } | null)?.code;
