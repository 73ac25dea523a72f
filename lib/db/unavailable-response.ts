// What proxy.ts answers while the database server is unreachable (lib/db/outage.ts): a 503 that says what
// to do, with Retry-After, in the form the caller reads — a page for people, problem+json for the REST API,
// plain text for a server action (the browser shows it as the action's error). Nothing about internals.

export const RETRY_AFTER_SECONDS = 30;
export const UNAVAILABLE_MESSAGE = "The portal is briefly unavailable. Nothing you did was lost; please try again in a minute.";

// The page reloads itself, so it recovers without anyone pressing a button.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">
<title>Briefly unavailable · WorkSpaces portal</title>
<style>
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f8fafc;
font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#0f172a}
main{max-width:28rem;margin:1rem;padding:1.5rem;background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;text-align:center}
h1{font-size:1.25rem;margin:0 0 .5rem}p{font-size:.875rem;color:#334155;margin:.5rem 0}a{color:#1d4ed8}
</style>
</head>
<body>
<main role="alert">
<h1>The portal is briefly unavailable</h1>
<p>Nothing you did was lost. Please try again in a minute; this page reloads by itself.</p>
<p><a href="">Try again now</a></p>
</main>
</body>
</html>
`;

export function unavailableResponse(request: Request, requestId: string): Response {
  const headers: Record<string, string> = {
    "retry-after": String(RETRY_AFTER_SECONDS),
    "cache-control": "no-store",
    "x-request-id": requestId,
  };
  const path = new URL(request.url).pathname;
  if (path.startsWith("/api/")) {
    const body = {
      type: "/api/docs#problem-UNAVAILABLE",
      title: "Service unavailable",
      status: 503,
      detail: "The portal's database is briefly unreachable; retry after the number of seconds in Retry-After.",
      code: "UNAVAILABLE",
      instance: requestId,
    };
    return new Response(JSON.stringify(body), { status: 503, headers: { ...headers, "content-type": "application/problem+json" } });
  }
  if (request.method === "POST" && request.headers.has("next-action")) {
    return new Response(UNAVAILABLE_MESSAGE, { status: 503, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
  }
  return new Response(request.method === "HEAD" ? null : PAGE, {
    status: 503,
    headers: {
      ...headers,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy":
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
  });
}
