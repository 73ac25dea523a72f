import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Convention: a "use server" file exports only server actions. Anything else exported from it becomes
// callable from the browser or breaks the build, so this check reads every such file in the project.
const ROOTS = ["app", "lib", "components"];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    return statSync(full).isDirectory() ? files(full) : /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const useServerFiles = ROOTS.flatMap(files).filter((f) => /^\s*["']use server["'];?/.test(readFileSync(f, "utf8")));

describe('"use server" files', () => {
  it("exist (the check would pass vacuously otherwise)", () => {
    expect(useServerFiles.length).toBeGreaterThan(3);
  });

  it.each(useServerFiles)("%s exports only actions", (file) => {
    const exports = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("export "));
    const offending = exports.filter(
      (line) => !/^export async function \w+\(/.test(line) && !/^export const \w+ = authedAction\(/.test(line),
    );
    expect(offending).toEqual([]);
  });
});
