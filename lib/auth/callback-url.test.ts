import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

const ORIGIN = "https://workspaces.example.com";

describe("safeCallbackPath", () => {
  it.each([
    ["/", "/"],
    ["/requests", "/requests"],
    ["/workspaces/ws-1?tab=history#changes", "/workspaces/ws-1?tab=history#changes"],
    ["/admin/fleet?region=us-east-1&q=a%20b", "/admin/fleet?region=us-east-1&q=a%20b"],
    ["https://workspaces.example.com/approvals", "/approvals"],
    // Still encoded, a backslash is only a character of a path on this origin.
    ["/%5Cevil.example/x", "/%5Cevil.example/x"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    // A browser reads the page's own scheme without slashes as a relative path, too.
    ["https:evil.example", "/evil.example"],
  ])("keeps the same-origin path %s", (value, expected) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "https://evil.example",
    "https://evil.example/workspaces.example.com",
    "http://workspaces.example.com/downgrade",
    "https://workspaces.example.com.evil.example/",
    "https://workspaces.example.com@evil.example/",
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\r\n/evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/%2e//evil.example",
    "///evil.example",
    "http:\\\\evil.example",
  ])("sends %j home instead", (value) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe("/");
  });

  it.each([undefined, null, 42, ["/requests"], ""])("sends a missing or malformed value (%j) home", (value) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe("/");
  });

  it("decodes nothing itself: the query string's own decoding of %5C is what it must catch", () => {
    const fromQuery = new URL("https://workspaces.example.com/signin?callbackUrl=/%5Cevil.example/x").searchParams.get("callbackUrl");
    expect(fromQuery).toBe("/\\evil.example/x");
    expect(safeCallbackPath(fromQuery, ORIGIN)).toBe("/");
  });
});
