import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_ROLES, SECOND_ACCOUNT_ID } from "@/lib/sandbox";
import { syncOtherAccounts } from "@/lib/execution/sync";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { decideRequest } from "../requests/decide";
import { submitRequest } from "../requests/submit";
import { policySettingsFor } from "@/lib/core/accounts";
import { getPolicySettings } from "@/lib/core/settings";
import { addAccount, removeAccount, setAccountPolicy, updateAccount } from "./accounts";
import { startBulkOperation } from "./bulk";

const second = SANDBOX_ROLES.find((r) => r.accountId === SECOND_ACCOUNT_ID)!;

type SandboxState = {
  regions: Record<string, { workspaces: { WorkspaceId: string }[] }>;
  accounts: Record<
    string,
    {
      regions: Record<
        string,
        { workspaces: { WorkspaceId: string; UserName: string; WorkspaceProperties?: { UserVolumeSizeGib?: number } }[] }
      >;
    }
  >;
};

describe("a second AWS account", () => {
  let world: TestWorld;
  let accountId: string;
  beforeAll(async () => {
    world = await createTestWorld({ clockSpeed: 600, fleetSize: 4 });
  });
  afterAll(() => world.close());
  const prisma = () => world.database.prisma;

  it("is refused, beside the form and in the audit log, when the role's external id is wrong", async () => {
    await expect(
      addAccount(world.people.carol, { name: "Branch office", roleArn: second.arn, externalId: "not-it", regions: ["us-east-1"] }),
    ).rejects.toThrow(/In us-east-1: AWS refused: .*trust policy/);
    expect(await prisma().awsAccount.count()).toBe(0);
    const refused = await prisma().auditEvent.findFirstOrThrow({ where: { action: "account.add.refused" } });
    expect(refused.detail).toMatchObject({ awsCode: "AccessDenied" });
  });

  it("only admins may add one", async () => {
    await expect(
      addAccount(world.people.bob, { name: "Branch office", roleArn: second.arn, externalId: second.externalId, regions: ["us-east-1"] }),
    ).rejects.toThrow(/Only admins/);
  });

  it("is added once AWS lets the portal assume its role, and its sync keeps the two accounts' WorkSpaces apart", async () => {
    ({ accountId } = await addAccount(world.people.carol, {
      name: "Branch office",
      roleArn: second.arn,
      externalId: second.externalId,
      regions: ["us-east-1"],
    }));
    const row = await prisma().awsAccount.findUniqueOrThrow({ where: { id: accountId } });
    expect(row).toMatchObject({ awsAccountId: SECOND_ACCOUNT_ID, regions: ["us-east-1"] });
    const added = await prisma().auditEvent.findFirstOrThrow({ where: { action: "account.added", targetId: accountId } });
    expect(added.detail).toMatchObject({ directoriesFound: { "us-east-1": 1 } });

    const [result] = await syncOtherAccounts(prisma(), () => world.gateway);
    expect(result).toMatchObject({ region: "us-east-1", seen: 6, created: 6 });
    const state = world.sandbox.state() as SandboxState;
    const inSecond = state.accounts[SECOND_ACCOUNT_ID]!.regions["us-east-1"]!.workspaces.map((w) => w.WorkspaceId).sort();
    const cached = await prisma().workspace.findMany({
      where: { accountId, goneAt: null },
      select: { id: true, ownerId: true, userName: true },
    });
    expect(cached.map((w) => w.id).sort()).toEqual(inSecond);
    expect(cached.find((w) => w.userName === "dave")?.ownerId).toBe(world.people.dave.id);

    // The first account's sync of the same Region leaves the second's WorkSpaces alone, and the reverse.
    await world.sync();
    expect(await prisma().workspace.count({ where: { accountId, goneAt: null } })).toBe(6);
    const firstAccount = state.regions["us-east-1"]!.workspaces.length;
    await syncOtherAccounts(prisma(), () => world.gateway);
    expect(await prisma().workspace.count({ where: { accountId: "default", region: "us-east-1", goneAt: null } })).toBeGreaterThan(0);
    expect(await prisma().workspace.count({ where: { accountId: "default", region: "us-east-1" } })).toBeGreaterThanOrEqual(
      firstAccount - 1,
    );
  });

  it("carries out an employee's approved request on a WorkSpace in the second account there", async () => {
    const dave = await prisma().workspace.findFirstOrThrow({ where: { accountId, userName: "dave" } });
    const before = world.sandbox.state() as SandboxState;
    const firstAccountIds = new Set(before.regions["us-east-1"]!.workspaces.map((w) => w.WorkspaceId));
    expect(firstAccountIds.has(dave.id)).toBe(false);
    const submitted = await submitRequest(world.people.dave, {
      change: { type: "volumes", workspaceId: dave.id, userVolumeGb: 100 },
      justification: "Project files",
    });
    expect(submitted).toMatchObject({ ok: true, status: "PENDING_APPROVAL" });
    if (!submitted.ok) return;
    await decideRequest(world.people.bob, { requestId: submitted.requestId, decision: "APPROVED", channel: "WEB" });
    world.executor().start();
    const done = await eventually(
      async () => {
        const r = await prisma().request.findUniqueOrThrow({ where: { id: submitted.requestId } });
        return r.status === "SUCCEEDED" || r.status === "FAILED" ? r : null;
      },
      60_000,
      "the request to finish",
    );
    expect(done.failureReason ?? null).toBeNull();
    expect(done.status).toBe("SUCCEEDED");
    expect(done.awsRequestIds).toHaveLength(1);
    const after = world.sandbox.state() as SandboxState;
    const inSecond = after.accounts[SECOND_ACCOUNT_ID]!.regions["us-east-1"]!.workspaces.find((w) => w.WorkspaceId === dave.id)!;
    expect(inSecond.WorkspaceProperties?.UserVolumeSizeGib).toBe(100);
  });

  it("runs a bulk reboot over WorkSpaces of both accounts, each batch in its own account", async () => {
    const ours = await prisma().workspace.findFirstOrThrow({
      where: { accountId: "default", region: "us-east-1", state: "AVAILABLE", goneAt: null },
    });
    const theirs = await prisma().workspace.findFirstOrThrow({
      where: { accountId, state: "AVAILABLE", goneAt: null, userName: { not: "dave" } },
    });
    const calls = world.calls.length;
    const { operationId } = await startBulkOperation(
      { id: world.people.carol.id },
      { workspaceIds: [ours.id, theirs.id], params: { action: "reboot" } },
    );
    await eventually(
      async () => (await prisma().bulkItem.count({ where: { operationId, status: "PENDING" } })) === 0,
      30_000,
      "the bulk reboot",
    );
    const items = await prisma().bulkItem.findMany({ where: { operationId } });
    expect(items.map((i) => [i.workspaceId, i.status]).sort()).toEqual(
      [
        [ours.id, "DONE"],
        [theirs.id, "DONE"],
      ].sort(),
    );
    // Two calls, one per account: a batch never mixes accounts.
    expect(world.calls.slice(calls).filter((c) => c.operation === "RebootWorkspaces")).toHaveLength(2);
    // Sent to the wrong account, AWS would have answered that it does not know the WorkSpace and the item failed.
  });

  it("is changed only with a role AWS accepts, and removed with its WorkSpaces leaving the fleet", async () => {
    await expect(
      updateAccount(world.people.carol, { accountId, name: "Branch", roleArn: second.arn, externalId: "", regions: ["us-east-1"] }),
    ).rejects.toThrow(/AWS refused/);
    await updateAccount(world.people.carol, {
      accountId,
      name: "Branch",
      roleArn: second.arn,
      externalId: second.externalId,
      regions: ["us-east-1"],
    });
    expect((await prisma().awsAccount.findUniqueOrThrow({ where: { id: accountId } })).name).toBe("Branch");

    // Its own approval thresholds apply to its WorkSpaces only; an empty field follows the policy.
    await expect(
      setAccountPolicy(world.people.carol, { accountId, managerThresholdCents: 5_000, adminThresholdCents: 100 }),
    ).rejects.toThrow(/admin threshold/);
    await setAccountPolicy(world.people.carol, { accountId, managerThresholdCents: 2_500, adminThresholdCents: null });
    const policy = await getPolicySettings(prisma());
    const inBranch = await policySettingsFor(prisma(), accountId);
    expect(inBranch).toEqual({ ...policy, managerThresholdCents: 2_500, adminThresholdCents: Math.max(policy.adminThresholdCents, 2_500) });
    expect(await policySettingsFor(prisma(), "default")).toEqual(policy);
    await setAccountPolicy(world.people.carol, { accountId, managerThresholdCents: null, adminThresholdCents: null });
    expect(await policySettingsFor(prisma(), accountId)).toEqual(policy);
    await removeAccount(world.people.carol, { accountId });
    expect(await prisma().awsAccount.count()).toBe(0);
    expect(await prisma().workspace.count({ where: { accountId, goneAt: null } })).toBe(0);
    const actions = (await prisma().auditEvent.findMany({ where: { targetType: "awsAccount" }, orderBy: { id: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(["account.added", "account.update.refused", "account.updated", "account.policy_updated", "account.removed"]),
    );
  });
});
