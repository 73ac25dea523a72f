import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "@/test/world";
import { ownerIndex } from "../core/workspace-cache";
import { parseApprovalSteps } from "../domain";
import { submitRequest } from "../services/requests/submit";
import { changeUserRole } from "../services/admin/users";
import { listUsers } from "../queries/admin-users";
import { provisionPerson, type ProvenIdentity } from "./provisioning";

// Sign-in through an identity provider creates the person and refreshes them every time: role from
// groups, manager (created as a placeholder when new), directory identities per directory.

const GROUPS = { admin: ["Portal-Admins"], manager: ["Portal-Managers"], contractor: ["Contractors"] };
let world: TestWorld;
const prisma = () => world.database.prisma;

const person = (overrides: Partial<ProvenIdentity> = {}): ProvenIdentity => ({
  method: "oidc",
  subject: "sub-priya",
  email: "Priya@SSO.example.test",
  name: "Priya Raman",
  userName: "priya",
  directoryIds: [],
  groups: ["Portal-Admins"],
  department: "IT",
  manager: null,
  ...overrides,
});

beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

describe("provisionPerson", () => {
  it("creates the person on the first sign-in, with the role and where it came from", async () => {
    const identity = await provisionPerson(person(), GROUPS);
    expect(identity).toMatchObject({ email: "priya@sso.example.test", role: "ADMIN" });
    const row = await prisma().user.findUniqueOrThrow({ where: { id: identity.id } });
    expect(row).toMatchObject({
      name: "Priya Raman",
      directoryUserName: "priya",
      department: "IT",
      roleSource: "oidc",
      roleSourceGroup: "Portal-Admins",
      lastSignInMethod: "oidc",
    });
    expect(row.lastSignInAt).toBeInstanceOf(Date);
    expect(await prisma().auditEvent.count({ where: { action: "user.provisioned", targetId: identity.id } })).toBe(1);
  });

  it("shows where a group-given role comes from, and the admin service refuses to change it", async () => {
    const priya = await prisma().user.findUniqueOrThrow({ where: { email: "priya@sso.example.test" } });
    const row = (await listUsers()).find((u) => u.id === priya.id)!;
    expect(row.roleSource).toMatch(/^group Portal-Admins in OIDC · last sign-in \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    await expect(changeUserRole({ id: world.people.carol.id }, { userId: priya.id, role: "EMPLOYEE" })).rejects.toThrow(
      /comes from their groups/,
    );
    expect((await prisma().user.findUniqueOrThrow({ where: { id: priya.id } })).role).toBe("ADMIN");
    // A role an admin set is still theirs to change.
    expect((await listUsers()).find((u) => u.id === world.people.erin.id)!.roleSource).toBeNull();
  });

  it("refreshes name and email by the subject, and a lost group ends the person's sessions at once", async () => {
    const before = await prisma().user.findUniqueOrThrow({ where: { email: "priya@sso.example.test" } });
    const identity = await provisionPerson(
      person({ email: "priya.raman@sso.example.test", name: "Priya R.", groups: ["Everyone"] }),
      GROUPS,
    );
    expect(identity.id).toBe(before.id);
    const after = await prisma().user.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toMatchObject({ email: "priya.raman@sso.example.test", name: "Priya R.", role: "EMPLOYEE", roleSourceGroup: null });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    // The same groups again change nothing, so the sessions stay.
    await provisionPerson(person({ email: "priya.raman@sso.example.test", groups: ["Everyone"] }), GROUPS);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: before.id } })).sessionVersion).toBe(after.sessionVersion);
  });

  it("creates a manager who has not signed in yet as a placeholder, and links them when they do", async () => {
    const emil = await provisionPerson(
      person({
        subject: "sub-emil",
        email: "emil@sso.example.test",
        name: "Emil",
        userName: "emil",
        groups: [],
        manager: { email: "Sam@sso.example.test", name: "Sam Okafor" },
      }),
      GROUPS,
    );
    const row = await prisma().user.findUniqueOrThrow({ where: { id: emil.id }, include: { manager: true } });
    expect(row.manager).toMatchObject({ email: "sam@sso.example.test", name: "Sam Okafor", role: "MANAGER", lastSignInAt: null });
    expect(emil.role).toBe("EMPLOYEE");

    // Sam is in no portal group, but manages Emil: still a manager, and the same person as the placeholder.
    const sam = await provisionPerson(
      person({ subject: "sub-sam", email: "sam@sso.example.test", name: "Sam Okafor", userName: "sam", groups: [] }),
      GROUPS,
    );
    expect(sam).toMatchObject({ id: row.manager!.id, role: "MANAGER" });
    expect((await prisma().user.findUniqueOrThrow({ where: { id: sam.id } })).roleSourceGroup).toBeNull();
  });

  it("does not let a second account of the provider become a person the first one already is", async () => {
    await expect(provisionPerson(person({ subject: "sub-impostor", email: "sam@sso.example.test", groups: [] }), GROUPS)).rejects.toThrow(
      /already signs in as this person/,
    );
    expect(await prisma().externalAccount.count({ where: { subject: "sub-impostor" } })).toBe(0);
  });

  it("routes a pending request to the new manager when the identity provider names another", async () => {
    const contractors = (await world.gateway.region("us-east-1").directories.describeDirectories()).find((d) =>
      /contractors/.test(d.name),
    )!;
    const value = (await world.gateway.region("us-east-1").bundles.describeBundles({ owner: "AMAZON" })).find(
      (b) => b.name.startsWith("Value with Windows") && b.name.includes("(WSP)"),
    )!;
    const asked = await submitRequest(world.people.dave, {
      change: {
        type: "create",
        ownerUserName: "ignored",
        directoryId: contractors.directoryId,
        bundleId: value.bundleId,
        runningMode: "AUTO_STOP",
        autoStopTimeoutMinutes: 60,
        rootVolumeEncrypted: false,
        userVolumeEncrypted: false,
        tags: [{ key: "CostCenter", value: "CC-1001" }],
      },
      justification: "New starter",
    });
    if (!asked.ok) throw new Error(JSON.stringify(asked.reasons));
    const stepsBefore = parseApprovalSteps((await prisma().request.findUniqueOrThrow({ where: { id: asked.requestId } })).approvalSteps);
    expect(stepsBefore[0]).toMatchObject({ role: "MANAGER", approverId: world.people.bob.id });

    await provisionPerson(
      person({
        subject: "sub-dave",
        email: "dave@example.com",
        name: "Dave Patel",
        userName: "dave",
        groups: ["Contractors"],
        manager: { email: "frank@example.com" },
      }),
      GROUPS,
    );
    const request = await prisma().request.findUniqueOrThrow({ where: { id: asked.requestId } });
    expect(parseApprovalSteps(request.approvalSteps)[0]).toMatchObject({ role: "MANAGER", approverId: world.people.frank.id });
    expect((await prisma().user.findUniqueOrThrow({ where: { id: world.people.dave.id } })).persona).toBe("CONTRACTOR");
    await prisma().request.update({ where: { id: asked.requestId }, data: { status: "CANCELLED" } });
  });

  it("keeps user names per directory: the same name in two directories can be two people", async () => {
    const [d1, d2] = ["d-1111111111", "d-2222222222"];
    const first = await provisionPerson(
      person({
        method: "ldap",
        subject: "guid-alex-1",
        email: "alex.one@sso.example.test",
        userName: "Alex",
        directoryIds: [d1],
        groups: [],
      }),
      GROUPS,
    );
    const second = await provisionPerson(
      person({
        method: "oidc",
        subject: "sub-alex-2",
        email: "alex.two@sso.example.test",
        userName: "alex",
        directoryIds: [d2],
        groups: [],
      }),
      GROUPS,
    );
    const base = { region: "us-east-1", userName: "ALEX", state: "AVAILABLE", bundleId: "wsb-x", raw: {}, lastSyncedAt: new Date() };
    await prisma().workspace.createMany({
      data: [
        { id: "ws-alex-1", directoryId: d1, ...base },
        { id: "ws-alex-2", directoryId: d2, ...base },
        { id: "ws-alex-3", directoryId: "d-3333333333", ...base },
      ],
    });

    const owners = await ownerIndex(prisma());
    expect(owners.ownerOf(d1, "alex")).toBe(first.id);
    expect(owners.ownerOf(d2, "ALEX")).toBe(second.id);
    expect(owners.ownerOf("d-3333333333", "alex")).toBeNull();

    // A sign-in gives the person the cached WorkSpaces that match them, without waiting for the next sync.
    await provisionPerson(
      person({
        method: "ldap",
        subject: "guid-alex-1",
        email: "alex.one@sso.example.test",
        userName: "alex",
        directoryIds: [d1],
        groups: [],
      }),
      GROUPS,
    );
    const owned = await prisma().workspace.findMany({
      where: { id: { startsWith: "ws-alex-" } },
      orderBy: { id: "asc" },
      select: { id: true, ownerId: true },
    });
    expect(owned).toEqual([
      { id: "ws-alex-1", ownerId: first.id },
      // Alex Two's is theirs at the next sync, or at their next sign-in; never Alex One's.
      { id: "ws-alex-2", ownerId: null },
      { id: "ws-alex-3", ownerId: null },
    ]);
    await provisionPerson(
      person({
        method: "oidc",
        subject: "sub-alex-2",
        email: "alex.two@sso.example.test",
        userName: "alex",
        directoryIds: [d2],
        groups: [],
      }),
      GROUPS,
    );
    expect((await prisma().workspace.findUniqueOrThrow({ where: { id: "ws-alex-2" } })).ownerId).toBe(second.id);
    // Directories that could not be read at this sign-in leave the identities and WorkSpaces as they were.
    await provisionPerson(
      person({
        method: "ldap",
        subject: "guid-alex-1",
        email: "alex.one@sso.example.test",
        userName: "alex",
        directoryIds: undefined,
        groups: [],
      }),
      GROUPS,
    );
    expect((await prisma().workspace.findUniqueOrThrow({ where: { id: "ws-alex-1" } })).ownerId).toBe(first.id);
    // Moved to another directory: the old WorkSpace is no longer theirs.
    await provisionPerson(
      person({
        method: "ldap",
        subject: "guid-alex-1",
        email: "alex.one@sso.example.test",
        userName: "alex",
        directoryIds: ["d-3333333333"],
        groups: [],
      }),
      GROUPS,
    );
    expect((await prisma().workspace.findUniqueOrThrow({ where: { id: "ws-alex-1" } })).ownerId).toBeNull();
    expect((await prisma().workspace.findUniqueOrThrow({ where: { id: "ws-alex-3" } })).ownerId).toBe(first.id);
  });

  it("still matches people who never used single sign-on on their directory user name", async () => {
    const owners = await ownerIndex(prisma());
    const alice = await prisma().user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
    expect(owners.ownerOf("d-9999999999", "ALICE")).toBe(alice.id);
    // Emil signed in through OIDC with no directories configured: his name alone owns nothing.
    expect(owners.ownerOf("d-9999999999", "emil")).toBeNull();
  });
});
