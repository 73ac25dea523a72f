import { NextResponse, type NextRequest } from "next/server";
import { databaseUnavailable } from "./lib/db/outage";
import { unavailableResponse } from "./lib/db/unavailable-response";
import { ACTION_BODY_LIMIT_BYTES, TOO_LARGE_MESSAGE } from "./lib/schemas/text";

// Runs before every page and API request: gives it a request id for the logs and a per-request CSP
// nonce, which Next.js puts on its own inline scripts when it finds it in the request's CSP header.
const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React's style attributes need inline styles; scripts are what the nonce protects.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// Health, readiness and metrics answer for themselves during an outage (load balancers read them).
const ANSWERS_ITS_OWN_HEALTH = /^\/api\/(health|ready|metrics)(\/|$)/;

export async function proxy(request: NextRequest) {
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  // While the database server is unreachable (a restart, a fail-over), every page would fail; a short
  // "briefly unavailable" answer with Retry-After is what people and clients can act on.
  if (!ANSWERS_ITS_OWN_HEALTH.test(request.nextUrl.pathname) && (await databaseUnavailable())) {
    return unavailableResponse(request, requestId);
  }
  // A server-action body over Next.js's limit would end in a 500 and a generic error page; a plain-text 413
  // is what the browser's action call shows as the error's message instead.
  if (
    request.method === "POST" &&
    request.headers.has("next-action") &&
    Number(request.headers.get("content-length") ?? 0) > ACTION_BODY_LIMIT_BYTES
  ) {
    return new NextResponse(TOO_LARGE_MESSAGE, { status: 413, headers: { "content-type": "text/plain" } });
  }
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");

  const forwarded = new Headers(request.headers);
  forwarded.set("x-request-id", requestId);
  forwarded.set("x-request-path", request.nextUrl.pathname + request.nextUrl.search);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", csp);

  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("x-request-id", requestId);
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
