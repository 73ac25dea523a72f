import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquirePgliteLock, lockFileOf, PgliteInUseError, processAlive } from "./pglite-lock";

const dataDir = () => path.join(mkdtempSync(path.join(tmpdir(), "pglite-lock-")), "pglite");

/** The pid of a process that has exited: a lock it left behind is stale. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  const pid = Number(child.stdout);
  expect(processAlive(pid)).toBe(false);
  return pid;
}

describe("the embedded database's lock", () => {
  it("is taken with this process's pid and released", () => {
    const dir = dataDir();
    const lock = acquirePgliteLock(dir);
    expect(readFileSync(lockFileOf(dir), "utf8").trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lockFileOf(dir))).toBe(false);
  });

  it("refuses a second process while the first is alive, naming its pid, the directory and what to do", () => {
    const dir = dataDir();
    const first = acquirePgliteLock(dir); // held by this (live) process
    const other = process.pid + 100_000; // the pid the second process would write
    let error: unknown;
    try {
      acquirePgliteLock(dir, other);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PgliteInUseError);
    expect((error as Error).message).toBe(
      `Another portal process (pid ${process.pid}) is using the embedded database in ${path.resolve(dir)}. ` +
        "The embedded database serves one process; stop it, or use PostgreSQL (DATABASE_URL) to run several.",
    );
    // The refused process leaves the lock as it was.
    expect(readFileSync(lockFileOf(dir), "utf8").trim()).toBe(String(process.pid));
    first.release();
  });

  it("takes over a lock left by a process that is gone", () => {
    const dir = dataDir();
    const file = lockFileOf(dir);
    acquirePgliteLock(dir).release();
    writeFileSync(file, `${deadPid()}\n`);
    const lock = acquirePgliteLock(dir);
    expect(readFileSync(file, "utf8").trim()).toBe(String(process.pid));
    lock.release();
  });

  it("is refused for a real second process and released when the holder exits", () => {
    const dir = dataDir();
    const script =
      `import { acquirePgliteLock } from ${JSON.stringify(path.resolve("lib/db/pglite-lock.ts"))};` +
      `try { acquirePgliteLock(${JSON.stringify(dir)}); console.log("locked"); } catch (e) { console.log(e.message); process.exit(3); }`;
    const lock = acquirePgliteLock(dir);
    const refused = spawnSync("node_modules/.bin/tsx", ["-e", script], { encoding: "utf8" });
    expect(refused.status).toBe(3);
    expect(refused.stdout).toContain(`Another portal process (pid ${process.pid}) is using the embedded database in ${path.resolve(dir)}.`);
    lock.release();

    // A process that takes the lock and exits normally leaves no lock behind.
    const holder = spawnSync("node_modules/.bin/tsx", ["-e", script], { encoding: "utf8" });
    expect(holder.stdout.trim()).toBe("locked");
    expect(holder.status).toBe(0);
    expect(existsSync(lockFileOf(dir))).toBe(false);
  });

  it("one live holder at a time: later live processes are all refused", () => {
    const dir = dataDir();
    const outcomes = [1, 2, 3, 4].map((n) => {
      try {
        acquirePgliteLock(dir, process.pid + n * 1_000_000, (pid) => pid !== 0);
        return "locked";
      } catch (error) {
        expect(error).toBeInstanceOf(PgliteInUseError);
        return "refused";
      }
    });
    expect(outcomes).toEqual(["locked", "refused", "refused", "refused"]);
  });
});
