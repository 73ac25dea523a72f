import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

// Notices when the PostgreSQL server is unreachable (a restart, a fail-over, a network cut), so proxy.ts
// can answer with a friendly 503 instead of letting every page fail with a 500, and notices on its own
// when the server is back. The state lives on globalThis because proxy.ts and the route bundles are
// separate module instances in one server process.

/** How often, at most, a flagged outage is probed with `SELECT 1` to clear it. */
export const PROBE_INTERVAL_MS = 2000;
/** A probe that has not answered within this time counts as a failure. */
export const PROBE_TIMEOUT_MS = 1500;
/** Without a probe (none registered), an outage flag expires after this long. */
const UNPROBED_EXPIRY_MS = 10_000;

// Prisma's own codes: can't reach the server, timed out reaching it, the server closed the connection.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017"]);
// The driver adapter's kinds for socket failures (@prisma/adapter-pg maps ECONNREFUSED, ECONNRESET, ...).
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);
// PostgreSQL SQLSTATEs: class 08 (connection exception); 57P01 admin shutdown, 57P02 crash shutdown,
// 57P03 cannot connect now (starting up or shutting down).
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123])$/;
// node-postgres's own messages when the socket goes away ("Connection terminated unexpectedly", ...).
const MESSAGES =
  /Connection terminated|Can't reach database server|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

type Inspectable = {
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: unknown;
  errors?: unknown;
  driverAdapterError?: unknown;
};

/** Whether an error (or anything it wraps) says the database server cannot be reached, rather than a query being wrong. */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 6) return false;
  const e = error as Inspectable;
  const code = typeof e.code === "string" ? e.code : undefined;
  if (code && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (e.kind === "postgres" && typeof code === "string" && SQLSTATE.test(code)) return true;
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  const meta = e.meta && typeof e.meta === "object" ? (e.meta as Inspectable) : undefined;
  const nested = [e.cause, e.driverAdapterError, meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((inner) => isDatabaseUnreachable(inner, depth + 1));
}

interface OutageState {
  /** When a failure was last seen; undefined while the database is believed reachable. */
  lastSeenDown?: number;
  lastProbe: number;
  probe?: () => Promise<unknown>;
  probing?: Promise<boolean>;
}

const globalForOutage = globalThis as unknown as { __portalDbOutage?: OutageState };

function state(): OutageState {
  globalForOutage.__portalDbOutage ??= { lastProbe: 0 };
  return globalForOutage.__portalDbOutage;
}

/** Records an error if it is a connection failure; returns whether it was. */
export function reportDatabaseError(error: unknown, now = Date.now()): boolean {
  if (!isDatabaseUnreachable(error)) return false;
  state().lastSeenDown = now;
  return true;
}

/** A query succeeded: the database is reachable. */
export function reportDatabaseReachable(): void {
  const s = state();
  if (s.lastSeenDown !== undefined) s.lastSeenDown = undefined;
}

/** The cheap query that tells whether the server answers again (lib/db.ts registers `SELECT 1`). */
export function setDatabaseProbe(probe: (() => Promise<unknown>) | undefined): void {
  state().probe = probe;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Can't reach database server: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether requests should be answered with "briefly unavailable" now. Costs nothing while the database is
 * reachable; during an outage it probes at most every PROBE_INTERVAL_MS (one probe at a time for all requests).
 */
export async function databaseUnavailable(now = Date.now()): Promise<boolean> {
  const s = state();
  if (s.lastSeenDown === undefined) return false;
  if (!s.probe) {
    if (now - s.lastSeenDown < UNPROBED_EXPIRY_MS) return true;
    s.lastSeenDown = undefined;
    return false;
  }
  if (s.probing) return s.probing;
  if (now - s.lastProbe < PROBE_INTERVAL_MS) return true;
  s.lastProbe = now;
  const probe = s.probe;
  s.probing = withTimeout(Promise.resolve().then(probe), PROBE_TIMEOUT_MS)
    .then(() => {
      s.lastSeenDown = undefined;
      return false;
    })
    .catch((error: unknown) => {
      // Any failure of the probe keeps the flag; only a connection failure refreshes when it was seen.
      if (isDatabaseUnreachable(error)) s.lastSeenDown = Date.now();
      return true;
    })
    .finally(() => {
      s.probing = undefined;
    });
  return s.probing;
}

/** Forgets everything (tests). */
export function resetDatabaseOutage(): void {
  globalForOutage.__portalDbOutage = { lastProbe: 0 };
}

// Wraps a driver adapter so every statement's outcome reports to the detector: a connection failure flags
// an outage, a success clears it. Transactions the adapter opens are wrapped the same way.
function watch<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      return function (this: unknown, ...args: unknown[]) {
        const result = (value as (...a: unknown[]) => unknown).apply(obj, args);
        if (!result || typeof (result as Promise<unknown>).then !== "function") return result;
        return (result as Promise<unknown>).then(
          (resolved) => {
            reportDatabaseReachable();
            return resolved && typeof resolved === "object" && prop === "startTransaction" ? watch(resolved) : resolved;
          },
          (error: unknown) => {
            reportDatabaseError(error);
            throw error;
          },
        );
      };
    },
  });
}

/** The adapter factory, with its connections and transactions reporting to the outage detector. */
export function watchedAdapter(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      try {
        return watch(await factory.connect());
      } catch (error) {
        reportDatabaseError(error);
        throw error;
      }
    },
  };
}
