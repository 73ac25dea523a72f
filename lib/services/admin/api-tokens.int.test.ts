import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { apiAccess } from "../../domain";
import { listApiTokens } from "../../queries/admin-api-tokens";
import { fleetFacets } from "../../queries/admin-fleet";
import { getUserDetail, listUsers } from "../../queries/admin-users";
import { myDelegations } from "../../queries/approvals";
import { resolvePortalIdentity } from "../../auth/identity";
import { provisionPerson, ProvisioningRefused } from "../../auth/provisioning";
import { sessionUserRow } from "../../queries/hot-reads";
import { authenticateApiToken } from "../api/auth";
import { createApiToken, revokeApiToken, SERVICE_ACCOUNT_EMAIL_DOMAIN } from "./api-tokens";
import { changeUserRole } from "./users";
import { signInAs } from "@/test/entry-points/session";

vi.mock("next/headers", () => import("@/test/entry-points/next-headers"));
vi.mock("next-auth", () => import("@/test/entry-points/next-auth"));
// Outside a Next.js server there is no router to refresh and forbidden() refuses to run.
vi.mock("next/navigation", async (original) => ({
  ...(await original<typeof import("next/navigation")>()),
  useRouter: () => ({ refresh: () => undefined }),
  forbidden: () => {
    throw new Error("forbidden() was called");
  },
}));

// Admins issue API tokens: the secret is handed out once and only its hash kept; each token has a
// service account that is nobody's sign-in and no person in the people lists.

let world: TestWorld;
const prisma = () => world.database.prisma;
const admin = () => ({ id: world.people.carol.id });
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  world = await createTestWorld({ fleetSize: 2 });
});
afterAll(() => world.close());

describe("createApiToken", () => {
  let created: { id: string; token: string };

  it("returns the secret once and stores only its SHA-256, with a service account of its own", async () => {
    const now = new Date();
    created = await createApiToken(
      admin(),
      { name: "ServiceNow production", scopes: ["requests:read", "requests:write"], expiresInDays: 30, mayActForPeople: true },
      now,
    );
    expect(created.token).toMatch(/^wsp_[A-Za-z0-9_-]{43}$/);
    const row = await prisma().apiToken.findUniqueOrThrow({ where: { id: created.id }, include: { serviceUser: true } });
    expect(row.hash).toBe(createHash("sha256").update(created.token).digest("hex"));
    expect(row.prefix).toBe(created.token.slice(0, 8));
    // The secret is nowhere in the row, nor in the audit log.
    expect(JSON.stringify(row)).not.toContain(created.token.slice(8));
    expect(row).toMatchObject({ scopes: ["requests:read", "requests:write"], mayActForPeople: true, createdById: admin().id });
    expect(row.expiresAt.getTime()).toBe(now.getTime() + 30 * DAY);
    expect(row.serviceUser).toMatchObject({ serviceAccount: true, role: "EMPLOYEE", name: "ServiceNow production", groups: [] });
    expect(row.serviceUser.email.endsWith(`@${SERVICE_ACCOUNT_EMAIL_DOMAIN}`)).toBe(true);
    const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: "api_token.created", targetId: created.id } });
    expect(audit.actorId).toBe(admin().id);
    expect(audit.after).toMatchObject({ name: "ServiceNow production", scopes: ["requests:read", "requests:write"] });
    expect(JSON.stringify([audit.before, audit.after, audit.detail])).not.toContain(created.token.slice(8));
  });

  it("lets the API find the token by its secret and records when it was last used", async () => {
    const usedAt = new Date();
    const found = await authenticateApiToken(created.token, usedAt);
    expect(found).toMatchObject({ id: created.id, serviceUser: { name: "ServiceNow production" } });
    expect(apiAccess(found!, "requests:write", usedAt, true)).toEqual({ ok: true });
    expect(apiAccess(found!, "audit:read", usedAt)).toMatchObject({ ok: false, code: "SCOPE_MISSING" });
    const row = await prisma().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lastUsedAt?.getTime()).toBe(usedAt.getTime());
    // A secret one character off finds nothing.
    const other = created.token.slice(0, -1) + (created.token.endsWith("A") ? "B" : "A");
    expect(await authenticateApiToken(other)).toBeNull();
  });

  it("lists the token with its labelled scopes, creator, last use and status, never the hash", async () => {
    const row = (await listApiTokens()).find((t) => t.id === created.id)!;
    expect(row).toMatchObject({
      name: "ServiceNow production",
      prefix: created.token.slice(0, 8),
      createdBy: world.people.carol.name,
      mayActForPeople: true,
      status: "ACTIVE",
      statusLabel: "Active",
    });
    expect(row.scopes).toEqual([
      { scope: "requests:read", label: "Read requests and their timelines" },
      { scope: "requests:write", label: "Submit and cancel requests" },
    ]);
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(row)).not.toContain("hash");
    expect((await listApiTokens(new Date(Date.now() + 20 * DAY))).find((t) => t.id === created.id)!.status).toBe("EXPIRES_SOON");
  });

  it("refuses a second token with the same name, naming the field", async () => {
    const attempt = createApiToken(admin(), { name: "ServiceNow production", scopes: ["workspaces:read"], expiresInDays: 10 });
    await expect(attempt).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/already a token named ServiceNow production/),
      reasons: [{ code: "name", message: expect.any(String) }],
    });
    expect(await prisma().apiToken.count({ where: { name: "ServiceNow production" } })).toBe(1);
  });

  it("refuses anyone but an admin, and creates nothing", async () => {
    const before = await prisma().apiToken.count();
    for (const person of [world.people.alice, world.people.bob]) {
      await expect(
        createApiToken({ id: person.id }, { name: `Script of ${person.name}`, scopes: ["audit:read"], expiresInDays: 5 }),
      ).rejects.toMatchObject({ code: "forbidden", message: "Only admins can do this." });
      await expect(revokeApiToken({ id: person.id }, created.id)).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await prisma().apiToken.count()).toBe(before);
    expect((await prisma().apiToken.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).toBeNull();
  });

  it("refuses a lifetime beyond the maximum and an empty scope list", async () => {
    await expect(createApiToken(admin(), { name: "Too long", scopes: ["audit:read"], expiresInDays: 400 })).rejects.toMatchObject({
      code: "invalid",
      reasons: [{ code: "expiresInDays" }],
    });
    await expect(createApiToken(admin(), { name: "No scopes", scopes: [], expiresInDays: 5 })).rejects.toMatchObject({
      reasons: [{ code: "scopes" }],
    });
  });
});

