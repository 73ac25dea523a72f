import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { afterEach, describe, expect, it } from "vitest";
import {
  databaseUnavailable,
  isDatabaseUnreachable,
  PROBE_INTERVAL_MS,
  reportDatabaseError,
  reportDatabaseReachable,
  resetDatabaseOutage,
  setDatabaseProbe,
  watchedAdapter,
} from "./outage";
import { RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE, unavailableResponse } from "./unavailable-response";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("which errors mean the database server is unreachable", () => {
  it.each([
    ["a refused socket", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["a reset socket", withCode("read ECONNRESET", "ECONNRESET")],
    ["an unknown host", withCode("getaddrinfo ENOTFOUND db.internal", "ENOTFOUND")],
    ["PostgreSQL shutting down (57P01)", withCode("terminating connection due to administrator command", "57P01")],
    ["PostgreSQL starting up (57P03)", withCode("the database system is starting up", "57P03")],
    ["a connection exception (08006)", withCode("connection failure", "08006")],
    ["node-postgres losing its socket", new Error("Connection terminated unexpectedly")],
    ["Prisma's P1001", withCode("Can't reach database server at 127.0.0.1:5432", "P1001")],
    ["Prisma's P1017", withCode("Server has closed the connection.", "P1017")],
    ["the adapter's DatabaseNotReachable", new DriverAdapterError({ kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 })],
    ["the adapter's ConnectionClosed", new DriverAdapterError({ kind: "ConnectionClosed" })],
    [
      "a raw query's P2010 wrapping the adapter's error",
      Object.assign(new Error("Raw query failed."), {
        code: "P2010",
        meta: { driverAdapterError: new DriverAdapterError({ kind: "DatabaseNotReachable", host: "db", port: 5432 }) },
      }),
    ],
    [
      "the adapter's mapped PostgreSQL 57P01",
      new DriverAdapterError({
        kind: "postgres",
        code: "57P01",
        severity: "FATAL",
        message: "terminating connection",
        detail: undefined,
        column: undefined,
        hint: undefined,
      }),
    ],
    ["an AggregateError of refused addresses", new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], "")],
  ])("%s is an outage", (_name, error) => {
    expect(isDatabaseUnreachable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", new DriverAdapterError({ kind: "UniqueConstraintViolation", constraint: { fields: ["email"] } })],
    ["Prisma's record not found", withCode("No record was found for an update.", "P2025")],
    ["a syntax error (42601)", withCode('syntax error at or near "SELEC"', "42601")],
    ["a wrong password (28P01)", withCode('password authentication failed for user "portal"', "28P01")],
    ["a serialization failure (40001)", withCode("could not serialize access", "40001")],
    ["an ordinary bug", new TypeError("Cannot read properties of undefined")],
    ["a non-error", "ECONNREFUSED"],
    ["nothing", undefined],
  ])("%s is not", (_name, error) => {
    expect(isDatabaseUnreachable(error)).toBe(false);
  });
});

describe("the outage flag", () => {
  afterEach(() => resetDatabaseOutage());

  it("is clear until a connection failure is reported, and ignores other errors", async () => {
    expect(await databaseUnavailable()).toBe(false);
    expect(reportDatabaseError(withCode("duplicate key", "23505"))).toBe(false);
    expect(await databaseUnavailable()).toBe(false);
    expect(reportDatabaseError(withCode("connect ECONNREFUSED", "ECONNREFUSED"))).toBe(true);
    expect(await databaseUnavailable()).toBe(true);
  });

  it("probes at most every PROBE_INTERVAL_MS, one probe for all waiting requests, and clears when the probe succeeds", async () => {
    let probes = 0;
    let up = false;
    setDatabaseProbe(async () => {
      probes++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (!up) throw withCode("connect ECONNREFUSED", "ECONNREFUSED");
    });
    const t0 = 1_000_000;
    reportDatabaseError(withCode("connect ECONNREFUSED", "ECONNREFUSED"), t0);
    // Ten requests at once: one probe, all told "unavailable".
    expect(await Promise.all(Array.from({ length: 10 }, () => databaseUnavailable(t0)))).toEqual(Array(10).fill(true));
    expect(probes).toBe(1);
    // Within the interval no new probe.
    expect(await databaseUnavailable(t0 + PROBE_INTERVAL_MS - 1)).toBe(true);
    expect(probes).toBe(1);
    // The server is back: the next probe after the interval clears the flag.
    up = true;
    expect(await databaseUnavailable(t0 + PROBE_INTERVAL_MS)).toBe(false);
    expect(probes).toBe(2);
    expect(await databaseUnavailable(t0 + PROBE_INTERVAL_MS + 1)).toBe(false);
    expect(probes).toBe(2);
  });

  it("counts a probe that never answers as still down", async () => {
    setDatabaseProbe(() => new Promise(() => {}));
    reportDatabaseError(withCode("connect ETIMEDOUT", "ETIMEDOUT"));
    expect(await databaseUnavailable()).toBe(true);
  }, 5000);

  it("is cleared by any successful statement", async () => {
    reportDatabaseError(withCode("connect ECONNREFUSED", "ECONNREFUSED"));
    reportDatabaseReachable();
    expect(await databaseUnavailable()).toBe(false);
  });

  it("expires on its own when nothing can probe", async () => {
    const t0 = 2_000_000;
    reportDatabaseError(withCode("connect ECONNREFUSED", "ECONNREFUSED"), t0);
    expect(await databaseUnavailable(t0 + 9_000)).toBe(true);
    expect(await databaseUnavailable(t0 + 10_000)).toBe(false);
  });
});

