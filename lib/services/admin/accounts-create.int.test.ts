import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_ROLES, SECOND_ACCOUNT_ID } from "@/lib/sandbox";
import { syncOtherAccounts } from "@/lib/execution/sync";
import { gatewayForAccount } from "@/lib/core/accounts";
import { getPolicySettings, POLICY_SETTING_KEY } from "@/lib/core/settings";
import { toJson } from "@/lib/core/tx";
import { newWorkspaceOptions } from "@/lib/queries/new-workspace";
import { parseStoredChange } from "@/lib/core/stored-change";
import { createTestWorld, eventually, type TestWorld } from "@/test/world";
import { decideRequest } from "../requests/decide";
import { submitRequest } from "../requests/submit";
import { addAccount } from "./accounts";

const second = SANDBOX_ROLES.find((r) => r.accountId === SECOND_ACCOUNT_ID)!;

type Seat = { WorkspaceId: string; UserName: string; DirectoryId: string; State: string };
type SandboxState = {
  regions: Record<string, { workspaces: Seat[] }>;
  accounts: Record<string, { regions: Record<string, { workspaces: Seat[] }> }>;
};

describe("a new WorkSpace in a second AWS account", () => {
  let world: TestWorld;
  let accountId: string;
  let branchDirectoryId: string;
  beforeAll(async () => {
    world = await createTestWorld({ clockSpeed: 600, fleetSize: 4 });
  });
  afterAll(() => world.close());
  const prisma = () => world.database.prisma;
  const seats = (account?: string) => {
    const state = world.sandbox.state() as SandboxState;
    return (account ? state.accounts[account]!.regions : state.regions)["us-east-1"]!.workspaces;
  };

  it("is offered to an employee whose persona the catalog gives the branch office's directory", async () => {
    ({ accountId } = await addAccount(world.people.carol, {
      name: "Branch office",
      roleArn: second.arn,
      externalId: second.externalId,
      regions: ["us-east-1"],
    }));
    const branch = (await gatewayForAccount(prisma(), () => world.gateway, accountId)).region("us-east-1");
    const [directory] = await branch.directories.describeDirectories();
    branchDirectoryId = directory!.directoryId;
    // A branch employee whose old WorkSpace was retired: Erin signs in to the branch directory as br00002.
    const old = seats(SECOND_ACCOUNT_ID).find((w) => w.UserName === "br00002")!;
    await branch.workspaces.terminate([old.WorkspaceId]);
    await eventually(
      async () => {
        world.sandbox.advance(10);
        return seats(SECOND_ACCOUNT_ID).every((w) => w.UserName !== "br00002" || w.State === "TERMINATED") || null;
      },
      30_000,
      "the old WorkSpace to be terminated",
    );
    await syncOtherAccounts(prisma(), () => world.gateway);
    await prisma().user.update({ where: { id: world.people.erin.id }, data: { directoryUserName: "br00002" } });

    const bundles = await branch.bundles.describeBundles({ owner: "AMAZON" });
    const value = bundles.find((b) => b.name.startsWith("Value with Windows") && b.name.includes("(WSP)"))!;
    const policy = await getPolicySettings(prisma());
    const employee = policy.catalog.byPersona.EMPLOYEE ?? { directoryIds: [], bundleIds: [] };
    const catalog = {
      ...policy.catalog,
      byPersona: {
        ...policy.catalog.byPersona,
        EMPLOYEE: {
          ...employee,
          directoryIds: [...employee.directoryIds, branchDirectoryId],
          bundleIds: [...employee.bundleIds, value.bundleId],
        },
      },
    };
    await prisma().setting.update({ where: { key: POLICY_SETTING_KEY }, data: { value: toJson({ ...policy, catalog }) } });

    const offered = await newWorkspaceOptions({ ...world.people.erin, email: "erin@example.com" });
    expect(offered.directories.find((d) => d.id === branchDirectoryId)).toMatchObject({ region: "us-east-1", accountId });
    expect(offered.directoryStatus[branchDirectoryId]).toMatchObject({ hasWorkspace: false, blocker: null });
    expect(offered.bundles.filter((b) => b.id === value.bundleId)).toHaveLength(1);
  });

  it("is made in that account after approval, and the portal knows it is there", async () => {
    const branch = (await gatewayForAccount(prisma(), () => world.gateway, accountId)).region("us-east-1");
    const value = (await branch.bundles.describeBundles({ owner: "AMAZON" })).find(
      (b) => b.name.startsWith("Value with Windows") && b.name.includes("(WSP)"),
    )!;
    const submitted = await submitRequest(world.people.erin, {
      change: {
        type: "create",
        ownerUserName: "ignored",
        directoryId: branchDirectoryId,
        bundleId: value.bundleId,
        runningMode: "AUTO_STOP",
        autoStopTimeoutMinutes: 60,
        rootVolumeEncrypted: false,
        userVolumeEncrypted: false,
        tags: [{ key: "CostCenter", value: "CC-4001" }],
        // Not trusted: the account is the directory's.
        accountId: "default",
      },
      justification: "Joined the branch office",
    });
    expect(submitted).toMatchObject({ ok: true });
    if (!submitted.ok) return;
    const row = await prisma().request.findUniqueOrThrow({ where: { id: submitted.requestId } });
    expect(parseStoredChange(row.change)).toMatchObject({ type: "create", accountId, ownerUserName: "br00002" });

    for (const approver of [world.people.frank, world.people.carol]) {
      const r = await prisma().request.findUniqueOrThrow({ where: { id: submitted.requestId } });
      if (r.status !== "PENDING_APPROVAL") break;
      await decideRequest(approver, { requestId: submitted.requestId, decision: "APPROVED", channel: "WEB" });
    }
    world.executor().start();
    const done = await eventually(
      async () => {
        world.sandbox.advance(10);
        const r = await prisma().request.findUniqueOrThrow({ where: { id: submitted.requestId } });
        return r.status === "SUCCEEDED" || r.status === "FAILED" ? r : null;
      },
      60_000,
      "the new WorkSpace",
    );
    expect(done.failureReason ?? null).toBeNull();
    expect(done.status).toBe("SUCCEEDED");
    const created = seats(SECOND_ACCOUNT_ID).find((w) => w.UserName === "br00002" && w.State !== "TERMINATED")!;
    expect(created).toMatchObject({ WorkspaceId: done.resultWorkspaceId, DirectoryId: branchDirectoryId });
    expect(seats().some((w) => w.WorkspaceId === done.resultWorkspaceId)).toBe(false);
    const calls = world.calls.filter((c) => c.operation === "CreateWorkspaces");
    expect(calls.filter((c) => !c.error)).toHaveLength(1);
    const cached = await prisma().workspace.findUniqueOrThrow({ where: { id: done.resultWorkspaceId! } });
    expect(cached).toMatchObject({ accountId, ownerId: world.people.erin.id, directoryId: branchDirectoryId });

    // The account's next sync finds it where the portal put it; the first account's sync leaves it alone.
    await syncOtherAccounts(prisma(), () => world.gateway);
    await world.sync();
    expect(await prisma().workspace.findUniqueOrThrow({ where: { id: done.resultWorkspaceId! } })).toMatchObject({
      accountId,
      goneAt: null,
    });
  });
});
