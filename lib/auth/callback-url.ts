/**
 * Where a callback or redirect target taken from a request may send the browser: the path of a URL on
 * the portal's own origin, or "/" for anything else. The value is resolved the way a browser would
 * (backslashes as slashes, tabs and newlines dropped, "." segments removed), so `//evil`, `/\evil`,
 * `https://evil` and `javascript:` all resolve off the origin and are refused.
 */
export function safeCallbackPath(value: unknown, origin: string): string {
  if (typeof value !== "string" || value === "") return "/";
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  const path = url.pathname + url.search + url.hash;
  // "/.//evil" resolves to the path "//evil", which a browser reads as a link to the host "evil".
  return path.startsWith("//") ? "/" : path;
}