describe("revokeApiToken and expiry", () => {
  it("makes the API refuse a revoked token, once audited, and a second revoke changes nothing", async () => {
    const { id, token } = await createApiToken(admin(), { name: "Jira automation", scopes: ["requests:read"], expiresInDays: 90 });
    const revokedAt = new Date();
    expect((await revokeApiToken(admin(), id, revokedAt)).revokedAt.getTime()).toBe(revokedAt.getTime());
    const found = await authenticateApiToken(token);
    expect(apiAccess(found!, "requests:read", new Date())).toMatchObject({ ok: false, status: 401, code: "TOKEN_REVOKED" });
    // Revoked tokens are not marked as used.
    expect(found!.lastUsedAt).toBeNull();
    expect((await revokeApiToken(admin(), id, new Date(revokedAt.getTime() + 5000))).revokedAt.getTime()).toBe(revokedAt.getTime());
    expect(await prisma().auditEvent.count({ where: { action: "api_token.revoked", targetId: id } })).toBe(1);
    expect((await listApiTokens()).find((t) => t.id === id)).toMatchObject({ status: "REVOKED", statusLabel: "Revoked" });
    await expect(revokeApiToken(admin(), "no-such-token")).rejects.toMatchObject({ code: "not_found" });
  });

  it("makes the API refuse a token past its expiry", async () => {
    const issued = new Date(Date.now() - 3 * DAY);
    const { id, token } = await createApiToken(admin(), { name: "Nightly script", scopes: ["audit:read"], expiresInDays: 1 }, issued);
    const found = await authenticateApiToken(token);
    expect(apiAccess(found!, "audit:read", new Date())).toMatchObject({ ok: false, status: 401, code: "TOKEN_EXPIRED" });
    expect((await listApiTokens()).find((t) => t.id === id)!.status).toBe("EXPIRED");
  });
});

