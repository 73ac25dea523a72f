// The load benchmarks' PostgreSQL: the preinstalled cluster (started when it is down), a fresh database per run
// (dropped at the end), the people of the load and an API token written straight into it.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { sleep } from "./processes.mjs";

const CLUSTER = ["15", "main"];
export const PG_HOST = "127.0.0.1";
export const PG_PORT = 5432;

function asPostgres(sql) {
  const result = spawnSync("su", ["postgres", "-c", "psql -q -v ON_ERROR_STOP=1"], { input: sql, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
}

export function clusterUp() {
  const result = spawnSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" });
  return / online/.test(result.stdout.split("\n").find((l) => l.startsWith(`${CLUSTER[0]} `) && l.includes(` ${CLUSTER[1]} `)) ?? "");
}

export async function pgReady(timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (spawnSync("pg_isready", ["-q", "-h", PG_HOST, "-p", String(PG_PORT)]).status === 0) return true;
    await sleep(250);
  }
  return false;
}

/** Starts the cluster when it is down (never stops it) and makes sure the portal's role exists. */
export async function ensureCluster(log) {
  if (!clusterUp()) {
    log(`PostgreSQL ${CLUSTER.join("/")} is down; starting it.`);
    const status = spawnSync("pg_ctlcluster", [...CLUSTER, "start"], { stdio: "inherit" }).status;
    if (status !== 0) throw new Error("pg_ctlcluster start failed");
  }
  if (!(await pgReady())) throw new Error("PostgreSQL did not become ready within 30 s");
  asPostgres(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal') THEN CREATE ROLE portal LOGIN PASSWORD 'portal' CREATEDB; END IF;
  END $$;`);
}

export function pgCtl(action) {
  return spawnSync("pg_ctlcluster", [...CLUSTER, action], { stdio: "inherit" }).status;
}

export function createDatabase(name) {
  asPostgres(`DROP DATABASE IF EXISTS ${name} WITH (FORCE); CREATE DATABASE ${name} OWNER portal;`);
  return `postgres://portal:portal@${PG_HOST}:${PG_PORT}/${name}`;
}

export function dropDatabase(name) {
  try {
    asPostgres(`DROP DATABASE IF EXISTS ${name} WITH (FORCE);`);
    return true;
  } catch {
    return false;
  }
}

export async function connect(url) {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // a PostgreSQL restart ends the connection; callers reconnect
  await client.connect();
  return client;
}

/** One query on a fresh connection (survives PostgreSQL restarts between calls). */
export async function query(url, sql, params = []) {
  const client = await connect(url);
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

const MANAGERS = 10;

/**
 * The people of the load, written before the first inventory sync so it gives them their WorkSpaces: `employees`
 * people named like the sandbox fleet's directory users (emp00001, …; one WorkSpace each), spread over 10
 * managers; and an API token that may act for people (the REST API is how the load submits and approves).
 */
export async function seedPeople(url, employees) {
  const client = await connect(url);
  try {
    await client.query("BEGIN");
    const managers = [];
    for (let m = 1; m <= MANAGERS; m++) {
      const id = `load-mgr-${m}`;
      managers.push({ id, email: `manager${m}@load.example.com` });
      await client.query(
        `INSERT INTO "User" (id, email, name, role, persona, groups, "updatedAt") VALUES ($1, $2, $3, 'MANAGER', 'EMPLOYEE', '{}', now())`,
        [id, `manager${m}@load.example.com`, `Load Manager ${m}`],
      );
    }
    const people = [];
    for (let i = 1; i <= employees; i++) {
      const userName = `emp${String(i).padStart(5, "0")}`;
      const manager = managers[(i - 1) % MANAGERS];
      people.push({ id: `load-emp-${i}`, email: `${userName}@load.example.com`, userName, managerEmail: manager.email });
    }
    for (let i = 0; i < people.length; i += 500) {
      const slice = people.slice(i, i + 500);
      await client.query(
        `INSERT INTO "User" (id, email, name, role, persona, groups, "directoryUserName", "managerId", "updatedAt")
         SELECT p.id, p.email, p.name, 'EMPLOYEE', 'EMPLOYEE', '{}', p.u, p.m, now()
         FROM json_to_recordset($1::json) AS p(id text, email text, name text, u text, m text)`,
        [
          JSON.stringify(
            slice.map((p) => ({
              id: p.id,
              email: p.email,
              name: `Load ${p.userName}`,
              u: p.userName,
              m: `load-mgr-${p.managerEmail.match(/\d+/)[0]}`,
            })),
          ),
        ],
      );
    }
    const serviceId = "load-api-service";
    await client.query(
      `INSERT INTO "User" (id, email, name, role, persona, groups, "serviceAccount", "updatedAt")
       VALUES ($1, $2, 'Load benchmark', 'EMPLOYEE', 'EMPLOYEE', '{}', true, now())`,
      [serviceId, `api-${randomUUID()}@service-accounts.invalid`],
    );
    // The API's token format: wsp_ + 32 random bytes base64url, stored as its SHA-256 (lib/services/api/auth.ts).
    const token = "wsp_" + randomBytes(32).toString("base64url");
    await client.query(
      `INSERT INTO "ApiToken" (id, name, prefix, hash, scopes, "mayActForPeople", "serviceUserId", "expiresAt")
       VALUES ($1, 'Load benchmark', $2, $3, $4, true, $5, now() + interval '2 days')`,
      [
        "load-api-token",
        token.slice(0, 8),
        createHash("sha256").update(token).digest("hex"),
        ["workspaces:read", "requests:read", "requests:write", "decisions:write"],
        serviceId,
      ],
    );
    await client.query("COMMIT");
    return { managers, people, token };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A session cookie as Auth.js's sign-in would set it over plain HTTP: an encrypted JWT (the secret and the cookie
 * name as salt) naming the user, their session version and when they signed in (lib/auth/session-claims.ts).
 */
export async function sessionCookie(userId, secret) {
  const now = Math.floor(Date.now() / 1000);
  const value = await encode({
    token: { sub: userId, sessionVersion: 0, signedInAt: now },
    secret,
    salt: "authjs.session-token",
    maxAge: 2 * 86_400,
  });
  return `authjs.session-token=${value}`;
}
