// The people and objects the entry-point tests act on, and a valid input for every server action and
// route handler as each persona would send it. The authorisation matrix calls each action with these;
// the fuzz test starts its schema-shaped inputs from them.
import { getPolicySettings, getPriceTable } from "@/lib/core/settings";
import { DEFAULT_OPTIMIZER_SETTINGS } from "@/lib/domain";
import { createCustomBundle } from "@/lib/services/admin/bundles";
import { createApiToken } from "@/lib/services/admin/api-tokens";
import { associateConnectionAlias, createConnectionAlias } from "@/lib/services/admin/aliases";
import { associateIpGroup, createIpGroup } from "@/lib/services/admin/ip-groups";
import { createWebhook } from "@/lib/services/admin/webhooks";
import { addAccount } from "@/lib/services/admin/accounts";
import { SANDBOX_ROLES, SECOND_ACCOUNT_ID } from "@/lib/sandbox";
import { emitWebhookEvent } from "@/lib/core/webhooks";
import { changeUserRole } from "@/lib/services/admin/users";
import { createDelegation } from "@/lib/services/delegations";
import { issueEmailActionLinks } from "@/lib/core/email-links";
import { submitRequest } from "@/lib/services/requests/submit";
import { updateTagPolicy } from "@/lib/services/tags";
import { createTestWorld, type TestWorld } from "../world";

export const PERSONAS = ["anonymous", "owner", "otherEmployee", "requesterManager", "otherManager", "admin", "demotedManager"] as const;
export type Persona = (typeof PERSONAS)[number];

export const REGION = "us-east-1";
const EU = "eu-west-1";
const SUBNETS: [string, string] = ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"];

type Person = { id: string; name: string; role: "EMPLOYEE" | "MANAGER" | "ADMIN" };

export interface Fixtures {
  world: TestWorld;
  /** The signed-in user id of each persona (null: nobody is signed in). */
  ids: Record<Persona, string | null>;
  people: Record<Exclude<Persona, "anonymous">, Person>;
  ownerWorkspaceId: string;
  /** A WorkSpace of the owner's in a Simple AD directory, where the portal can reset the password. */
  ownerLabsWorkspaceId: string;
  employeesDir: string;
  labsDir: string;
  /** A directory in the second Region without WorkSpaces, so it can be deregistered and registered again. */
  spareDir: string;
  imageId: string;
  /** An AVAILABLE, unencrypted AlwaysOn WorkSpace (dave's) that AWS will image. */
  imagingWorkspaceId: string;
  /** An owned image no bundle uses, so it can be deleted. */
  spareImageId: string;
  offeredBundleId: string;
  partnerGroupId: string;
  /** Ids of objects that do not exist, in each id format. */
  unknown: {
    workspaceId: string;
    requestId: string;
    userId: string;
    directoryId: string;
    groupId: string;
    bundleId: string;
    imageId: string;
    operationId: string;
  };
}

