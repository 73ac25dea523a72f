#!/usr/bin/env node
// Builds the self-contained server the container image runs (Dockerfile) and the smoke test starts
// (scripts/smoke-standalone.mjs): `next build` with NEXT_OUTPUT=standalone, then what Next.js's trace
// leaves out, then the command-line entries bundled into single files that need no tsx.
//
//   node scripts/build-standalone.mjs [--no-build]      (NEXT_DIST_DIR picks the build directory, default .next)
//
// Result: <distDir>/standalone/ — run `node server.js` in it; `node scripts/migrate.mjs`, `node scripts/worker.mjs`
// (when scripts/worker.ts exists) and `node scripts/sandbox.mjs` run the other commands.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const out = path.join(root, distDir, "standalone");

/** Entries bundled into <out>/scripts/<name>.mjs, when their source exists. */
const ENTRIES = ["migrate", "worker", "sandbox"];
/**
 * Loaded from their package directory at run time (PGlite reads its WASM and data files beside its module;
 * pino starts worker threads from its own files), so they stay packages and are copied with their dependencies.
 */
const RUNTIME_PACKAGES = ["@electric-sql/pglite", "pglite-prisma-adapter", "pino", "pg"];

if (!process.argv.includes("--no-build")) {
  const env = { ...process.env, NEXT_OUTPUT: "standalone", NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" };
  const built = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit", env });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
if (!existsSync(path.join(out, "server.js"))) {
  console.error(`No standalone build in ${path.relative(root, out)}: run without --no-build (NEXT_OUTPUT=standalone next build).`);
  process.exit(1);
}

const copy = (from, to = from) => {
  const source = path.join(root, from);
  if (!existsSync(source)) return false;
  rmSync(path.join(out, to), { recursive: true, force: true });
  cpSync(source, path.join(out, to), { recursive: true, dereference: true });
  return true;
};

// Static assets and public/ are served by server.js but never traced (Next.js's documented copy step).
copy(path.join(distDir, "static"));
copy("public");
// Read from process.cwd() at run time: the migrations (the migrate command and the embedded database's
// start-up) and the embedded database's worker thread (lib/db/pglite-thread.ts).
copy(path.join("prisma", "migrations"));
copy(path.join("lib", "db", "pglite-worker.mjs"));

/** Copies a package and, recursively, its dependencies, each to the same place under node_modules it has here. */
function copyPackage(name, fromDir = root, seen = new Set()) {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) {
      if (seen.has(candidate)) return;
      seen.add(candidate);
      copy(path.relative(root, candidate));
      const pkg = JSON.parse(readFileSync(path.join(candidate, "package.json"), "utf8"));
      for (const dep of Object.keys(pkg.dependencies ?? {})) copyPackage(dep, candidate, seen);
      for (const dep of Object.keys(pkg.optionalDependencies ?? {})) {
        try {
          copyPackage(dep, candidate, seen);
        } catch {
          // An optional dependency not installed for this platform.
        }
      }
      return;
    }
    if (dir === root || dir === path.dirname(dir)) throw new Error(`package ${name} (needed from ${fromDir}) is not installed`);
    // Node's own lookup: the node_modules of each enclosing directory, up to the project's.
    dir = path.dirname(dir);
  }
}
const seen = new Set();
for (const name of RUNTIME_PACKAGES) copyPackage(name, root, seen);

// The command-line entries: one file each, everything bundled except the runtime packages above.
// `server-only` guards modules against client bundles; in a Node entry it is an empty module.
const serverOnly = {
  name: "server-only",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};
const REQUIRE_SHIM = "import { createRequire as __portalRequire } from 'node:module'; const require = __portalRequire(import.meta.url);";
mkdirSync(path.join(out, "scripts"), { recursive: true });
const bundled = [];
for (const entry of ENTRIES) {
  const source = path.join(root, "scripts", `${entry}.ts`);
  if (!existsSync(source)) {
    console.log(`scripts/${entry}.ts does not exist yet; no ${entry} entry bundled.`);
    continue;
  }
  await build({
    entryPoints: [source],
    outfile: path.join(out, "scripts", `${entry}.mjs`),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    external: RUNTIME_PACKAGES,
    plugins: [serverOnly],
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: { js: REQUIRE_SHIM },
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
  });
  bundled.push(`scripts/${entry}.mjs`);
}
console.log(`Standalone server ready in ${path.relative(root, out)}: node server.js (and ${bundled.join(", ")})`);
