import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPolicySettings } from "@/lib/core/settings";
import { withApprovalRules } from "@/lib/domain";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { updatePolicySettings } from "./admin/policies";
import { decideRequest } from "./requests/decide";
import { submitRequest } from "./requests/submit";
import { editResourceTags, requestWorkspaceTagChange, updateTagPolicy } from "./tags";

// Tags end to end on the sandbox: the policy's tag rules, an employee's tag edit as a request (their keys
// only), the required cost-allocation tags on a new WorkSpace (refused without, sent to AWS with), and an
// admin's tags on a custom bundle and an IP group.

const REGION = "us-east-1";
let world: TestWorld;
let aliceWs: string;

const admin = () => ({ id: world.people.carol.id });
const prisma = () => world.database.prisma;
const statusOf = (id: string) => prisma().request.findUniqueOrThrow({ where: { id } });
const finished = (id: string) =>
  eventually(
    async () => {
      const r = await statusOf(id);
      return r.status === "SUCCEEDED" || r.status === "FAILED" ? r : null;
    },
    60_000,
    "the request to finish",
  );
const awsTags = (id: string) => world.gateway.region(REGION).tags.describeTags(id);

beforeAll(async () => {
  world = await createTestWorld({ clockSpeed: 600 });
  world.executor().start();
  aliceWs = (await prisma().workspace.findFirstOrThrow({ where: { ownerId: world.people.alice.id, region: REGION, goneAt: null } })).id;
  await updateTagPolicy(admin(), { employeeEditableKeys: ["Project"], requiredKeys: ["CostCenter"] });
}, 120_000);
afterAll(() => world?.close());

describe("the tag policy", () => {
  it("is saved inside the policy, audited, and kept when the rest of the policy is saved", async () => {
    const settings = await getPolicySettings(prisma());
    expect(settings.tags).toEqual({ employeeEditableKeys: ["Project"], requiredKeys: ["CostCenter"] });
    const event = await prisma().auditEvent.findFirstOrThrow({ where: { action: "policy.tags_updated" } });
    expect(event.actorId).toBe(world.people.carol.id);
    await updatePolicySettings(admin(), { ...settings, escalationDays: 2 });
    expect((await getPolicySettings(prisma())).tags).toEqual(settings.tags);
  });

  it("refuses keys AWS refuses, and anyone but an admin", async () => {
    await expect(updateTagPolicy(admin(), { employeeEditableKeys: ["aws:owner"], requiredKeys: [] })).rejects.toThrow(/reserved for AWS/);
    await expect(
      updateTagPolicy({ id: world.people.alice.id }, { employeeEditableKeys: ["CostCenter"], requiredKeys: [] }),
    ).rejects.toThrow(/Only admins/);
    expect((await getPolicySettings(prisma())).tags?.employeeEditableKeys).toEqual(["Project"]);
  });
});

