import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// DESIGN.md: data modules start with `import "server-only"`, so a client component that imports one by
// mistake fails the build instead of shipping database or AWS code to the browser. These folders hold
// only server code; the few pure modules that client components share are listed by name.
const root = new URL("..", import.meta.url).pathname;
const SERVER_FOLDERS = ["lib/services", "lib/core", "lib/execution", "lib/changes", "lib/queries", "lib/server", "lib/seed", "lib/auth"];
/** Pure helpers that pages and client components share with the server. */
const SHARED = new Set(["lib/auth/roles.ts", "lib/auth/callback-url.ts", "lib/auth/recent-sign-in.ts"]);

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "testing" ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("server-only modules", () => {
  const files = SERVER_FOLDERS.flatMap(sources).filter((file) => !SHARED.has(file));

  it("finds the server folders' modules", () => expect(files.length).toBeGreaterThan(80));

  it.each(files.map((file) => relative(root, join(root, file))))('%s starts with import "server-only"', (file) => {
    const firstStatement = readFileSync(join(root, file), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line && !line.startsWith("//") && !line.startsWith("/*") && !line.startsWith("*"));
    expect(firstStatement).toBe('import "server-only";');
  });
});
