// Child processes of the load benchmarks: each in its own process group, so a kill reaches npm, tsx and the
// node server below them; output kept (last 200 chunks) for the failure message and, once setLogDir is called, whole in
// <dir>/<name>.log (a restarted process appends to its file); every group is killed on exit.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createServer } from "node:net";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @type {Set<{ name: string, child: import("node:child_process").ChildProcess, output: string[] }>} */
const running = new Set();

export function portFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** `count` consecutive free ports from `from` on. */
export async function freePorts(from, count) {
  const ports = [];
  for (let port = from; ports.length < count && port < from + 500; port++) if (await portFree(port)) ports.push(port);
  if (ports.length < count) throw new Error(`Found no ${count} free ports from ${from}.`);
  return ports;
}

let logDir;
/** Keeps every process's whole output in `dir` from now on. */
export function setLogDir(dir) {
  mkdirSync(dir, { recursive: true });
  logDir = dir;
}

export function start(name, cmd, args, env) {
  const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const proc = { name, child, output: [], startedAt: Date.now() };
  const file = logDir ? path.join(logDir, `${name}.log`) : undefined;
  if (file) appendFileSync(file, `==== ${new Date().toISOString()} ${name} started (pid ${child.pid}) ====\n`);
  const keep = (chunk) => {
    proc.output.push(chunk.toString());
    if (proc.output.length > 200) proc.output.shift();
    if (file) appendFileSync(file, chunk);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  running.add(proc);
  child.once("exit", () => running.delete(proc));
  return proc;
}

export const alive = (proc) => proc.child.exitCode === null && proc.child.signalCode === null;

export function killGroup(proc, signal) {
  try {
    process.kill(-proc.child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * SIGTERM, up to `graceMs` to exit, then SIGKILL to the group. Resolves with the exit code (null when it had to be
 * killed). With `pid`, only that process is signalled (the server under npm and tsx, as an orchestrator signals the
 * container's one process); otherwise the whole group, as Ctrl-C in a terminal does.
 */
export async function stop(proc, graceMs = 10_000, pid = undefined) {
  if (!alive(proc)) return proc.child.exitCode;
  const exited = new Promise((r) => proc.child.once("exit", (code) => r(code)));
  if (pid) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // gone already
    }
  } else killGroup(proc, "SIGTERM");
  const code = await Promise.race([exited, sleep(graceMs).then(() => "timeout")]);
  if (code === "timeout") {
    killGroup(proc, "SIGKILL");
    return null;
  }
  return code;
}

export function killAll() {
  for (const proc of running) killGroup(proc, "SIGKILL");
}

export function lastOutput(proc, chars = 3000) {
  return proc.output.join("").slice(-chars);
}

/** Polls `url` until it answers 200 (or `ok(res)`), failing early when the process exits. */
export async function waitForHttp(proc, url, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(proc)) throw new Error(`${proc.name} exited (${proc.child.exitCode ?? proc.child.signalCode}):\n${lastOutput(proc)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
    await sleep(300);
  }
  throw new Error(`${proc.name} did not answer 200 on ${url} within ${timeoutMs / 1000} s:\n${lastOutput(proc)}`);
}

/** The processes of a process group, from /proc: pid, command line and resident memory in bytes. */
export function groupProcesses(pgid) {
  const out = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
      out.push({ pid: Number(entry), rss, cmd });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/**
 * The resident memory of the server in a process group: its largest process (npm and tsx wrappers hold
 * about 50 MiB each and serve nothing), and the group's total beside it.
 */
export function serverRss(proc) {
  const members = groupProcesses(proc.child.pid);
  if (members.length === 0) return null;
  const largest = members.reduce((a, b) => (b.rss > a.rss ? b : a));
  return { rss: largest.rss, pid: largest.pid, cmd: largest.cmd, groupRss: members.reduce((s, m) => s + m.rss, 0), count: members.length };
}

/** Runs a command to completion, output inherited; returns its exit status. */
export function runSync(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], ...options });
  return result.status ?? 1;
}
