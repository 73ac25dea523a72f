// Finds every server action and route handler the portal exposes, from the files themselves, so a test
// that drives "all of them" cannot miss one added later.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export type ServerAction = (...args: never[]) => Promise<unknown>;
export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Every export of every "use server" file in lib/actions, by export name. */
export async function discoverActions(): Promise<Map<string, { file: string; action: ServerAction }>> {
  const dir = path.join(ROOT, "lib/actions");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => path.join(dir, f))
    .filter((f) => /^\s*["']use server["'];?/.test(readFileSync(f, "utf8")));
  const actions = new Map<string, { file: string; action: ServerAction }>();
  for (const file of files) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (actions.has(name)) throw new Error(`Two server actions are exported as ${name}`);
      actions.set(name, { file: path.relative(ROOT, file), action: value as ServerAction });
    }
  }
  return actions;
}

/** "/api/admin/audit/export" for app/api/admin/audit/export/route.ts; dynamic segments stay as written. */
function routePath(file: string): string {
  return (
    "/" +
    path
      .relative(path.join(ROOT, "app"), path.dirname(file))
      .split(path.sep)
      .filter((s) => !/^\(.*\)$/.test(s))
      .join("/")
  );
}

/** Every method exported by every app/api/**\/route.ts, keyed "GET /api/health". */
export async function discoverRoutes(): Promise<Map<string, { path: string; method: string; handler: RouteHandler }>> {
  const files = walk(path.join(ROOT, "app/api")).filter((f) => /\/route\.tsx?$/.test(f));
  const routes = new Map<string, { path: string; method: string; handler: RouteHandler }>();
  for (const file of files) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof mod[method] === "function")
        routes.set(`${method} ${routePath(file)}`, { path: routePath(file), method, handler: mod[method] as RouteHandler });
    }
  }
  return routes;
}
