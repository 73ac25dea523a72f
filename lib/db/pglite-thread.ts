import { mkdirSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from "@prisma/driver-adapter-utils";
import type { SqlRunner } from "./migrations";

// The main thread's side of lib/db/pglite-worker.mjs: the embedded database in a thread of its own,
// offered to Prisma as a driver adapter and to the migration runner as a SqlRunner.

interface WireError {
  name: string;
  message: string;
  stack?: string;
  cause?: unknown;
  code?: string;
}

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: WireError };

/** Where the worker script is: beside this file in the source tree, which `next start` runs from. Not part
 * of the bundle: Node loads it from the source tree at run time. */
const WORKER_PATH = path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "db", "pglite-worker.mjs");

function toError(wire: WireError): Error {
  // Prisma recognises a database error by its name and the mapped error in `cause`.
  if (wire.name === "DriverAdapterError" && wire.cause && typeof wire.cause === "object") {
    return new DriverAdapterError(wire.cause as ConstructorParameters<typeof DriverAdapterError>[0]);
  }
  const error = new Error(wire.message) as Error & { code?: string };
  error.name = wire.name;
  if (wire.code) error.code = wire.code;
  if (wire.stack)
    error.stack = `${error.name}: ${error.message}\n    (in the database thread)\n${wire.stack.split("\n").slice(1).join("\n")}`;
  return error;
}

export class PGliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private closed = false;
  readonly ready: Promise<void>;

  constructor(dataDir: string | undefined) {
    // PGlite creates only the last directory of the path; a fresh PORTAL_DATA_DIR has no parent yet
    // when AUTH_SECRET comes from the environment (nothing else has written there).
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    this.worker = new Worker(/* turbopackIgnore: true */ WORKER_PATH, { workerData: { dataDir } });
    this.ready = new Promise<void>((resolve, reject) => {
      const onReady = (message: { ready?: boolean; error?: WireError }) => {
        if (message.ready === undefined) return;
        this.worker.off("message", onReady);
        if (message.ready) resolve();
        else reject(toError(message.error ?? { name: "Error", message: "The embedded database did not start." }));
      };
      this.worker.on("message", onReady);
    });
    this.ready.catch(() => undefined);
    this.worker.on("message", (message: Reply | { ready: boolean }) => {
      if (!("id" in message)) return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(toError(message.error));
    });
    const failAll = (error: Error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    this.worker.on("error", (error) => failAll(error));
    this.worker.on("exit", (code) => {
      if (!this.closed) failAll(new Error(`The embedded database thread stopped (exit code ${code}).`));
    });
  }

  call<T>(op: string, args?: Record<string, unknown>): Promise<T> {
    if (this.closed) return Promise.reject(new Error("The embedded database is closed."));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, op, args });
    });
  }

  /** A Prisma driver adapter whose statements run in the database thread. */
  adapterFactory(): SqlDriverAdapterFactory {
    return {
      provider: "postgres",
      adapterName: "pglite-thread",
      connect: async () => {
        await this.ready;
        const connectionInfo = await this.call<ReturnType<NonNullable<SqlDriverAdapter["getConnectionInfo"]>> | null>("connectionInfo");
        return new ThreadAdapter(this, connectionInfo ?? undefined);
      },
    };
  }

  /** For the migration runner: plain statements, outside Prisma. */
  runner(): SqlRunner {
    return {
      exec: async (sql) => {
        await this.ready;
        await this.call("exec", { sql });
      },
      query: async <T>(sql: string, params?: unknown[]) => {
        await this.ready;
        return this.call<T[]>("query", { sql, params });
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const exited = new Promise<void>((resolve) => this.worker.once("exit", () => resolve()));
    try {
      await this.call("close");
    } catch {
      // the thread is gone already
    }
    this.closed = true;
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await this.worker.terminate().catch(() => undefined);
  }
}

class ThreadQueryable {
  readonly provider = "postgres" as const;
  readonly adapterName = "pglite-thread";
  constructor(
    protected readonly thread: PGliteThread,
    protected readonly tx?: number,
  ) {}

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.thread.call("queryRaw", { query, tx: this.tx });
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.thread.call("executeRaw", { query, tx: this.tx });
  }
}

class ThreadTransaction extends ThreadQueryable implements Transaction {
  constructor(
    thread: PGliteThread,
    tx: number,
    readonly options: TransactionOptions,
  ) {
    super(thread, tx);
  }

  commit(): Promise<void> {
    return this.thread.call("commit", { tx: this.tx });
  }

  rollback(): Promise<void> {
    return this.thread.call("rollback", { tx: this.tx });
  }
}

class ThreadAdapter extends ThreadQueryable implements SqlDriverAdapter {
  constructor(
    thread: PGliteThread,
    private readonly connectionInfo: ReturnType<NonNullable<SqlDriverAdapter["getConnectionInfo"]>> | undefined,
  ) {
    super(thread);
  }

  executeScript(script: string): Promise<void> {
    return this.thread.call("executeScript", { script });
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const { tx, options } = await this.thread.call<{ tx: number; options: TransactionOptions }>("startTransaction", { isolationLevel });
    return new ThreadTransaction(this.thread, tx, options);
  }

  getConnectionInfo() {
    return this.connectionInfo ?? { supportsRelationJoins: true };
  }

  async dispose(): Promise<void> {
    // The thread is closed with the database (PGliteThread.close), not per Prisma connection.
  }
}
