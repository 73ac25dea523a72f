import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

// The embedded PGlite is a database in one process's memory, written to its directory: a second process
// opening the same directory would corrupt it (or fail with an obscure error). A lock file beside the
// directory names the process that holds it, so a second one is refused with a message that says what to do.

export class PgliteInUseError extends Error {
  constructor(
    readonly pid: number,
    readonly dir: string,
  ) {
    super(
      `Another portal process (pid ${pid}) is using the embedded database in ${dir}. ` +
        "The embedded database serves one process; stop it, or use PostgreSQL (DATABASE_URL) to run several.",
    );
    this.name = "PgliteInUseError";
  }
}

export interface PgliteLock {
  readonly file: string;
  /** Removes the lock file if it is still this process's. Also runs when the process exits. */
  release(): void;
}

export const lockFileOf = (dir: string) => `${path.resolve(dir)}.lock`;

/** Whether a process with this id exists (EPERM: it exists but belongs to another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8").trim(), 10);
    return Number.isNaN(pid) ? 0 : pid;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function tryCreate(file: string, pid: number): boolean {
  let fd: number;
  try {
    // O_EXCL: of two processes starting at once, exactly one creates the file.
    fd = openSync(file, "wx", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, `${pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock of the PGlite directory `dir` for process `pid`, or throws PgliteInUseError naming the
 * live process that holds it. A lock left by a process that is gone (killed, crashed) is taken over.
 */
export function acquirePgliteLock(dir: string, pid = process.pid, alive: (pid: number) => boolean = processAlive): PgliteLock {
  const file = lockFileOf(dir);
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file, pid)) return held(file, pid);
    const holder = readPid(file);
    if (holder === undefined) continue; // released between our attempt and the read: try again
    // The same pid: this process (a second module instance), or a container restarted with the same pid.
    if (holder === pid) return held(file, pid);
    // A file still being written by its creator reads empty: treat a fresh empty file as held.
    if (holder !== 0 && alive(holder)) throw new PgliteInUseError(holder, path.resolve(dir));
    if (holder === 0) {
      // Give the creator a moment to write its pid, then look again.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
      const again = readPid(file);
      if (again !== 0) continue;
    }
    // Stale: move it aside (atomic), then check that what was moved is the stale lock and not a new one
    // another process created in between; if it is a live one, put it back and refuse.
    const aside = `${file}.${pid}.stale`;
    try {
      renameSync(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    const moved = readPid(aside);
    if (moved !== undefined && moved !== holder && moved !== 0 && alive(moved)) {
      renameSync(aside, file);
      throw new PgliteInUseError(moved, path.resolve(dir));
    }
    unlinkSync(aside);
  }
  throw new Error(`Could not take the lock ${file} of the embedded database: other processes keep taking it.`);
}

function held(file: string, pid: number): PgliteLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    try {
      if (readPid(file) === pid) unlinkSync(file);
    } catch {
      // Already gone, or the directory was removed: nothing to release.
    }
  };
  process.on("exit", release);
  return { file, release };
}