describe("an employee's tag edit", () => {
  it("sets a key the policy opens to employees: approved by the policy, sent with CreateTags, shown in the cache", async () => {
    const before = world.sandbox.mutationCount();
    const result = await requestWorkspaceTagChange(world.people.alice, {
      workspaceId: aliceWs,
      set: [{ key: "Project", value: "Apollo" }],
      remove: [],
    });
    // A tag edit costs nothing, and the default policy approves tag changes automatically.
    expect(result).toMatchObject({ ok: true, status: "APPROVED" });
    if (!result.ok) return;
    const done = await finished(result.requestId);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.awsRequestIds).toHaveLength(1);
    expect(world.sandbox.mutationCount() - before).toBe(1);
    expect(await awsTags(aliceWs)).toContainEqual({ key: "Project", value: "Apollo" });
    const cached = await prisma().workspace.findUniqueOrThrow({ where: { id: aliceWs } });
    expect(cached.tags).toContainEqual({ key: "Project", value: "Apollo" });
    expect((await statusOf(result.requestId)).type).toBe("tags");
  });

  it("refuses keys the policy keeps for admins, and removing a required key, without calling AWS", async () => {
    const before = world.sandbox.mutationCount();
    const costCentre = await requestWorkspaceTagChange(world.people.alice, {
      workspaceId: aliceWs,
      set: [{ key: "CostCenter", value: "CC-9999" }],
      remove: [],
    });
    expect(costCentre).toMatchObject({ ok: false, reasons: [expect.objectContaining({ code: "TAG_KEY_NOT_EDITABLE" })] });
    if (costCentre.ok) return;
    expect(costCentre.reasons[0]!.message).toBe('Only an admin can change the tag "CostCenter". You may edit "Project".');
    const other = await requestWorkspaceTagChange(world.people.alice, { workspaceId: aliceWs, set: [], remove: ["Team"] });
    expect(other).toMatchObject({ ok: false, reasons: [expect.objectContaining({ code: "TAG_KEY_NOT_EDITABLE" })] });
    const badValue = await requestWorkspaceTagChange(world.people.alice, {
      workspaceId: aliceWs,
      set: [{ key: "Project", value: "Apollo #2" }],
      remove: [],
    });
    expect(badValue).toMatchObject({ ok: false, reasons: [expect.objectContaining({ code: "TAG_CHARACTERS" })] });
    // Even an admin cannot remove a required tag.
    const byAdmin = await requestWorkspaceTagChange(world.people.carol, { workspaceId: aliceWs, set: [], remove: ["CostCenter"] });
    expect(byAdmin).toMatchObject({ ok: false, reasons: [expect.objectContaining({ code: "TAG_REQUIRED_MISSING" })] });
    expect(world.sandbox.mutationCount()).toBe(before);
  });

  it("is not open to anyone else, not even the manager", async () => {
    await expect(
      requestWorkspaceTagChange(world.people.bob, { workspaceId: aliceWs, set: [{ key: "Project", value: "Gemini" }], remove: [] }),
    ).rejects.toThrow(/not found/);
    await expect(
      requestWorkspaceTagChange(world.people.erin, { workspaceId: aliceWs, set: [{ key: "Project", value: "Gemini" }], remove: [] }),
    ).rejects.toThrow(/not found/);
  });

  it("waits for the manager when the policy says tag changes need approval, then removes the tag", async () => {
    const settings = await getPolicySettings(prisma());
    await updatePolicySettings(admin(), withApprovalRules(settings, { tags: "manager" }));
    try {
      const result = await requestWorkspaceTagChange(world.people.alice, { workspaceId: aliceWs, set: [], remove: ["Project"] });
      expect(result).toMatchObject({ ok: true, status: "PENDING_APPROVAL" });
      if (!result.ok) return;
      expect(await awsTags(aliceWs)).toContainEqual({ key: "Project", value: "Apollo" });
      await decideRequest(world.people.bob, { requestId: result.requestId, decision: "APPROVED", channel: "WEB" });
      expect((await finished(result.requestId)).status).toBe("SUCCEEDED");
      expect((await awsTags(aliceWs)).some((t) => t.key === "Project")).toBe(false);
    } finally {
      await updatePolicySettings(admin(), withApprovalRules(await getPolicySettings(prisma()), { tags: "automatic" }));
    }
  });
});

describe("required tags on a new WorkSpace", () => {
  it("refuses a request without them and creates the WorkSpace with them as its tags", async () => {
    const gw = world.gateway.region(REGION);
    const contractors = (await gw.directories.describeDirectories()).find((d) => /contractors/.test(d.name))!;
    const value = (await gw.bundles.describeBundles({ owner: "AMAZON" })).find(
      (b) => b.name.startsWith("Value with Windows") && b.name.includes("(WSP)"),
    )!;
    const change = {
      type: "create" as const,
      ownerUserName: "ignored",
      directoryId: contractors.directoryId,
      bundleId: value.bundleId,
      runningMode: "AUTO_STOP" as const,
      autoStopTimeoutMinutes: 60,
      rootVolumeEncrypted: false,
      userVolumeEncrypted: false,
    };
    const missing = await submitRequest(world.people.dave, { change: { ...change, tags: [] }, justification: "New starter" });
    expect(missing).toMatchObject({ ok: false, reasons: [expect.objectContaining({ code: "TAG_REQUIRED_MISSING" })] });
    const empty = await submitRequest(world.people.dave, {
      change: { ...change, tags: [{ key: "CostCenter", value: "" }] },
      justification: "New starter",
    });
    expect(empty).toMatchObject({ ok: false, reasons: [expect.objectContaining({ code: "TAG_REQUIRED_EMPTY" })] });
    expect(await prisma().request.count({ where: { beneficiaryId: world.people.dave.id } })).toBe(0);

    const tags = [
      { key: "CostCenter", value: "CC-2042" },
      { key: "Project", value: "Onboarding" },
    ];
    const result = await submitRequest(world.people.dave, { change: { ...change, tags }, justification: "New starter" });
    expect(result).toMatchObject({ ok: true, status: "PENDING_APPROVAL" });
    if (!result.ok) return;
    await decideRequest(world.people.bob, { requestId: result.requestId, decision: "APPROVED", channel: "WEB" });
    world.sandbox.advance(25);
    const done = await finished(result.requestId);
    expect(done.failureReason).toBeNull();
    const sent = await awsTags(done.resultWorkspaceId!);
    expect(sent).toEqual(expect.arrayContaining([...tags, { key: "portal:request-id", value: result.requestId }]));
    const cached = await prisma().workspace.findUniqueOrThrow({ where: { id: done.resultWorkspaceId! } });
    expect(cached.costCenter).toBe("CC-2042");
  });
});