let serial = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++serial}`;

export async function createFixtures(): Promise<Fixtures> {
  const world = await createTestWorld({ fleetSize: 4 });
  const prisma = world.database.prisma;
  const { alice, bob, carol, erin, frank } = world.people;

  // A manager who was demoted after bob had delegated his approvals to them.
  const mona = await prisma.user.create({
    data: { email: "mona@example.com", name: "Mona Reyes", role: "MANAGER", department: "Engineering", costCenter: "CC-1001" },
  });
  await createDelegation(
    { id: bob.id, name: bob.name, role: "MANAGER" },
    { delegateId: mona.id, startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() + 30 * 86_400_000) },
  );
  await changeUserRole({ id: carol.id }, { userId: mona.id, role: "EMPLOYEE" });

  const gw = world.gateway.region(REGION);
  const dirs = await gw.directories.describeDirectories();
  const employeesDir = dirs.find((d) => d.name === "corp.example.com")!.directoryId;
  const labsDir = dirs.find((d) => d.name === "labs.example.com")!.directoryId;
  const ownerWorkspace = await prisma.workspace.findFirstOrThrow({
    where: { ownerId: alice.id, region: REGION, directoryId: employeesDir, goneAt: null },
  });

  // Alice also has a WorkSpace in the labs directory (Simple AD), made in AWS and synced like any other.
  const labsBundle = (await gw.bundles.describeBundles({ owner: "AMAZON" })).find((b) => /Standard/.test(b.name))!;
  await gw.workspaces.createWorkspaces([
    {
      portalRequestId: "fixture-labs-alice",
      directoryId: labsDir,
      userName: "alice",
      bundleId: labsBundle.bundleId,
      runningMode: "AUTO_STOP",
    },
    {
      portalRequestId: "fixture-imaging-dave",
      directoryId: employeesDir,
      userName: "dave",
      bundleId: labsBundle.bundleId,
      runningMode: "ALWAYS_ON",
    },
  ]);
  world.sandbox.advance(60);
  await world.sync();
  const labsWorkspace = await prisma.workspace.findFirstOrThrow({ where: { ownerId: alice.id, directoryId: labsDir, goneAt: null } });
  const imagingWorkspace = await prisma.workspace.findFirstOrThrow({
    where: { userName: "dave", directoryId: employeesDir, region: REGION, goneAt: null },
  });

  // The second Region's labs directory, emptied of WorkSpaces, is the one registered and deregistered.
  const euGw = world.gateway.region(EU);
  const spare = (await euGw.directories.describeDirectories()).find((d) => d.name === "eu-labs.example.com")!;
  const inSpare = await prisma.workspace.findMany({ where: { directoryId: spare.directoryId, goneAt: null } });
  if (inSpare.length) await euGw.workspaces.terminate(inSpare.map((w) => w.id));
  world.sandbox.advance(120);
  await world.sync();

  const images = (await gw.bundles.describeImages()).filter((i) => i.state === "AVAILABLE");
  const policy = await getPolicySettings(prisma);
  const offeredBundleId = [...Object.values(policy.catalog.byPersona), ...Object.values(policy.catalog.byGroup)].flatMap(
    (e) => e.bundleIds,
  )[0]!;
  const groups = await gw.ipGroups.describeIpGroups();
  const partnerGroupId = groups.find((g) => g.name === "partner-extranet")!.groupId;

  const people = {
    owner: alice,
    otherEmployee: erin,
    requesterManager: bob,
    otherManager: frank,
    admin: carol,
    demotedManager: { id: mona.id, name: mona.name, role: "EMPLOYEE" as const },
  };
  return {
    world,
    people,
    ids: { anonymous: null, ...Object.fromEntries(Object.entries(people).map(([k, p]) => [k, p.id])) } as Record<Persona, string | null>,
    ownerWorkspaceId: ownerWorkspace.id,
    ownerLabsWorkspaceId: labsWorkspace.id,
    employeesDir,
    labsDir,
    spareDir: spare.directoryId,
    imageId: images[0]!.imageId,
    imagingWorkspaceId: imagingWorkspace.id,
    spareImageId: images.find((i) => i.name === "corp-win10-2026")!.imageId,
    offeredBundleId,
    partnerGroupId,
    unknown: {
      workspaceId: "ws-zz0000000",
      requestId: "req_unknown_0000",
      userId: "user_unknown_0000",
      directoryId: "d-0000000000",
      groupId: "wsipg-zz0000000",
      bundleId: "wsb-zz0000000",
      imageId: "wsi-zz0000000",
      operationId: "op_unknown_0000",
    },
  };
}

/** Withdraws the owner's open requests, so the next one can be submitted (one open request per WorkSpace). */
export async function closeOpenRequests(fx: Fixtures): Promise<void> {
  await fx.world.database.prisma.request.updateMany({
    where: { status: { in: ["PENDING_APPROVAL", "APPROVED", "EXECUTING"] } },
    data: { status: "CANCELLED", completedAt: new Date() },
  });
}

/** A larger compute type for the owner's WorkSpace: it costs more, so it waits for the manager. */
export function ownerUpgrade(fx: Fixtures) {
  return { type: "computeType" as const, workspaceId: fx.ownerWorkspaceId, computeType: "PERFORMANCE" as const };
}

/** A request of the owner's waiting for the requester's manager. */
export async function pendingRequest(fx: Fixtures): Promise<string> {
  await closeOpenRequests(fx);
  const out = await submitRequest(fx.people.owner, { change: ownerUpgrade(fx), justification: "Builds are slow." });
  if (!out.ok || out.status !== "PENDING_APPROVAL") throw new Error(`Expected a pending request: ${JSON.stringify(out)}`);
  return out.requestId;
}

/** A mail-link token for the requester's manager to approve a fresh pending request. */
export async function managerEmailToken(fx: Fixtures): Promise<string> {
  const requestId = await pendingRequest(fx);
  const links = await issueEmailActionLinks(fx.world.database.prisma, { requestId, approverId: fx.people.requesterManager.id, step: 0 });
  return links.approveUrl.split("/").at(-1)!;
}

async function ipGroup(fx: Fixtures): Promise<string> {
  const { groupId } = await createIpGroup(
    { id: fx.people.admin.id },
    { region: REGION, name: unique("group"), rules: [{ cidr: "203.0.113.7/32", description: "Test office" }] },
  );
  return groupId;
}

/** Lets the directory take an alias again: whatever alias holds it is disassociated (the sandbox's clock moved on). */
async function freeDirectory(fx: Fixtures, directoryId: string): Promise<void> {
  const gw = fx.world.gateway.region(REGION);
  fx.world.sandbox.advance(2);
  for (const alias of await gw.aliases.aliasesOfDirectory(directoryId))
    if (alias.associations[0]?.status !== "PENDING_DISASSOCIATION") await gw.aliases.disassociateConnectionAlias(alias.aliasId);
  fx.world.sandbox.advance(2);
}

/** A ready connection alias in the first Region, associated with the directory when one is given. */
async function connectionAlias(fx: Fixtures, directoryId?: string): Promise<string> {
  const admin = { id: fx.people.admin.id };
  const { created } = await createConnectionAlias(admin, { connectionString: `${unique("desk")}.example.com`, regions: [REGION] });
  const aliasId = created[0]!.aliasId;
  fx.world.sandbox.advance(2);
  if (directoryId) {
    await freeDirectory(fx, directoryId);
    await associateConnectionAlias(admin, { region: REGION, aliasId, directoryId });
    fx.world.sandbox.advance(2);
  }
  return aliasId;
}

async function apiToken(fx: Fixtures): Promise<{ id: string }> {
  return createApiToken({ id: fx.people.admin.id }, { name: unique("Script"), scopes: ["workspaces:read"], expiresInDays: 7 });
}

// A public address given as an IP literal: valid without DNS, and never actually reached by these tests.
const PUBLIC_WEBHOOK_URL = "https://93.184.215.14/hooks/portal";

/** The sandbox's second account, through a role of its own (the sandbox accepts any WorkSpacesPortal… role there). */
function secondAccountInput() {
  const name = unique("Branch");
  return {
    name,
    roleArn: `arn:aws:iam::${SECOND_ACCOUNT_ID}:role/WorkSpacesPortal-${name}`,
    externalId: SANDBOX_ROLES.find((r) => r.accountId === SECOND_ACCOUNT_ID)!.externalId!,
    regions: [REGION],
  };
}

async function awsAccount(fx: Fixtures): Promise<string> {
  return (await addAccount({ id: fx.people.admin.id }, secondAccountInput())).accountId;
}

async function webhook(fx: Fixtures): Promise<string> {
  const { webhookId } = await createWebhook(
    { id: fx.people.admin.id },
    { name: unique("Hook"), url: PUBLIC_WEBHOOK_URL, events: ["request.submitted"] },
  );
  return webhookId;
}

/** A delivery of one event to a fresh endpoint. */
async function webhookDelivery(fx: Fixtures): Promise<string> {
  const webhookId = await webhook(fx);
  const prisma = fx.world.database.prisma;
  await prisma.$transaction((tx) => emitWebhookEvent(tx, "request.submitted", { id: "req-fixture" }));
  return (await prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId } })).id;
}

async function ensureSpareDir(fx: Fixtures, registered: boolean): Promise<void> {
  const gw = fx.world.gateway.region(EU);
  const [now] = await gw.directories.describeDirectories([fx.spareDir]).catch(() => []);
  if (registered && !now)
    await gw.directories.registerDirectory({ directoryId: fx.spareDir, subnetIds: [...SUBNETS], enableSelfService: false });
  if (!registered && now) await gw.directories.deregisterDirectory(fx.spareDir);
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

type InputFor = (fx: Fixtures, persona: Persona) => Promise<unknown>;
const same =
  (build: (fx: Fixtures) => unknown | Promise<unknown>): InputFor =>
  async (fx) =>
    build(fx);

/** A rollout of two waves in the given state, its canary holding the owner's WorkSpace in the given item state. */
async function rolloutIn(fx: Fixtures, status: string, itemStatus: string): Promise<string> {
  const prisma = fx.world.database.prisma;
  const rollout = await prisma.rollout.create({
    data: {
      region: REGION,
      bundleId: fx.offeredBundleId,
      imageId: fx.imageId,
      method: "rebuild",
      canarySize: 1,
      waveSize: 25,
      pauseMinutes: 0,
      failureThresholdPercent: 100,
      status,
      waveCount: 2,
      createdById: fx.people.admin.id,
      createdBy: fx.people.admin.name,
    },
  });
  await prisma.rolloutItem.create({
    data: {
      rolloutId: rollout.id,
      workspaceId: fx.ownerWorkspaceId,
      region: REGION,
      wave: 0,
      status: itemStatus,
      reason: itemStatus === "FAILED" ? "AWS was busy." : null,
    },
  });
  return rollout.id;
}

/** The owner's WorkSpace with a reclaim warning out, so "Keep it" has something to keep. */
async function warnedWorkspace(fx: Fixtures): Promise<string> {
  const prisma = fx.world.database.prisma;
  const workspaceId = fx.ownerWorkspaceId;
  const warned = await prisma.reclaimNotice.findFirst({ where: { workspaceId, status: "WARNED" } });
  if (!warned) {
    await prisma.reclaimNotice.create({
      data: {
        workspaceId,
        ownerId: fx.people.owner.id,
        idleSince: new Date(Date.now() - 70 * 86_400_000),
        reclaimOn: new Date(Date.now() + 86_400_000),
      },
    });
  }
  return workspaceId;
}

/** A valid input for each server action, as the persona would send it for the scenario. */
export const validInputs: Record<string, InputFor> = {
  // lib/actions/requests.ts
  previewChange: same((fx) => ({ change: ownerUpgrade(fx) })),
  submitChangeRequest: same(async (fx) => {
    await closeOpenRequests(fx);
    return { change: ownerUpgrade(fx), justification: "Builds are slow." };
  }),
  cancelMyRequest: same(async (fx) => ({ requestId: await pendingRequest(fx) })),
  // lib/actions/approvals.ts
  decide: same(async (fx) => ({ requestId: await pendingRequest(fx), decision: "APPROVED" })),
  approveMany: same(async (fx) => ({ requestIds: [await pendingRequest(fx)] })),
  decideFromEmail: same(async (fx) => ({ token: await managerEmailToken(fx) })),
  // lib/actions/delegations.ts
  delegateApprovals: async (fx, persona) => ({
    delegateId: persona === "otherManager" ? fx.people.requesterManager.id : fx.people.otherManager.id,
    startsAt: new Date().toISOString(),
    endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  }),
  endDelegation: same(async (fx) => {
    const d = await createDelegation(fx.people.requesterManager, {
      delegateId: fx.people.admin.id,
      startsAt: new Date(),
      endsAt: new Date(Date.now() + 86_400_000),
    });
    return { delegationId: d.id };
  }),
  // lib/actions/workspaces.ts
  resetMyPassword: same((fx) => ({
    workspaceId: fx.ownerLabsWorkspaceId,
    newPassword: "Winter-Garden-42",
    confirmPassword: "Winter-Garden-42",
  })),
  refreshMyWorkspace: same((fx) => ({ workspaceId: fx.ownerWorkspaceId })),
  syncInventoryNow: same(() => ({})),
  markRead: same(() => ({ ids: "all" })),
  // lib/actions/admin-bundles.ts
  createBundleAction: same((fx) => ({
    region: REGION,
    name: unique("Bundle").slice(0, 60),
    description: "For the test",
    imageId: fx.imageId,
    computeType: "STANDARD",
    rootVolumeGib: 80,
    userVolumeGib: 50,
  })),
  updateBundleImageAction: same(async (fx) => {
    const { bundleId } = await createCustomBundle(
      { id: fx.people.admin.id },
      {
        region: REGION,
        name: unique("Img").slice(0, 60),
        description: "x",
        imageId: fx.imageId,
        computeType: "STANDARD",
        rootVolumeGib: 80,
        userVolumeGib: 50,
      },
    );
    return { region: REGION, bundleId, imageId: fx.imageId };
  }),
  deleteBundleAction: same(async (fx) => {
    const { bundleId } = await createCustomBundle(
      { id: fx.people.admin.id },
      {
        region: REGION,
        name: unique("Del").slice(0, 60),
        description: "x",
        imageId: fx.imageId,
        computeType: "STANDARD",
        rootVolumeGib: 80,
        userVolumeGib: 50,
      },
    );
    return { region: REGION, bundleId };
  }),
  setBundleDisplayAction: same((fx) => ({ bundleId: fx.offeredBundleId, displayName: "Developer desktop", description: "For builds" })),
  clearBundleDisplayAction: same((fx) => ({ region: REGION, bundleId: fx.offeredBundleId })),
  // lib/actions/admin-images.ts
  createImageAction: same((fx) => ({
    workspaceId: fx.imagingWorkspaceId,
    name: unique("golden").slice(0, 60),
    description: "For the test",
  })),
  deleteImageAction: same((fx) => ({ region: REGION, imageId: fx.spareImageId })),
  copyImageAction: same((fx) => ({ region: REGION, imageId: fx.imageId, targetRegion: EU, name: unique("copy").slice(0, 60) })),
  setImagePermissionAction: same((fx) => ({ region: REGION, imageId: fx.imageId, accountId: "111122223333", allow: true })),
  // lib/actions/admin-directories.ts
  updateSelfServicePermissionsAction: same((fx) => ({
    region: REGION,
    directoryId: fx.employeesDir,
    permissions: { RestartWorkspace: "ENABLED" },
  })),
  updateCreationPropertiesAction: same((fx) => ({
    region: REGION,
    directoryId: fx.employeesDir,
    properties: { enableMaintenanceMode: true },
  })),
  updateAccessPropertiesAction: same((fx) => ({ region: REGION, directoryId: fx.employeesDir, properties: { DeviceTypeWeb: "ALLOW" } })),
  updateClientPropertiesAction: same((fx) => ({
    region: REGION,
    directoryId: fx.employeesDir,
    properties: { ReconnectEnabled: "ENABLED" },
  })),
  associateDirectoryIpGroupAction: same(async (fx) => ({ region: REGION, directoryId: fx.labsDir, groupId: await ipGroup(fx) })),
  disassociateDirectoryIpGroupAction: same(async (fx) => {
    const groupId = await ipGroup(fx);
    await associateIpGroup({ id: fx.people.admin.id }, { region: REGION, directoryId: fx.labsDir, groupId });
    return { region: REGION, directoryId: fx.labsDir, groupId };
  }),
  updateDirectoryRequestersAction: same((fx) => ({ directoryId: fx.labsDir, personas: ["EMPLOYEE"], groups: [] })),
  registerDirectoryAction: same(async (fx) => {
    await ensureSpareDir(fx, false);
    return { region: EU, directoryId: fx.spareDir, subnetIds: SUBNETS };
  }),
  deregisterDirectoryAction: same(async (fx) => {
    await ensureSpareDir(fx, true);
    return { region: EU, directoryId: fx.spareDir };
  }),
  // lib/actions/admin-radius.ts (with a secret, so it holds whether MFA is on or off when it runs)
  saveRadiusAction: same((fx) => ({
    region: REGION,
    directoryId: fx.employeesDir,
    settings: { servers: ["10.0.50.10"], port: 1812, timeoutSeconds: 5, retries: 3, protocol: "PAP", useSameUsername: true },
    sharedSecret: "fixture-radius-secret",
  })),
  disableRadiusAction: same(async (fx) => {
    const ds = fx.world.gateway.region(REGION).directoryService;
    const [dir] = await ds.describeDirectories([fx.employeesDir]);
    if (!dir?.radius.enabled)
      await ds.enableRadius(fx.employeesDir, {
        servers: ["10.0.50.10"],
        port: 1812,
        timeoutSeconds: 5,
        retries: 3,
        protocol: "PAP",
        sharedSecret: "fixture-radius-secret",
      });
    return { region: REGION, directoryId: fx.employeesDir };
  }),
  // lib/actions/admin-encryption-keys.ts
  updateEncryptionKeysAction: same(() => ({ byDirectory: {}, byPersona: { EMPLOYEE: "alias/aws/workspaces" } })),
  // lib/actions/admin-directory-password-help.ts
  readDirectoryPasswordHelpAction: same((fx) => ({ directoryId: fx.employeesDir })),
  updateDirectoryPasswordHelpAction: same((fx) => ({
    directoryId: fx.employeesDir,
    text: "Use the self-service page or call the service desk on 4357.",
    url: "https://password.example.com",
  })),
  // lib/actions/admin-fleet.ts
  startBulkAction: same((fx) => ({ workspaceIds: [fx.ownerWorkspaceId], params: { action: "reboot" } })),
  startBulkForFilterAction: same(() => ({ filter: { q: "alice" }, params: { action: "reboot" } })),
  retryBulkAction: same(async (fx) => {
    const prisma = fx.world.database.prisma;
    const op = await prisma.bulkOperation.create({
      data: { action: "reboot", params: { action: "reboot" }, createdById: fx.people.admin.id, createdBy: fx.people.admin.name },
    });
    await prisma.bulkItem.create({
      data: {
        operationId: op.id,
        workspaceId: fx.ownerWorkspaceId,
        region: REGION,
        status: "FAILED",
        code: "throttled",
        reason: "AWS was busy.",
      },
    });
    return { operationId: op.id };
  }),
  // lib/actions/admin-rollouts.ts
  startRolloutAction: same(async (fx) => {
    const { bundleId } = await createCustomBundle(
      { id: fx.people.admin.id },
      {
        region: REGION,
        name: unique("Roll").slice(0, 60),
        description: "x",
        imageId: fx.imageId,
        computeType: "STANDARD",
        rootVolumeGib: 80,
        userVolumeGib: 50,
      },
    );
    const source = await fx.world.database.prisma.workspace.findUniqueOrThrow({ where: { id: fx.ownerWorkspaceId } });
    return {
      region: REGION,
      bundleId,
      imageId: fx.imageId,
      method: "migrate",
      sourceBundleId: source.bundleId,
      canarySize: 1,
      pauseMinutes: 0,
      failureThresholdPercent: 20,
      confirmed: true,
    };
  }),
  continueRolloutAction: same(async (fx) => ({ rolloutId: await rolloutIn(fx, "WAITING_FOR_CONTINUE", "DONE") })),
  stopRolloutAction: same(async (fx) => ({ rolloutId: await rolloutIn(fx, "RUNNING", "PENDING") })),
  retryRolloutAction: same(async (fx) => ({ rolloutId: await rolloutIn(fx, "STOPPED", "FAILED") })),
  // lib/actions/admin-ip-groups.ts
  createIpGroupAction: same(() => ({
    region: REGION,
    name: unique("office"),
    rules: [{ cidr: "198.51.100.0/24", description: "Branch" }],
  })),
  deleteIpGroupAction: same(async (fx) => ({ region: REGION, groupId: await ipGroup(fx) })),
  replaceIpRulesAction: same(async (fx) => ({
    region: REGION,
    groupId: await ipGroup(fx),
    rules: [{ cidr: "192.0.2.0/24", description: "VPN" }],
  })),
  associateIpGroupAction: same(async (fx) => ({ region: REGION, directoryId: fx.labsDir, groupId: await ipGroup(fx) })),
  disassociateIpGroupAction: same(async (fx) => {
    const groupId = await ipGroup(fx);
    await associateIpGroup({ id: fx.people.admin.id }, { region: REGION, directoryId: fx.labsDir, groupId });
    return { region: REGION, directoryId: fx.labsDir, groupId };
  }),
  // lib/actions/admin-aliases.ts
  createConnectionAliasAction: same(() => ({ connectionString: `${unique("desk")}.example.com`, regions: [REGION, EU] })),
  associateConnectionAliasAction: same(async (fx) => {
    await freeDirectory(fx, fx.labsDir);
    return { region: REGION, aliasId: await connectionAlias(fx), directoryId: fx.labsDir };
  }),
  disassociateConnectionAliasAction: same(async (fx) => ({ region: REGION, aliasId: await connectionAlias(fx, fx.labsDir) })),
  deleteConnectionAliasAction: same(async (fx) => ({ region: REGION, aliasId: await connectionAlias(fx) })),
  setConnectionAliasPermissionAction: same(async (fx) => ({
    region: REGION,
    aliasId: await connectionAlias(fx),
    accountId: "210987654321",
    allow: true,
  })),
  setPrimaryRegionAction: same(async (fx) => {
    const aliasId = await connectionAlias(fx);
    const [alias] = await fx.world.gateway.region(REGION).aliases.describeConnectionAliases([aliasId]);
    return { connectionString: alias!.connectionString, region: REGION };
  }),
  // lib/actions/admin-api-tokens.ts
  createApiTokenAction: same(() => ({ name: unique("Ticketing"), scopes: ["requests:read"], expiresInDays: 30, mayActForPeople: false })),
  revokeApiTokenAction: same(async (fx) => ({ tokenId: (await apiToken(fx)).id })),
  // lib/actions/admin-accounts.ts
  addAccountAction: same(() => secondAccountInput()),
  updateAccountAction: same(async (fx) => ({ accountId: await awsAccount(fx), ...secondAccountInput() })),
  removeAccountAction: same(async (fx) => ({ accountId: await awsAccount(fx) })),
  setAccountPolicyAction: same(async (fx) => ({
    accountId: await awsAccount(fx),
    managerThresholdCents: 2_500,
    adminThresholdCents: null,
  })),
  // lib/actions/admin-webhooks.ts
  createWebhookAction: same(() => ({ name: unique("ITSM"), url: PUBLIC_WEBHOOK_URL, events: ["request.submitted", "request.succeeded"] })),
  rotateWebhookSecretAction: same(async (fx) => ({ webhookId: await webhook(fx) })),
  setWebhookActiveAction: same(async (fx) => ({ webhookId: await webhook(fx), active: false })),
  deleteWebhookAction: same(async (fx) => ({ webhookId: await webhook(fx) })),
  setWebhookNetworkAction: same(() => ({ allowPrivate: false })),
  redeliverWebhookAction: same(async (fx) => ({ deliveryId: await webhookDelivery(fx) })),
  // lib/actions/admin-users.ts
  changeRoleAction: same(async (fx) => {
    const user = await fx.world.database.prisma.user.create({
      data: { email: `${unique("role")}@example.com`, name: "Role Target", role: "EMPLOYEE" },
    });
    return { userId: user.id, role: "MANAGER" };
  }),
  changeManagerAction: same(async (fx) => {
    const user = await fx.world.database.prisma.user.create({
      data: { email: `${unique("mgr")}@example.com`, name: "Manager Target", role: "EMPLOYEE" },
    });
    return { userId: user.id, managerId: fx.people.requesterManager.id };
  }),
  signOutEverywhereAction: same((fx) => ({ userId: fx.people.otherEmployee.id })),
  updatePolicyAction: same(async (fx) => ({ value: await getPolicySettings(fx.world.database.prisma) })),
  updatePricesAction: same(async (fx) => ({ value: await getPriceTable(fx.world.database.prisma) })),
  // lib/actions/tags.ts
  updateTagPolicyAction: same(() => ({ employeeEditableKeys: ["Project"], requiredKeys: [] })),
  requestWorkspaceTagsAction: same(async (fx) => {
    // The policy opens "Project" to employees, so the owner's edit is theirs to ask for.
    await updateTagPolicy({ id: fx.people.admin.id }, { employeeEditableKeys: ["Project"], requiredKeys: [] });
    await closeOpenRequests(fx);
    return { workspaceId: fx.ownerWorkspaceId, set: [{ key: "Project", value: "Apollo" }], remove: [] };
  }),
  editResourceTagsAction: same(async (fx) => ({
    region: REGION,
    resourceId: await ipGroup(fx),
    set: [{ key: "Team", value: "IT" }],
    remove: [],
  })),
  // lib/actions/reclaim.ts
  keepWorkspaceAction: same(async (fx) => ({ workspaceId: await warnedWorkspace(fx), justification: "Quarter-end reporting needs it." })),
  updateReclaimSettingsAction: same(() => ({ idleDays: "60", graceDays: "14", exemptTagKey: "Skip_Reclaim" })),
  // lib/actions/optimizer.ts
  createOptimizerRequestsAction: same((fx) => ({ workspaceIds: [fx.ownerWorkspaceId] })),
  updateOptimizerSettingsAction: same(() => ({ value: DEFAULT_OPTIMIZER_SETTINGS })),
  refreshUsageAction: same(() => ({})),
  // lib/actions/auth.ts and sso.ts
  demoSignIn: same(() => form({ email: "alice@example.com", callbackUrl: "/requests" })),
  signOutAction: same(() => undefined),
  signInAgain: same(() => form({ callbackUrl: "/workspaces" })),
  oidcSignIn: same(() => form({ callbackUrl: "/requests" })),
  directorySignIn: same(() => form({ username: "alice", password: "correct horse", callbackUrl: "/" })),
};

/** A valid request for each route handler. */
export const validRequests: Record<string, (fx: Fixtures) => Request> = {
  "GET /api/admin/audit/export": () =>
    new Request("http://portal.test/api/admin/audit/export?action=request.&from=2020-01-01&to=2099-12-31"),
  "GET /api/admin/fleet/export": () => new Request("http://portal.test/api/admin/fleet/export?region=us-east-1&sort=userName"),
  "GET /api/admin/optimizer/export": () => new Request("http://portal.test/api/admin/optimizer/export?rec=switch&compute=STANDARD"),
  "GET /api/health": () => new Request("http://portal.test/api/health"),
  "GET /api/ready": () => new Request("http://portal.test/api/ready"),
  "GET /api/metrics": () => new Request("http://portal.test/api/metrics"),
  "GET /api/reports/[table]": () => new Request("http://portal.test/api/reports/cost-by-region?period=6m&region=us-east-1"),
  "GET /api/auth/[...nextauth]": () => new Request("http://portal.test/api/auth/providers"),
  "POST /api/auth/[...nextauth]": () =>
    new Request("http://portal.test/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "",
    }),
  // The REST API: valid calls except for the token, which only an API client has (the session cookie is not one).
  "GET /api/v1/workspaces": () => new Request("http://portal.test/api/v1/workspaces?region=us-east-1&limit=10"),
  "GET /api/v1/workspaces/[id]": (fx) => new Request(`http://portal.test/api/v1/workspaces/${fx.ownerWorkspaceId}`),
  "GET /api/v1/catalog": () => new Request("http://portal.test/api/v1/catalog?person=alice@example.com"),
  "GET /api/v1/requests": () => new Request("http://portal.test/api/v1/requests?status=PENDING_APPROVAL"),
  "POST /api/v1/requests": (fx) =>
    apiPost("/api/v1/requests", { change: { type: "reboot", workspaceId: fx.ownerWorkspaceId }, justification: "It hangs." }),
  "GET /api/v1/requests/[id]": (fx) => new Request(`http://portal.test/api/v1/requests/${fx.unknown.requestId}`),
  "POST /api/v1/requests/[id]/cancel": (fx) => apiPost(`/api/v1/requests/${fx.unknown.requestId}/cancel`, undefined),
  "POST /api/v1/requests/[id]/decisions": (fx) => apiPost(`/api/v1/requests/${fx.unknown.requestId}/decisions`, { decision: "APPROVED" }),
  "GET /api/v1/audit-events": () => new Request("http://portal.test/api/v1/audit-events?action=request.&limit=5"),
  "GET /api/v1/openapi.json": () => new Request("http://portal.test/api/v1/openapi.json"),
  "GET /api/docs": () => new Request("http://portal.test/api/docs"),
  "GET /api/docs/assets/[file]": () => new Request("http://portal.test/api/docs/assets/swagger-ui.css"),
};

function apiPost(path: string, body: unknown): Request {
  return new Request(`http://portal.test${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `fixture-${Date.now()}-${Math.random()}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The params Next.js passes a route handler for the request's path. */
export function routeContext(routePath: string, url: string): { params: Promise<Record<string, string | string[]>> } {
  const params: Record<string, string | string[]> = {};
  const pattern = routePath.split("/");
  const actual = new URL(url).pathname.split("/");
  pattern.forEach((segment, i) => {
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
    const one = /^\[(\w+)\]$/.exec(segment);
    if (catchAll) params[catchAll[1]!] = actual.slice(i);
    else if (one) params[one[1]!] = actual[i] ?? "";
  });
  return { params: Promise.resolve(params) };
}
