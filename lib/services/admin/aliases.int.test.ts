import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listConnectionAliases, getConnectionAliasPair, directoryConnectionAlias } from "@/lib/queries/admin-aliases";
import { createTestWorld, type TestWorld } from "@/test/world";
import {
  associateConnectionAlias,
  createConnectionAlias,
  deleteConnectionAlias,
  disassociateConnectionAlias,
  setConnectionAliasPermission,
  setPrimaryRegion,
} from "./aliases";

const US = "us-east-1";
const EU = "eu-west-1";
let world: TestWorld;
let usDir: string;
let euDir: string;

const admin = () => ({ id: world.people.carol.id });
const audit = async (targetId: string) => world.database.prisma.auditEvent.findMany({ where: { targetId }, orderBy: { id: "asc" } });
// Each of the sandbox's alias transitions takes one sandbox minute; the clock stands still otherwise.
const settle = () => world.sandbox.advance(1);

beforeAll(async () => {
  world = await createTestWorld({ clockSpeed: 0 });
  usDir = (await world.gateway.region(US).directories.describeDirectories()).find((d) => d.name === "corp.example.com")!.directoryId;
  euDir = (await world.gateway.region(EU).directories.describeDirectories()).find((d) => d.name === "eu.corp.example.com")!.directoryId;
});
afterAll(() => world.close());

