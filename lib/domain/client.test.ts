import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// Client components import lib/domain/client so the browser never downloads zod. A bundler follows
// every import, so this walks the same graph from the source text (type-only imports included, so a
// zod-free module cannot lean on the schemas even for types).
const root = new URL(".", import.meta.url).pathname;

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|(?:^|\n)\s*import\s+"([^"]+)"/g)].map(
    (match) => (match[1] ?? match[2])!,
  );
}

function resolve(from: string, specifier: string): string {
  const base = join(dirname(from), specifier);
  const candidate = [`${base}.ts`, join(base, "index.ts")].find((path) => existsSync(path));
  if (!candidate) throw new Error(`${relative(root, from)} imports ${specifier}, which does not resolve to a file`);
  return candidate;
}

/** Every module reachable from `entry`, with the packages each one imports. */
function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const specifiers = importsOf(file);
    seen.set(
      file,
      specifiers.filter((specifier) => !specifier.startsWith(".")),
    );
    queue.push(...specifiers.filter((specifier) => specifier.startsWith(".")).map((specifier) => resolve(file, specifier)));
  }
  return seen;
}

describe("lib/domain/client", () => {
  const graph = reachable(join(root, "client.ts"));

  it("reaches the domain's rules", () => {
    expect([...graph.keys()].map((file) => relative(root, file))).toEqual(
      expect.arrayContaining(["validate/index.ts", "workspace-actions.ts", "money.ts"]),
    );
  });

  it("never reaches zod", () => {
    const withZod = [...graph]
      .filter(([, packages]) => packages.some((name) => name === "zod" || name.startsWith("zod/")))
      .map(([file]) => relative(root, file));
    expect(withZod).toEqual([]);
  });

  it("the full entry adds only the schemas", () => {
    const full = reachable(join(root, "index.ts"));
    const extra = [...full.keys()].filter((file) => !graph.has(file)).map((file) => relative(root, file));
    expect(extra.sort()).toEqual(["index.ts", "schemas.ts"]);
  });
});
