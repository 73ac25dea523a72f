import "server-only";
import type { TagPair, WorkspaceSummary } from "../aws";
import { COST_CENTRE_TAG_KEY, operatingSystemFamily } from "../domain";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import type { Tx } from "./tx";
import { emitWorkspaceStateChanged, webhookSubscribers } from "./webhooks";

/** Who owns a WorkSpace, from its directory and user name. */
export interface OwnerIndex {
  ownerOf(directoryId: string, userName: string): string | null;
}

/**
 * A WorkSpace belongs to the person whose directory identity is (its directory, its user name): the
 * same name in two directories can be two people. People who never signed in through an identity
 * provider (the demo people, people an admin entered) have only a directory user name, and keep
 * matching on it in any directory, as before single sign-on.
 */
export async function ownerIndex(db: Tx): Promise<OwnerIndex> {
  const [identities, nameOnly] = await Promise.all([
    db.directoryIdentity.findMany({ select: { directoryId: true, userName: true, userId: true } }),
    db.user.findMany({
      where: { directoryUserName: { not: null }, externalAccounts: { none: {} } },
      select: { id: true, directoryUserName: true },
    }),
  ]);
  const byDirectory = new Map(identities.map((i) => [`${i.directoryId}\u0000${i.userName}`, i.userId]));
  const byName = new Map(nameOnly.map((u) => [u.directoryUserName!.toLowerCase(), u.id]));
  return {
    ownerOf(directoryId, userName) {
      const name = userName.toLowerCase();
      return byDirectory.get(`${directoryId}\u0000${name}`) ?? byName.get(name) ?? null;
    },
  };
}

function costCentreOf(tags: readonly TagPair[] | undefined): string | null | undefined {
  if (!tags) return undefined;
  return tags.find((t) => t.key.toLowerCase() === COST_CENTRE_TAG_KEY.toLowerCase())?.value ?? null;
}

/**
 * The OS to cache for a WorkSpace: the OperatingSystemName DescribeWorkspaces gave ("AMAZON_LINUX_2"), else
 * (older responses, "UNKNOWN") the OS family of its bundle in the catalog ("LINUX"), else nothing known.
 */
export function cachedOperatingSystem(ws: WorkspaceSummary, bundleOs?: string | null): string | null {
  if (operatingSystemFamily(ws.operatingSystemName)) return ws.operatingSystemName!;
  return operatingSystemFamily(bundleOs) ? bundleOs! : null;
}

/**
 * The cache columns for what DescribeWorkspaces said; tags only when they were read too. `bundleOs`: the
 * OS of the WorkSpace's bundle, for a response without OperatingSystemName. An OS known from neither
 * leaves the cached one as it is.
 */
export function cacheFields(
  region: string,
  ws: WorkspaceSummary,
  owners: OwnerIndex,
  now: Date,
  tags?: readonly TagPair[],
  bundleOs?: string | null,
) {
  const operatingSystem = cachedOperatingSystem(ws, bundleOs);
  const fields = {
    region,
    directoryId: ws.directoryId,
    userName: ws.userName,
    ownerId: owners.ownerOf(ws.directoryId, ws.userName),
    state: ws.state,
    bundleId: ws.bundleId,
    computeType: ws.computeType ?? null,
    rootVolumeGb: ws.rootVolumeGib ?? null,
    userVolumeGb: ws.userVolumeGib ?? null,
    runningMode: ws.runningMode ?? null,
    autoStopTimeoutMinutes: ws.autoStopTimeoutMinutes ?? null,
    protocols: ws.protocols,
    ...(operatingSystem ? { operatingSystem } : {}),
    ipAddress: ws.ipAddress ?? null,
    computerName: ws.computerName ?? null,
    subnetId: ws.subnetId ?? null,
    rootVolumeEncrypted: ws.rootVolumeEncrypted,
    userVolumeEncrypted: ws.userVolumeEncrypted,
    modificationStates: ws.modifications.map((m) => ({ Resource: m.resource, State: m.state })) as Prisma.InputJsonValue,
    raw: JSON.parse(JSON.stringify(ws)) as Prisma.InputJsonValue,
    lastSyncedAt: now,
    goneAt: ws.state === "TERMINATED" ? now : null,
  };
  const costCenter = costCentreOf(tags);
  return tags ? { ...fields, tags: tags.map((t) => ({ key: t.key, value: t.value })) as Prisma.InputJsonValue, costCenter } : fields;
}

/** Writes one WorkSpace as AWS describes it now, noting when its state changed. */
export async function upsertWorkspace(
  db: Tx,
  region: string,
  ws: WorkspaceSummary,
  owners: OwnerIndex,
  now: Date,
  tags?: readonly TagPair[],
  bundleOs?: string | null,
) {
  const fields = cacheFields(region, ws, owners, now, tags, bundleOs);
  const existing = await db.workspace.findUnique({ where: { id: ws.workspaceId }, select: { state: true } });
  if (existing) {
    const changed = existing.state !== ws.state;
    const write = async (tx: Tx) => {
      await tx.workspace.update({ where: { id: ws.workspaceId }, data: { ...fields, ...(changed ? { stateChangedAt: now } : {}) } });
      if (changed) await emitWorkspaceStateChanged(tx, ws.workspaceId, existing.state, now);
    };
    // A new state and its webhook event land together.
    if (changed && "$transaction" in db) await db.$transaction(write);
    else await write(db);
  } else {
    await db.workspace.create({ data: { id: ws.workspaceId, ...fields, firstSeenAt: now, stateChangedAt: now } });
  }
}

export async function markGone(db: PrismaClient | Tx, ids: string[], now: Date) {
  if (!ids.length) return;
  const subscribers = await webhookSubscribers(db, "workspace.state_changed");
  if (!subscribers.length) {
    await db.workspace.updateMany({
      where: { id: { in: ids }, goneAt: null },
      data: { goneAt: now, state: "TERMINATED", stateChangedAt: now },
    });
    return;
  }
  // Endpoints want to hear of it: the change and its events in one transaction.
  const write = async (tx: Tx) => {
    const before = await tx.workspace.findMany({ where: { id: { in: ids }, goneAt: null }, select: { id: true, state: true } });
    await tx.workspace.updateMany({
      where: { id: { in: before.map((b) => b.id) }, goneAt: null },
      data: { goneAt: now, state: "TERMINATED", stateChangedAt: now },
    });
    for (const b of before) if (b.state !== "TERMINATED") await emitWorkspaceStateChanged(tx, b.id, b.state, now, subscribers);
  };
  if ("$transaction" in db) await db.$transaction(write);
  else await write(db);
}
