import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { AD_PASSWORD, adEmail, sambaUnavailable, startSambaAd } from "@/test/identity/samba-ad.mjs";
import { loadConfig, type PortalConfig } from "../config/schema";
import { roleFromGroups } from "./group-roles";
import { authenticateWithDirectory, LdapSignInError, type LdapFailure } from "./ldap";

// Active Directory sign-in against a real domain controller: Samba, provisioned for this file (about
// 9 s). Skipped, saying why, only where Samba cannot run (not installed, or not root); CI installs it.

vi.mock("next-auth", async () => ({ CredentialsSignin: (await import("@auth/core/errors")).CredentialsSignin }));

const unavailable = sambaUnavailable();
if (unavailable && process.env.CI) throw new Error(`CI must run the Active Directory tests: ${unavailable}`);
if (unavailable) console.warn(`Skipped the Active Directory sign-in tests: ${unavailable}`);

const GROUPS = { admin: ["Portal-Admins"], manager: ["Portal-Managers"], contractor: [] };

describe.skipIf(unavailable)("Active Directory sign-in (Samba)", () => {
  let ad: Awaited<ReturnType<typeof startSambaAd>>;
  let world: TestWorld;
  let config: PortalConfig;
  const settings = (overrides: Record<string, string> = {}) =>
    loadConfig({
      PORTAL_DATA_DIR: mkdtempSync(path.join(tmpdir(), "portal-ldap-")),
      AUTH_SECRET: "x".repeat(32),
      ...ad.env,
      PORTAL_MANAGER_GROUPS: "Portal-Managers",
      PORTAL_ADMIN_GROUPS: "Portal-Admins",
      ...overrides,
    }).auth.ldap!;

  async function failure(userName: string, password: string, s = settings()): Promise<LdapFailure | "signed in"> {
    try {
      await authenticateWithDirectory(s, userName, password, []);
      return "signed in";
    } catch (error) {
      if (error instanceof LdapSignInError) return error.reason;
      throw error;
    }
  }

  beforeAll(async () => {
    ad = await startSambaAd({ dir: mkdtempSync(path.join(tmpdir(), "portal-samba-")) });
    console.info(`Samba AD provisioned in ${ad.provisionMs} ms, listening after ${ad.startMs} ms`);
    world = await createTestWorld();
    config = loadConfig({
      PORTAL_DATA_DIR: mkdtempSync(path.join(tmpdir(), "portal-ldap-")),
      AUTH_SECRET: "x".repeat(32),
      ...ad.env,
      PORTAL_MANAGER_GROUPS: "Portal-Managers",
      PORTAL_ADMIN_GROUPS: "Portal-Admins",
    });
  }, 120_000);
  afterAll(async () => {
    await world?.close();
    await ad?.stop();
  });

  it("reads the person, their groups through nesting and their manager's email", async () => {
    const ada = await authenticateWithDirectory(settings(), "ada", AD_PASSWORD, ["d-1234567890"]);
    expect(ada).toMatchObject({
      method: "ldap",
      email: adEmail("ada"),
      name: "Ada Lovelace",
      userName: "ada",
      department: "Engineering",
      directoryIds: ["d-1234567890"],
      manager: { email: adEmail("grace"), name: "Grace Hopper" },
    });
    expect(ada.subject).toMatch(/^[0-9a-f]{32}$/);
    expect(ada.groups).toContain("CN=Staff,CN=Users,DC=corp,DC=example,DC=com");

    const max = await authenticateWithDirectory(settings(), "MAX", AD_PASSWORD, []);
    // Max is only in Team-Leads; Team-Leads is in Portal-Managers.
    expect(max.groups).toEqual(
      expect.arrayContaining(["CN=Team-Leads,CN=Users,DC=corp,DC=example,DC=com", "CN=Portal-Managers,CN=Users,DC=corp,DC=example,DC=com"]),
    );
    expect(roleFromGroups(max.groups, GROUPS, false)).toMatchObject({ role: "MANAGER", group: "Portal-Managers" });
    expect(roleFromGroups(ada.groups, GROUPS, false).role).toBe("EMPLOYEE");
  });

  it("also signs in over StartTLS on ldap://", async () => {
    await expect(failure("ada", AD_PASSWORD, settings({ AUTH_LDAP_URL: "ldap://127.0.0.1" }))).resolves.toBe("signed in");
  });

  it("tells a wrong password, a disabled account and an expired password apart; an unknown user reads as a wrong password", async () => {
    expect(await failure("ada", "Wrong-Passw0rd!")).toBe("wrong_credentials");
    expect(await failure("nobody-here", AD_PASSWORD)).toBe("wrong_credentials");
    expect(await failure("dora", AD_PASSWORD)).toBe("disabled");
    expect(await failure("pat", AD_PASSWORD)).toBe("password_expired");
  });

  it("says the account is locked once Active Directory has locked it", async () => {
    for (let i = 0; i < 3; i++) expect(await failure("lou", "Wrong-Passw0rd!")).toBe("wrong_credentials");
    expect(await failure("lou", AD_PASSWORD)).toBe("locked");
  });

  it("never binds without a password and keeps filter characters in a user name literal", async () => {
    expect(await failure("ada", "")).toBe("wrong_credentials");
    expect(await failure("*", AD_PASSWORD)).toBe("wrong_credentials");
    expect(await failure("ad*", AD_PASSWORD)).toBe("wrong_credentials");
    expect(await failure("ada)(sAMAccountName=*", AD_PASSWORD)).toBe("wrong_credentials");
  });

  it("says the directory cannot be reached when it cannot, or when its certificate is not trusted", async () => {
    expect(await failure("ada", AD_PASSWORD, settings({ AUTH_LDAP_URL: "ldaps://127.0.0.1:1" }))).toBe("unreachable");
    const { AUTH_LDAP_TLS_CA_FILE: _ca, ...untrusted } = ad.env;
    const s = loadConfig({ PORTAL_DATA_DIR: mkdtempSync(path.join(tmpdir(), "portal-ldap-")), ...untrusted }).auth.ldap!;
    expect(await failure("ada", AD_PASSWORD, s)).toBe("unreachable");
  });

  describe("through the sign-in provider", () => {
    type Authorize = (credentials: Record<string, unknown>, request: Request) => Promise<{ id: string; role?: string } | null>;
    const authorize = async (): Promise<Authorize> => {
      const { ssoProviders } = await import("./sso");
      const provider = ssoProviders(config).find(
        (p) => (p as unknown as { options?: { id: string } }).options?.id === "ldap",
      ) as unknown as { options: { authorize: Authorize } };
      return provider.options.authorize;
    };
    const from = (address: string) =>
      new Request("http://portal.test/api/auth/callback/ldap", { method: "POST", headers: { "x-forwarded-for": address } });
    const codeOf = async (promise: Promise<unknown>) =>
      promise.then(
        () => "signed in",
        (error: { code?: string }) => error.code,
      );

    it("creates Ada, her manager Grace as a placeholder, and gives her the directory that matches the base DN", async () => {
      const signIn = await authorize();
      const ada = await signIn({ username: "ada", password: AD_PASSWORD }, from("10.0.0.1"));
      const row = await world.database.prisma.user.findUniqueOrThrow({
        where: { id: ada!.id },
        include: { manager: true, directoryIdentities: true },
      });
      expect(row).toMatchObject({ email: adEmail("ada"), role: "EMPLOYEE", roleSource: "ldap", lastSignInMethod: "ldap" });
      expect(row.manager).toMatchObject({ email: adEmail("grace"), role: "MANAGER", lastSignInAt: null });
      const corp = (await world.gateway.region("us-east-1").directories.describeDirectories()).find((d) => d.name === "corp.example.com")!;
      expect(row.directoryIdentities.map((i) => [i.directoryId, i.userName])).toContainEqual([corp.directoryId, "ada"]);

      const max = await signIn({ username: "max", password: AD_PASSWORD }, from("10.0.0.1"));
      expect(max).toMatchObject({ role: "MANAGER" });
      expect((await world.database.prisma.user.findUniqueOrThrow({ where: { id: max!.id } })).roleSourceGroup).toBe("Portal-Managers");
    });

    it("limits attempts per user name and per client address", async () => {
      const signIn = await authorize();
      const codes = [];
      // A name Active Directory does not know, so its own lockout (three attempts here) does not answer first.
      for (let i = 0; i < 6; i++)
        codes.push(await codeOf(signIn({ username: "not-a-person", password: "Wrong-Passw0rd!" }, from(`10.0.1.${i}`))));
      expect(codes).toEqual([...Array(5).fill("wrong_credentials"), "rate_limited"]);
      // Another name from those addresses is not held back by it.
      expect(await codeOf(signIn({ username: "also-not-a-person", password: "x" }, from("10.0.1.0")))).toBe("wrong_credentials");

      const fromOneAddress = [];
      for (let i = 0; i < 31; i++) fromOneAddress.push(await codeOf(signIn({ username: `someone-${i}`, password: "x" }, from("10.0.2.1"))));
      expect(fromOneAddress.at(-1)).toBe("rate_limited");
      expect(fromOneAddress.slice(0, 30).every((c) => c === "wrong_credentials")).toBe(true);
    });
  });
});
