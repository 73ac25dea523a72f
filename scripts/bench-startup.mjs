#!/usr/bin/env node
// npm run bench:startup — cold start of the production server on the embedded defaults: from spawning
// `next start` (fresh data directory, so migrations and the demo seed run too) to the first 200 from `/`
// (following the redirect to sign-in), and the server's resident memory after that first page.
// Needs a build first: `npm run build`.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const RUNS = Number(process.argv[2] ?? 3);
const PORT = 3190;
const distDir = process.env.NEXT_DIST_DIR || ".next";
if (!existsSync(path.join(distDir, "BUILD_ID"))) {
  console.error(`No production build in ${distDir}; run \`npm run build\` first.`);
  process.exit(2);
}

function rssKiB(pid) {
  // The server plus every process it started, read from /proc.
  let total = 0;
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  const walk = (p) => {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      total += m ? Number(m[1]) : 0;
    } catch {}
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return total;
}

async function once() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "portal-coldstart-"));
  const started = performance.now();
  const server = spawn("node", ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      PORTAL_DATA_DIR: dataDir,
      SANDBOX_PORT: "4691",
      DEMO_SIGN_IN: "true",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let status = 0;
  while (performance.now() - started < 60_000) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/`, { redirect: "follow" });
      await res.text();
      status = res.status;
      if (status === 200) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  const coldStartMs = performance.now() - started;
  const rss = rssKiB(server.pid);
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(dataDir, { recursive: true, force: true });
  if (status !== 200) throw new Error(`no 200 from / within 60 s (last status ${status})`);
  return { coldStartMs, rssMiB: rss / 1024 };
}

const results = [];
for (let i = 0; i < RUNS; i++) results.push(await once());
const fmt = (n) => n.toFixed(0);
for (const [i, r] of results.entries())
  console.log(`run ${i + 1}: cold start ${fmt(r.coldStartMs)} ms, RSS after first page ${r.rssMiB.toFixed(1)} MiB`);
const worst = Math.max(...results.map((r) => r.coldStartMs));
console.log(`worst cold start: ${fmt(worst)} ms (target ≤ 15000 ms) — ${worst <= 15000 ? "OK" : "OVER TARGET"}`);
console.log(`max RSS after first page: ${Math.max(...results.map((r) => r.rssMiB)).toFixed(1)} MiB`);