describe("the watched adapter", () => {
  afterEach(() => resetDatabaseOutage());

  function fakeFactory(behaviour: { fail: boolean }) {
    const failure = () => new DriverAdapterError({ kind: "DatabaseNotReachable", host: "db", port: 5432 });
    const query = async () => {
      if (behaviour.fail) throw failure();
      return { columnNames: [], columnTypes: [], rows: [] };
    };
    const transaction = { queryRaw: query, executeRaw: async () => 1, commit: async () => {}, rollback: async () => {} };
    return {
      provider: "postgres" as const,
      adapterName: "fake",
      connect: async () =>
        ({
          provider: "postgres" as const,
          adapterName: "fake",
          queryRaw: query,
          executeRaw: async () => 1,
          executeScript: async () => {},
          startTransaction: async () => transaction,
          dispose: async () => {},
        }) as never,
    };
  }

  it("flags an outage when a statement fails to reach the server, in or out of a transaction, and clears it on success", async () => {
    const behaviour = { fail: false };
    const adapter = await watchedAdapter(fakeFactory(behaviour)).connect();
    const sql = { sql: "SELECT 1", args: [], argTypes: [] };
    await adapter.queryRaw(sql);
    expect(await databaseUnavailable()).toBe(false);

    behaviour.fail = true;
    await expect(adapter.queryRaw(sql)).rejects.toBeInstanceOf(DriverAdapterError);
    expect(await databaseUnavailable()).toBe(true);

    behaviour.fail = false;
    const tx = await adapter.startTransaction();
    behaviour.fail = true;
    resetDatabaseOutage();
    await expect(tx.queryRaw(sql)).rejects.toBeInstanceOf(DriverAdapterError);
    expect(await databaseUnavailable()).toBe(true);

    behaviour.fail = false;
    await tx.queryRaw(sql);
    expect(await databaseUnavailable()).toBe(false);
  });
});

describe("the answer during an outage", () => {
  it("is a page for people: 503, Retry-After, reloads itself, no internals", async () => {
    const response = unavailableResponse(new Request("http://portal.test/requests/abc"), "req-12345678");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain("The portal is briefly unavailable");
    expect(html).toContain("try again in a minute");
    expect(html).toContain(`http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"`);
    expect(html).not.toMatch(/database|postgres|prisma|error|stack/i);
  });

  it("is an RFC 9457 problem for the REST API", async () => {
    const response = unavailableResponse(new Request("http://portal.test/api/v1/workspaces"), "req-12345678");
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 503, code: "UNAVAILABLE", instance: "req-12345678" });
  });

  it("is plain text for a server action, which the browser shows as the action's error", async () => {
    const request = new Request("http://portal.test/requests/new", { method: "POST", headers: { "next-action": "abc" }, body: "[]" });
    const response = unavailableResponse(request, "req-12345678");
    expect(response.status).toBe(503);
    expect(await response.text()).toBe(UNAVAILABLE_MESSAGE);
  });
});
