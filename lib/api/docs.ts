import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { openApiDocument } from "./openapi";
import { PROBLEM_CODES } from "./problem";
import { weakEtag } from "./route";

// The API reference (/api/docs): Swagger UI from the pinned swagger-ui-dist package, rendering the
// generated OpenAPI document, with the problem codes the problems' `type` links point to. The page's
// scripts carry the CSP nonce proxy.ts set for this request; the assets are served from node_modules
// through an allow-list, versioned in their URL so browsers may keep them for a year.

const SWAGGER_UI_VERSION = "5.35.0";
const ASSETS: Record<string, string> = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
};

export function openApiResponse(request: Request): Response {
  const json = JSON.stringify(openApiDocument());
  const etag = weakEtag(json);
  const headers = { ETag: etag, "cache-control": "public, max-age=300" };
  if (request.headers.get("if-none-match")?.includes(etag.slice(2))) return new Response(null, { status: 304, headers });
  return new Response(json, { headers: { ...headers, "content-type": "application/json; charset=utf-8" } });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function docsPageResponse(request: Request): Response {
  const given = request.headers.get("x-nonce");
  const nonce = given && /^[A-Za-z0-9+/=]{8,128}$/.test(given) ? given : btoa(crypto.randomUUID());
  const asset = (file: string) => `/api/docs/assets/${file}?v=${SWAGGER_UI_VERSION}`;
  const codes = Object.entries(PROBLEM_CODES)
    .map(([code, meaning]) => `<tr id="problem-${code}"><td><code>${code}</code></td><td>${escapeHtml(meaning)}</td></tr>`)
    .join("\n");
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>WorkSpaces portal API reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset("swagger-ui.css")}">
<style>body{margin:0;font-family:system-ui,sans-serif}.codes{max-width:1460px;margin:0 auto 48px;padding:0 20px}
.codes table{border-collapse:collapse}.codes td{border-top:1px solid #ddd;padding:6px 12px 6px 0;vertical-align:top}</style>
</head>
<body>
<div id="swagger-ui"></div>
<section class="codes">
<h2>Problem codes</h2>
<p>Every refusal is an RFC 9457 <code>application/problem+json</code> body with one of these codes, or a domain rule's own code
(for example <code>OPEN_REQUEST</code>) on a 422. The guide is docs/api.md in the portal's repository.</p>
<table>
${codes}
</table>
</section>
<script nonce="${nonce}" src="${asset("swagger-ui-bundle.js")}"></script>
<script nonce="${nonce}">
window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });
</script>
</body>
</html>`;
  const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" };
  // Without the proxy (no nonce came in), the page sets its own policy for the nonce it chose.
  if (!given)
    headers["content-security-policy"] =
      `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:`;
  return new Response(html, { headers });
}

export async function docsAssetResponse(file: string): Promise<Response> {
  const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
  if (!type) return new Response("Not found.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const body = await readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", file));
  return new Response(new Uint8Array(body), {
    headers: { "content-type": type, "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff" },
  });
}
