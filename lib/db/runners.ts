import type { PGlite } from "@electric-sql/pglite";
import type { Client, Pool } from "pg";
import type { SqlRunner } from "./migrations";

export function pgliteRunner(pg: PGlite): SqlRunner {
  return {
    async exec(sql) {
      await pg.exec(sql);
    },
    async query<T>(sql: string, params?: unknown[]) {
      return (await pg.query<T>(sql, params)).rows;
    },
  };
}

/** For a pool, pass one checked-out client: the advisory lock and BEGIN/COMMIT need a single session. */
export function pgRunner(client: Client | Pool): SqlRunner {
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query<T>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params as unknown[])).rows as T[];
    },
  };
}
