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

  describe("PORTAL_ROLE", () => {
    const pg = { DATABASE_URL: "postgres://u:p@db/portal", PORTAL_AWS_MODE: "sandbox" };
    it("defaults to all: the executor and the embedded sandbox in this one process", () => {
      const config = loadConfig({ PORTAL_DATA_DIR: dataDir() });
      expect(config.role).toBe("all");
      expect(config.executor.enabled).toBe(true);
      expect(config.sandbox.embedded).toBe(true);
      expect(config.server).toEqual({ workerPort: 3001, shutdownGraceMs: 20_000, manualSignalHandling: false });
    });
    it("web runs no executor and worker runs one; neither starts the sandbox itself", () => {
      const web = loadConfig({ PORTAL_DATA_DIR: dataDir(), ...pg, PORTAL_ROLE: "web" });
      expect([web.role, web.executor.enabled, web.sandbox.enabled, web.sandbox.embedded]).toEqual(["web", false, true, false]);
      expect(web.aws.endpoints.workspaces).toBe("http://127.0.0.1:4599");
      const worker = loadConfig({ PORTAL_DATA_DIR: dataDir(), ...pg, PORTAL_ROLE: "worker", WORKER_PORT: "4000" });
      expect([worker.role, worker.executor.enabled, worker.sandbox.embedded]).toEqual(["worker", true, false]);
      expect(worker.server.workerPort).toBe(4000);
    });
    it("refuses an unknown role, naming the variable", () => {
      expect(() => loadConfig({ PORTAL_DATA_DIR: dataDir(), ...pg, PORTAL_ROLE: "both" })).toThrow(
        "Invalid environment variable PORTAL_ROLE: expected all, web or worker",
      );
    });
    it("refuses web and worker on the embedded database, pointing to DATABASE_URL", () => {
      for (const role of ["web", "worker"])
        expect(() => loadConfig({ PORTAL_DATA_DIR: dataDir(), PORTAL_ROLE: role })).toThrow(
          new RegExp(`^Invalid environment variable PORTAL_ROLE: ${role} needs a PostgreSQL DATABASE_URL`),
        );
    });
    it("reads the shutdown grace and Next.js's manual signal handling", () => {
      const config = loadConfig({ PORTAL_DATA_DIR: dataDir(), SHUTDOWN_GRACE_SECONDS: "5", NEXT_MANUAL_SIG_HANDLE: "true" });
      expect(config.server).toMatchObject({ shutdownGraceMs: 5000, manualSignalHandling: true });
    });
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
    expect(loadConfig({ PORTAL_DATA_DIR: dir, DATABASE_URL: "postgresql://u:p@db/portal", PORTAL_AWS_MODE: "aws" }).database.kind).toBe(
      "postgres",
    );
    expect(loadConfig({ PORTAL_DATA_DIR: dir, DATABASE_URL: "postgres://u:p@db/portal", PORTAL_AWS_MODE: "aws" }).database.kind).toBe(
      "postgres",
    );
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
    [{ AWS_ROLE_ARN: "admin", PORTAL_AWS_MODE: "aws" }, "AWS_ROLE_ARN"],
    [{ PORTAL_AWS_MODE: "real" }, "PORTAL_AWS_MODE"],
    [{ DEMO_SIGN_IN_ON_REAL_DATABASE: "yes" }, "DEMO_SIGN_IN_ON_REAL_DATABASE"],
    [{ HEALTH_DETAILS_TOKEN: "short" }, "HEALTH_DETAILS_TOKEN"],
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
      const withDb = loadConfig({ PORTAL_DATA_DIR: dataDir(), DATABASE_URL: "postgres://u:p@db/portal", PORTAL_AWS_MODE: "sandbox" });
      expect(withDb.auth.demoSignIn.enabled).toBe(false);
      const withAws = loadConfig({ PORTAL_DATA_DIR: dataDir(), PORTAL_AWS_MODE: "aws" });
      expect(withAws.auth.demoSignIn.enabled).toBe(false);
    });

    it.each([
      [{ DATABASE_URL: "postgres://u:p@db/portal", PORTAL_AWS_MODE: "aws" }],
      [{ DATABASE_URL: "postgres://u:p@db/portal", PORTAL_AWS_MODE: "sandbox" }],
      [{ PORTAL_AWS_MODE: "aws" }],
    ])("outside the embedded defaults DEMO_SIGN_IN=true alone refuses to start, naming the second setting (%o)", (env) => {
      const base = { PORTAL_DATA_DIR: dataDir(), NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), DEMO_SIGN_IN: "true", ...env };
      expect(() => loadConfig(base)).toThrow(/^Invalid environment variable DEMO_SIGN_IN_ON_REAL_DATABASE: must be i-understand/);
      const acknowledged = loadConfig({ ...base, DEMO_SIGN_IN_ON_REAL_DATABASE: "i-understand" });
      expect(acknowledged.auth.demoSignIn).toEqual({
        enabled: true,
        reason: expect.stringMatching(/DEMO_SIGN_IN_ON_REAL_DATABASE=i-understand/),
      });
    });

    it("seeds the demo people on a real database only without an admin", () => {
      const real = loadConfig({
        PORTAL_DATA_DIR: dataDir(),
        NODE_ENV: "production",
        AUTH_SECRET: "x".repeat(32),
        DATABASE_URL: "postgres://u:p@db/portal",
        PORTAL_AWS_MODE: "aws",
        DEMO_SIGN_IN: "true",
        DEMO_SIGN_IN_ON_REAL_DATABASE: "i-understand",
      });
      expect(real.demoOrganization).toEqual({ seed: true, admins: false });
      const withoutDemo = loadConfig({
        PORTAL_DATA_DIR: dataDir(),
        NODE_ENV: "production",
        AUTH_SECRET: "x".repeat(32),
        DATABASE_URL: "postgres://u:p@db/portal",
        PORTAL_AWS_MODE: "sandbox",
      });
      expect(withoutDemo.demoOrganization.seed).toBe(false);
      expect(loadConfig({ PORTAL_DATA_DIR: dataDir() }).demoOrganization).toEqual({ seed: true, admins: true });
    });

    it("needs no second setting with the embedded defaults", () => {
      expect(loadConfig({ PORTAL_DATA_DIR: dataDir(), NODE_ENV: "production", DEMO_SIGN_IN: "true" }).auth.demoSignIn.enabled).toBe(true);
    });
  });

  describe("AWS mode", () => {
    it("refuses a production start on PostgreSQL without PORTAL_AWS_MODE, naming the variable", () => {
      // An EC2 instance role or EKS Pod Identity sets no AWS_* variable at all.
      const run = () =>
        loadConfig({
          PORTAL_DATA_DIR: dataDir(),
          NODE_ENV: "production",
          AUTH_SECRET: "x".repeat(32),
          DATABASE_URL: "postgres://u:p@db/portal",
        });
      expect(run).toThrow(ConfigError);
      expect(run).toThrow(/^Invalid environment variable PORTAL_AWS_MODE: must be set with a PostgreSQL DATABASE_URL: aws .* or sandbox/);
    });

    it("refuses PostgreSQL without PORTAL_AWS_MODE outside production too", () => {
      expect(() => loadConfig({ PORTAL_DATA_DIR: dataDir(), DATABASE_URL: "postgresql://u:p@db/portal" })).toThrow(/PORTAL_AWS_MODE/);
    });

    it("never guesses the mode from AWS credential variables", () => {
      const config = loadConfig({
        PORTAL_DATA_DIR: dataDir(),
        AWS_ACCESS_KEY_ID: "AKIA",
        AWS_PROFILE: "corp",
        AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/token",
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials",
      });
      expect(config.aws.mode).toBe("sandbox");
      expect(config.embedded).toBe(true);
    });

    it.each(["AWS_ENDPOINT_URL_WORKSPACES", "AWS_ENDPOINT_URL_DIRECTORY_SERVICE", "AWS_ROLE_ARN"])(
      "asks for PORTAL_AWS_MODE when %s is set",
      (name) => {
        const value = name === "AWS_ROLE_ARN" ? "arn:aws:iam::123456789012:role/Portal" : "https://workspaces.example.com";
        expect(() => loadConfig({ PORTAL_DATA_DIR: dataDir(), [name]: value })).toThrow(
          new RegExp(`^Invalid environment variable PORTAL_AWS_MODE: must be set when ${name} is`),
        );
      },
    );

    it("in aws mode runs no sandbox and leaves credentials to the SDK's default chain", () => {
      const config = loadConfig({
        PORTAL_DATA_DIR: dataDir(),
        NODE_ENV: "production",
        AUTH_SECRET: "x".repeat(32),
        DATABASE_URL: "postgres://u:p@db/portal",
        PORTAL_AWS_MODE: "aws",
      });
      expect(config.aws.mode).toBe("aws");
      expect(config.sandbox.enabled).toBe(false);
      expect(config.aws.endpoints).toEqual({ workspaces: undefined, directoryService: undefined, cloudwatch: undefined });
      expect(config.embedded).toBe(false);
    });

    it("runs the sandbox with the embedded defaults and zero settings", () => {
      const config = loadConfig({ PORTAL_DATA_DIR: dataDir(), NODE_ENV: "production" });
      expect(config.sandbox.enabled).toBe(true);
      expect(config.sandbox.tokenFile).toMatch(/sandbox-token$/);
    });
  });

  it("requires AUTH_SECRET in production outside the embedded defaults", () => {
    expect(() =>
      loadConfig({ PORTAL_DATA_DIR: dataDir(), NODE_ENV: "production", DATABASE_URL: "postgres://u:p@db/x", PORTAL_AWS_MODE: "aws" }),
    ).toThrow(/AUTH_SECRET/);
  });

  it("points the SDK at real AWS endpoints when an account is configured", () => {
    const config = loadConfig({ PORTAL_DATA_DIR: dataDir(), PORTAL_AWS_MODE: "aws", AWS_REGION: "eu-west-1" });
    expect(config.aws.endpoints.workspaces).toBeUndefined();
    expect(config.aws.endpoints.cloudwatch).toBeUndefined();
    expect(config.aws.regions).toEqual(["eu-west-1"]);
    expect(config.executor.usageSyncMinutes).toBe(360);
    expect(config.aws.cloudwatchCallsPerSecond).toBe(5);
  });

  it("reads CloudWatch from the sandbox in sandbox mode, hourly unless told otherwise", () => {
    const config = loadConfig({ PORTAL_DATA_DIR: dataDir() });
    expect(config.aws.endpoints.cloudwatch).toBe("http://127.0.0.1:4599");
    expect(config.executor.usageSyncMinutes).toBe(60);
    expect(loadConfig({ PORTAL_DATA_DIR: dataDir(), USAGE_SYNC_MINUTES: "15" }).executor.usageSyncMinutes).toBe(15);
    expect(() => loadConfig({ PORTAL_DATA_DIR: dataDir(), CLOUDWATCH_CALLS_PER_SECOND: "80" })).toThrow(/CLOUDWATCH_CALLS_PER_SECOND/);
    expect(() => loadConfig({ PORTAL_DATA_DIR: dataDir(), AWS_ENDPOINT_URL_CLOUDWATCH: "http://cw" })).toThrow(/PORTAL_AWS_MODE/);
  });

  it.each([
    [{ NODE_ENV: "production" }, true],
    [{ NODE_ENV: "production", AUTH_URL: "https://workspaces.example.com" }, true],
    [{ NODE_ENV: "development", AUTH_URL: "https://workspaces.example.com" }, true],
    [{ NODE_ENV: "development" }, false],
    [{ NODE_ENV: "production", AUTH_URL: "http://localhost:3000" }, false],
  ])("makes session cookies Secure for %o: %s", (env, secure) => {
    expect(loadConfig({ PORTAL_DATA_DIR: dataDir(), ...env }).auth.secureCookies).toBe(secure);
  });

  describe("single sign-on", () => {
    const oidc = {
      AUTH_OIDC_ISSUER: "https://login.example.com/tenant/v2.0",
      AUTH_OIDC_CLIENT_ID: "portal",
      AUTH_OIDC_CLIENT_SECRET: "s3cret",
      AUTH_URL: "https://workspaces.example.com",
    };
    const ldap = {
      AUTH_LDAP_URL: "ldaps://dc1.corp.example.com",
      AUTH_LDAP_BIND_DN: "CN=svc-portal,CN=Users,DC=corp,DC=example,DC=com",
      AUTH_LDAP_BIND_PASSWORD: "pw",
      AUTH_LDAP_BASE_DN: "DC=corp,DC=example,DC=com",
    };

    it("turns each method on only when its settings are present", () => {
      const none = loadConfig({ PORTAL_DATA_DIR: dataDir() });
      expect(none.auth.oidc).toBeNull();
      expect(none.auth.ldap).toBeNull();
      const both = loadConfig({
        PORTAL_DATA_DIR: dataDir(),
        ...oidc,
        ...ldap,
        AUTH_OIDC_NAME: "Okta",
        PORTAL_ADMIN_GROUPS: "Portal Admins, IT-Admins",
      });
      expect(both.auth.oidc).toMatchObject({
        issuer: "https://login.example.com/tenant/v2.0",
        name: "Okta",
        claims: { groups: "groups", userName: "preferred_username" },
        directoryIds: [],
      });
      expect(both.auth.ldap).toMatchObject({
        startTls: false,
        userFilter: "(sAMAccountName={username})",
        name: "Active Directory",
        directories: { kind: "dnsName", dnsName: "corp.example.com" },
      });
      expect(both.auth.groups.admin).toEqual(["Portal Admins", "IT-Admins"]);
    });

    it("uses StartTLS for ldap:// and the configured directories when named", () => {
      const config = loadConfig({
        PORTAL_DATA_DIR: dataDir(),
        ...ldap,
        AUTH_LDAP_URL: "ldap://dc1.corp.example.com",
        AUTH_LDAP_DIRECTORY_IDS: "d-1234567890,d-abcdef0123",
      });
      expect(config.auth.ldap).toMatchObject({ startTls: true, directories: { kind: "ids", ids: ["d-1234567890", "d-abcdef0123"] } });
    });

    it.each([
      [{ AUTH_OIDC_ISSUER: "https://login.example.com", AUTH_OIDC_CLIENT_ID: "portal" }, "AUTH_OIDC_CLIENT_SECRET"],
      [{ AUTH_OIDC_CLIENT_SECRET: "x" }, "AUTH_OIDC_ISSUER"],
      [{ ...oidc, AUTH_URL: undefined }, "AUTH_URL"],
      [{ ...oidc, AUTH_OIDC_ISSUER: "http://login.example.com" }, "AUTH_OIDC_ISSUER"],
      [{ ...oidc, AUTH_OIDC_DIRECTORY_IDS: "corp" }, "AUTH_OIDC_DIRECTORY_IDS"],
      [{ ...ldap, AUTH_LDAP_URL: "https://dc1.corp.example.com" }, "AUTH_LDAP_URL"],
      [{ ...ldap, AUTH_LDAP_BIND_PASSWORD: undefined }, "AUTH_LDAP_BIND_PASSWORD"],
      [{ ...ldap, AUTH_LDAP_USER_FILTER: "(uid=alice)" }, "AUTH_LDAP_USER_FILTER"],
      [{ ...ldap, AUTH_LDAP_TLS_CA_FILE: "/nonexistent/ca.pem" }, "AUTH_LDAP_TLS_CA_FILE"],
      [{ ...ldap, AUTH_LDAP_BASE_DN: "corp.example.com" }, "AUTH_LDAP_BASE_DN"],
    ])("refuses a bad or half-configured method %o, naming the variable", (env, variable) => {
      expect(() => loadConfig({ PORTAL_DATA_DIR: dataDir(), ...env })).toThrow(new RegExp(`^Invalid environment variable ${variable}: `));
    });

    it("allows a plain-HTTP issuer only on this machine", () => {
      expect(loadConfig({ PORTAL_DATA_DIR: dataDir(), ...oidc, AUTH_OIDC_ISSUER: "http://127.0.0.1:4800/" }).auth.oidc?.issuer).toBe(
        "http://127.0.0.1:4800",
      );
    });
  });
});