describe("tags on bundles and IP groups", () => {
  it("adds and removes a custom bundle's tags, audited with AWS's request ids", async () => {
    const gw = world.gateway.region(REGION);
    const custom = (await gw.bundles.describeBundles({ owner: "self" }))[0]!;
    const added = await editResourceTags(admin(), {
      region: REGION,
      resourceId: custom.bundleId,
      set: [
        { key: "CostCenter", value: "CC-IT" },
        { key: "Team", value: "Desktop" },
      ],
      remove: [],
    });
    expect(added.tags).toEqual(expect.arrayContaining([{ key: "Team", value: "Desktop" }]));
    await editResourceTags(admin(), {
      region: REGION,
      resourceId: custom.bundleId,
      set: [{ key: "Team", value: "EUC" }],
      remove: ["CostCenter"],
    });
    expect(await awsTags(custom.bundleId)).toEqual([{ key: "Team", value: "EUC" }]);
    const events = await prisma().auditEvent.findMany({ where: { targetId: custom.bundleId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["bundle.tags_updated", "bundle.tags_updated"]);
    expect(events[0]!.awsRequestIds).toHaveLength(1);
    expect(events[1]!.awsRequestIds).toHaveLength(2);
    expect(events[1]!.after).toMatchObject({ name: custom.name, tags: [{ key: "Team", value: "EUC" }] });
  });

  it("shows AWS's refusal for an Amazon bundle and audits it", async () => {
    const amazon = (await world.gateway.region(REGION).bundles.describeBundles({ owner: "AMAZON" }))[0]!;
    await expect(
      editResourceTags(admin(), { region: REGION, resourceId: amazon.bundleId, set: [{ key: "Team", value: "x" }], remove: [] }),
    ).rejects.toThrow(/^AWS refused: /);
    const refused = await prisma().auditEvent.findFirstOrThrow({ where: { targetId: amazon.bundleId } });
    expect(refused.action).toBe("bundle.tags_update.refused");
  });

  it("tags an IP group, refuses a 51st tag before calling AWS, and refuses non-admins", async () => {
    const group = (await world.gateway.region(REGION).ipGroups.describeIpGroups()).find((g) => g.name === "partner-extranet")!;
    const fifty = Array.from({ length: 50 }, (_, i) => ({ key: `Key${i}`, value: "v" }));
    await editResourceTags(admin(), { region: REGION, resourceId: group.groupId, set: fifty, remove: [] });
    expect(await awsTags(group.groupId)).toHaveLength(50);
    const before = world.sandbox.mutationCount();
    await expect(
      editResourceTags(admin(), { region: REGION, resourceId: group.groupId, set: [{ key: "OneMore", value: "x" }], remove: [] }),
    ).rejects.toThrow(/at most 50 tags; this would make 51/);
    await expect(
      editResourceTags({ id: world.people.alice.id }, { region: REGION, resourceId: group.groupId, set: [], remove: ["Key0"] }),
    ).rejects.toThrow(/Only admins/);
    expect(world.sandbox.mutationCount()).toBe(before);
    const done = await prisma().auditEvent.findFirstOrThrow({ where: { targetId: group.groupId, action: "ipgroup.tags_updated" } });
    expect(done.awsRequestIds).toHaveLength(1);
  });
});