describe("connection aliases", () => {
  it("creates a pair in two Regions, associates each with a directory of its Region, and audits every call", async () => {
    const { connectionString, created, refused } = await createConnectionAlias(admin(), {
      connectionString: " Desktop.Example.com ",
      regions: [US, EU],
    });
    expect(connectionString).toBe("desktop.example.com");
    expect(created.map((c) => c.region)).toEqual([US, EU]);
    expect(refused).toEqual([]);
    const [us, eu] = created;

    // Still being created: the rule says so before AWS is asked.
    await expect(associateConnectionAlias(admin(), { region: US, aliasId: us!.aliasId, directoryId: usDir })).rejects.toThrow(
      /still creating/,
    );
    settle();
    const { connectionIdentifier } = await associateConnectionAlias(admin(), { region: US, aliasId: us!.aliasId, directoryId: usDir });
    expect(connectionIdentifier).toMatch(/^[a-z0-9]+$/);
    // A directory of the other Region is refused in plain words.
    await expect(associateConnectionAlias(admin(), { region: EU, aliasId: eu!.aliasId, directoryId: usDir })).rejects.toThrow(
      /no registered directory .* in eu-west-1/,
    );
    await associateConnectionAlias(admin(), { region: EU, aliasId: eu!.aliasId, directoryId: euDir });
    settle();

    const events = await audit(us!.aliasId);
    expect(events.map((e) => e.action)).toEqual(["alias.created", "alias.associated"]);
    for (const e of events) expect(e.awsRequestIds).toHaveLength(1);
    expect(events[1]?.detail).toMatchObject({ directoryName: "corp.example.com", connectionIdentifier });

    const { pairs } = await listConnectionAliases();
    const pair = pairs.find((p) => p.connectionString === "desktop.example.com")!;
    expect(pair.regions.map((r) => [r.region, r.directory?.status])).toEqual([
      [EU, "ASSOCIATED_WITH_OWNER_ACCOUNT"],
      [US, "ASSOCIATED_WITH_OWNER_ACCOUNT"],
    ]);
    expect(pair.gaps).toEqual([]);
    // The portal's default Region is primary until an admin chooses.
    expect(pair.primary).toEqual({ region: US, chosenBy: "default" });
    expect(await directoryConnectionAlias(EU, euDir)).toEqual({
      connectionString: "desktop.example.com",
      status: "ASSOCIATED_WITH_OWNER_ACCOUNT",
    });
  });

  it("records the admin's primary Region and audits it", async () => {
    await setPrimaryRegion(admin(), { connectionString: "desktop.example.com", region: EU });
    const page = await getConnectionAliasPair("desktop.example.com");
    expect(page?.pair.primary).toEqual({ region: EU, chosenBy: "admin" });
    const [event] = await audit("desktop.example.com");
    expect(event).toMatchObject({ action: "alias.primary_set", after: { primaryRegion: EU }, before: { primaryRegion: null } });
    await expect(setPrimaryRegion(admin(), { connectionString: "nowhere.example.com", region: EU })).rejects.toThrow(/no connection alias/);
  });

  it("refuses to delete while associated or shared, in plain words, and deletes once neither", async () => {
    const page = await getConnectionAliasPair("desktop.example.com");
    const us = page!.pair.regions.find((r) => r.region === US)!;
    const ref = { region: US, aliasId: us.aliasId };
    await expect(deleteConnectionAlias(admin(), ref)).rejects.toThrow(
      "This alias is still associated with corp.example.com. Disassociate it first, then delete it.",
    );
    await disassociateConnectionAlias(admin(), ref);
    settle();
    await setConnectionAliasPermission(admin(), { ...ref, accountId: "210987654321", allow: true });
    expect((await getConnectionAliasPair("desktop.example.com"))!.pair.regions.find((r) => r.region === US)!.sharedWith).toEqual([
      "210987654321",
    ]);
    await expect(deleteConnectionAlias(admin(), ref)).rejects.toThrow(/still shared with 210987654321/);
    await setConnectionAliasPermission(admin(), { ...ref, accountId: "210987654321", allow: false });
    await deleteConnectionAlias(admin(), ref);
    expect((await audit(us.aliasId)).map((e) => e.action)).toEqual([
      "alias.created",
      "alias.associated",
      "alias.disassociated",
      "alias.shared",
      "alias.unshared",
      "alias.deleted",
    ]);
    settle();
    // The pair now misses a second Region, and says so.
    const after = await getConnectionAliasPair("desktop.example.com");
    expect(after!.pair.regions.map((r) => r.region)).toEqual([EU]);
    expect(after!.pair.gaps[0]).toMatch(/in a second Region/);
  });

  it("records AWS's refusal with its request id when the portal's own checks pass", async () => {
    const { created } = await createConnectionAlias(admin(), { connectionString: "refused.example.com", regions: [US] });
    settle();
    const ref = { region: US, aliasId: created[0]!.aliasId };
    await fetch(`${world.sandbox.url}/__sandbox/faults`, {
      method: "POST",
      headers: { "X-Sandbox-Token": world.sandbox.controlToken },
      body: JSON.stringify({ failNext: { operation: "UpdateConnectionAliasPermission", code: "ResourceLimitExceededException" } }),
    });
    await expect(setConnectionAliasPermission(admin(), { ...ref, accountId: "210987654321", allow: true })).rejects.toThrow(/^AWS refused/);
    const [, refused] = await audit(ref.aliasId);
    expect(refused).toMatchObject({ action: "alias.share.refused", detail: { awsCode: "ResourceLimitExceededException" } });
    expect(refused!.awsRequestIds).toHaveLength(1);
  });

  it("keeps what AWS created when it refuses one Region, and says which", async () => {
    await fetch(`${world.sandbox.url}/__sandbox/faults`, {
      method: "POST",
      headers: { "X-Sandbox-Token": world.sandbox.controlToken },
      body: JSON.stringify({ failNext: { operation: "CreateConnectionAlias", code: "ResourceLimitExceededException" } }),
    });
    const out = await createConnectionAlias(admin(), { connectionString: "half.example.com", regions: [US, EU] });
    expect(out.created.map((c) => c.region)).toEqual([EU]);
    expect(out.refused).toEqual([expect.stringMatching(/^us-east-1: AWS refused/)]);
    const actions = (
      await world.database.prisma.auditEvent.findMany({ where: { targetId: { in: ["half.example.com", out.created[0]!.aliasId] } } })
    ).map((e) => e.action);
    expect(actions.sort()).toEqual(["alias.create.refused", "alias.created"]);
  });

  it("refuses a name that is not a domain name, and a name a Region already has", async () => {
    await expect(createConnectionAlias(admin(), { connectionString: "desktop", regions: [US] })).rejects.toThrow(/with a dot in it/);
    // Every Region is checked before any is created, so a refusal changes nothing in AWS.
    const mutations = world.sandbox.mutationCount();
    await expect(createConnectionAlias(admin(), { connectionString: "refused.example.com", regions: [EU, US] })).rejects.toThrow(
      "refused.example.com already has a connection alias in us-east-1; a Region takes each name once.",
    );
    await expect(createConnectionAlias(admin(), { connectionString: "other.example.com", regions: [US, "ap-south-2"] })).rejects.toThrow(
      "The portal does not manage WorkSpaces in ap-south-2.",
    );
    expect(world.sandbox.mutationCount()).toBe(mutations);
  });

  it("refuses everyone but admins", async () => {
    await expect(
      createConnectionAlias({ id: world.people.alice.id }, { connectionString: "x.example.com", regions: [US] }),
    ).rejects.toThrow(/Only admins/);
  });
});