describe("service accounts are not people", () => {
  let serviceUser: { id: string; email: string };
  beforeAll(async () => {
    const { id } = await createApiToken(admin(), { name: "Provisioning bot", scopes: ["workspaces:read"], expiresInDays: 7 });
    serviceUser = (await prisma().apiToken.findUniqueOrThrow({ where: { id }, select: { serviceUser: true } })).serviceUser;
  });

  it("are left out of the admin people list, the manager picker and the delegation picker", async () => {
    const people = await listUsers();
    expect(people.some((u) => u.id === serviceUser.id)).toBe(false);
    expect(people.some((u) => u.id === world.people.alice.id)).toBe(true);
    const detail = await getUserDetail(world.people.alice.id);
    expect(detail!.people.some((p) => p.id === serviceUser.id)).toBe(false);
    // Even given an approving role behind the service's back, it is offered to nobody as a delegate.
    await prisma().user.update({ where: { id: serviceUser.id }, data: { role: "MANAGER" } });
    try {
      const { candidates } = await myDelegations(world.people.bob.id);
      expect(candidates.some((c) => c.id === serviceUser.id)).toBe(false);
    } finally {
      await prisma().user.update({ where: { id: serviceUser.id }, data: { role: "EMPLOYEE" } });
    }
  });

  it("are labelled as such where the fleet lists WorkSpace owners", async () => {
    const workspace = await prisma().workspace.findFirstOrThrow({ where: { goneAt: null }, select: { id: true, ownerId: true } });
    await prisma().workspace.update({ where: { id: workspace.id }, data: { ownerId: serviceUser.id } });
    try {
      const { owners } = await fleetFacets();
      expect(owners.find((o) => o.id === serviceUser.id)?.name).toBe("Provisioning bot (Service account)");
      expect(owners.filter((o) => o.name.endsWith("(Service account)"))).toHaveLength(1);
    } finally {
      await prisma().workspace.update({ where: { id: workspace.id }, data: { ownerId: workspace.ownerId } });
    }
  });

  it("cannot be given a role by an admin", async () => {
    await expect(changeUserRole(admin(), { userId: serviceUser.id, role: "ADMIN" })).rejects.toMatchObject({
      code: "refused",
      message: expect.stringMatching(/service account/),
    });
  });

  it("cannot be opened by demo sign-in, a session, or single sign-on", async () => {
    expect(await resolvePortalIdentity({ email: serviceUser.email, provider: "demo" })).toBeNull();
    expect(await resolvePortalIdentity({ email: "alice@example.com", provider: "demo" })).toMatchObject({ id: world.people.alice.id });
    expect(await sessionUserRow(serviceUser.id)).toBeNull();
    // An identity provider that claims the service account's address is refused, and nothing is linked.
    await expect(
      provisionPerson(
        {
          method: "oidc",
          subject: "sub-impostor",
          email: serviceUser.email,
          name: "Impostor",
          userName: null,
          directoryIds: [],
          groups: ["Portal-Admins"],
        },
        { admin: ["Portal-Admins"], manager: [], contractor: [] },
      ),
    ).rejects.toBeInstanceOf(ProvisioningRefused);
    expect(await prisma().externalAccount.count({ where: { userId: serviceUser.id } })).toBe(0);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: serviceUser.id } })).role).toBe("EMPLOYEE");
  });

  it("is never made a person's manager by single sign-on", async () => {
    const identity = await provisionPerson(
      {
        method: "oidc",
        subject: "sub-ines",
        email: "ines@sso.example.test",
        name: "Ines",
        userName: null,
        directoryIds: [],
        groups: [],
        manager: { email: serviceUser.email, name: "Provisioning bot" },
      },
      { admin: [], manager: [], contractor: [] },
    );
    expect((await prisma().user.findUniqueOrThrow({ where: { id: identity.id } })).managerId).toBeNull();
    expect((await prisma().user.findUniqueOrThrow({ where: { id: serviceUser.id } })).role).toBe("EMPLOYEE");
  });
});

describe("the /admin/api-tokens page", () => {
  async function render(userId: string) {
    const { default: ApiTokensPage } = await import("@/app/(portal)/admin/api-tokens/page");
    const { renderToStaticMarkup } = await import("react-dom/server");
    await signInAs(userId);
    return renderToStaticMarkup(await ApiTokensPage());
  }

  it("explains tokens, offers the form, and lists every token with its status and last use, never a secret", async () => {
    const html = await render(world.people.carol.id);
    expect(html).toContain("Authorization: Bearer");
    expect(html).toContain("X-On-Behalf-Of");
    expect(html).toContain('href="/api/docs"');
    expect(html).toContain("May act on behalf of people");
    for (const label of ["Read WorkSpaces and the catalog", "Approve or reject for a named approver"]) expect(html).toContain(label);
    expect(html).toContain(`value="90"`);
    const rows = await prisma().apiToken.findMany({ select: { name: true, prefix: true, hash: true } });
    for (const row of rows) {
      expect(html).toContain(row.name);
      expect(html).toContain(`${row.prefix}…`);
      expect(html).not.toContain(row.hash);
    }
    for (const status of ["Active", "Revoked", "Expired"]) expect(html).toContain(`>${status}</span>`);
    expect(html).toContain(">never<");
  });

  it("is for admins only", async () => {
    await expect(render(world.people.bob.id)).rejects.toThrow("forbidden() was called");
  });
});
