// The embedded database's own thread. PGlite is Postgres compiled to WebAssembly: every statement runs
// synchronously on the thread that owns it. Owning it here keeps page rendering, server actions and
// the executor on the main thread free while a statement runs, as they would be with a database
// server. The main thread talks to it through lib/db/pglite-thread.ts; the Prisma driver adapter
// runs here, next to PGlite, so only plain query and result data cross the thread boundary.
//
// Plain JavaScript on purpose: Node loads it as it is, outside the Next.js bundle.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { parentPort, workerData } from "node:worker_threads";

const pglite = new PGlite(workerData.dataDir);
const adapterPromise = new PrismaPGlite(pglite).connect();
/** Open transactions by the id the main thread knows them by. */
const transactions = new Map();
let nextTransaction = 1;

function transaction(id) {
  const tx = transactions.get(id);
  if (!tx) throw new Error(`No open transaction ${id} in the database thread.`);
  return tx;
}

const operations = {
  async queryRaw({ query, tx }) {
    return tx ? transaction(tx).queryRaw(query) : (await adapterPromise).queryRaw(query);
  },
  async executeRaw({ query, tx }) {
    return tx ? transaction(tx).executeRaw(query) : (await adapterPromise).executeRaw(query);
  },
  async executeScript({ script }) {
    return (await adapterPromise).executeScript(script);
  },
  async startTransaction({ isolationLevel }) {
    const tx = await (await adapterPromise).startTransaction(isolationLevel);
    const id = nextTransaction++;
    transactions.set(id, tx);
    return { tx: id, options: tx.options };
  },
  async commit({ tx }) {
    const open = transaction(tx);
    transactions.delete(tx);
    return open.commit();
  },
  async rollback({ tx }) {
    const open = transaction(tx);
    transactions.delete(tx);
    return open.rollback();
  },
  async connectionInfo() {
    return (await adapterPromise).getConnectionInfo?.() ?? null;
  },
  // Migrations and other whole-database work, outside Prisma.
  async exec({ sql }) {
    await pglite.exec(sql);
  },
  async query({ sql, params }) {
    return (await pglite.query(sql, params)).rows;
  },
  async close() {
    await pglite.close();
    setImmediate(() => process.exit(0));
  },
};

function describeError(error) {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  // DriverAdapterError keeps its mapped database error in `cause`; Prisma reads it from there.
  const cause = error.cause && typeof error.cause === "object" ? JSON.parse(JSON.stringify(error.cause)) : undefined;
  return { name: error.name, message: error.message, stack: error.stack, cause, code: error.code };
}

parentPort.on("message", async ({ id, op, args }) => {
  try {
    const run = operations[op];
    if (!run) throw new Error(`Unknown database operation ${op}.`);
    parentPort.postMessage({ id, ok: true, result: await run(args ?? {}) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: describeError(error) });
  }
});

pglite.waitReady.then(
  () => parentPort.postMessage({ ready: true }),
  (error) => parentPort.postMessage({ ready: false, error: describeError(error) }),
);
