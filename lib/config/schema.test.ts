import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./schema";

const dataDir = () => mkdtempSync(path.join(tmpdir(), "portal-config-"));

describe("loadConfig", () => {
  it("uses the embedded defaults with no environment", () => {
    const dir = dataDir();
    const config = loadConfig({ PORTAL_DATA_DIR: dir });
    expect(config.embedded).toBe(true);
    expect(config.database).toEqual({ kind: "pglite", dir: path.join(dir, "pglite") });
    expect(config.aws.mode).toBe("sandbox");
    expect(config.aws.endpoints.workspaces).toBe("http://127.0.0.1:4599");
    expect(config.aws.regions).toEqual(["us-east-1", "eu-west-1"]);
    expect(config.auth.demoSignIn.enabled).toBe(true);
  });

  it("generates AUTH_SECRET into the data directory once and reuses it", () => {
    const dir = dataDir();
    const first = loadConfig({ PORTAL_DATA_DIR: dir }).auth.secret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, "auth-secret"), "utf8").trim()).toBe(first);
    expect(loadConfig({ PORTAL_DATA_DIR: dir }).auth.secret).toBe(first);
  });

  it("uses PostgreSQL only for a postgres URL", () => {
    const dir = dataDir();
    expect(loadConfig({ PORTAL_DATA_DIR: dir, DATABASE_URL: "postgresql://u:p@db/portal" }).database.kind).toBe("postgres");
    expect(loadConfig({ PORTAL_DATA_DIR: dir, DATABASE_URL: "postgres://u:p@db/portal" }).database.kind).toBe("postgres");
    expect(loadConfig({ PORTAL_DATA_DIR: dir, DATABASE_URL: "file:./dev.db" }).database.kind).toBe("pglite");
  });

  it.each([
    [{ SANDBOX_PORT: "abc" }, "SANDBOX_PORT"],
    [{ SANDBOX_PORT: "70000" }, "SANDBOX_PORT"],
    [{ DEMO_SIGN_IN: "maybe" }, "DEMO_SIGN_IN"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ AWS_REGION: "Virginia" }, "AWS_REGION"],
    [{ WORKSPACES_REGIONS: "us-east-1,mars" }, "WORKSPACES_REGIONS"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
    [{ AWS_ENDPOINT_URL_WORKSPACES: "not a url" }, "AWS_ENDPOINT_URL_WORKSPACES"],
    [{ AWS_ROLE_ARN: "admin" }, "AWS_ROLE_ARN"],
  ])("refuses %o naming the variable", (env, variable) => {
    const run = () => loadConfig({ PORTAL_DATA_DIR: dataDir(), ...env });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(new RegExp(`^Invalid environment variable ${variable}: `));
  });

  describe("demo sign-in", () => {
    it("stays off in production unless enabled on purpose, and says why", () => {
      const config = loadConfig({ PORTAL_DATA_DIR: dataDir(), NODE_ENV: "production" });
      expect(config.auth.demoSignIn.enabled).toBe(false);
      expect(config.auth.demoSignIn.reason).toMatch(/NODE_ENV=production.*DEMO_SIGN_IN=true/);
      expect(loadConfig({ PORTAL_DATA_DIR: dataDir(), NODE_ENV: "production", DEMO_SIGN_IN: "true" }).auth.demoSignIn.enabled).toBe(true);
    });

    it("is off by default once a real database or AWS account is configured", () => {
      const withDb = loadConfig({ PORTAL_DATA_DIR: dataDir(), DATABASE_URL: "postgres://u:p@db/portal" });
      expect(withDb.auth.demoSignIn.enabled).toBe(false);
      const withAws = loadConfig({ PORTAL_DATA_DIR: dataDir(), AWS_PROFILE: "corp" });
      expect(withAws.aws.mode).toBe("aws");
      expect(withAws.auth.demoSignIn.enabled).toBe(false);
    });
  });

  it("requires AUTH_SECRET in production outside the embedded defaults", () => {
    expect(() => loadConfig({ PORTAL_DATA_DIR: dataDir(), NODE_ENV: "production", DATABASE_URL: "postgres://u:p@db/x" })).toThrow(
      /AUTH_SECRET/,
    );
  });

  it("points the SDK at real AWS endpoints when an account is configured", () => {
    const config = loadConfig({ PORTAL_DATA_DIR: dataDir(), AWS_ACCESS_KEY_ID: "AKIA", AWS_REGION: "eu-west-1" });
    expect(config.aws.endpoints.workspaces).toBeUndefined();
    expect(config.aws.regions).toEqual(["eu-west-1"]);
  });
});
