import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// Guards the promise in DESIGN.md: the domain has no I/O and never reads the clock, so every rule
// can be judged at any `now` the caller passes. (The test itself may read files; the rules may not.)
const root = new URL(".", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "testing" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("lib/domain stays pure", () => {
  const files = sourceFiles(root);
  it("has source files to check", () => expect(files.length).toBeGreaterThan(10));

  it.each(files.map((path) => relative(root, path)))("%s imports only zod and its own modules", (file) => {
    const text = readFileSync(join(root, file), "utf8");
    const imports = [...text.matchAll(/from\s+"([^"]+)"/g)].map((match) => match[1]);
    expect(imports.filter((name) => name !== "zod" && !name?.startsWith("./") && !name?.startsWith("../"))).toEqual([]);
  });

  it.each(files.map((path) => relative(root, path)))("%s never reads the clock or the environment", (file) => {
    const text = readFileSync(join(root, file), "utf8");
    expect(text).not.toMatch(/Date\.now\(|new Date\(\)|process\.env|Math\.random\(/);
  });
});
