import "server-only";
import { recordAudit } from "../core/audit";
import { catalogSource } from "../core/catalog";
// Pending approval steps follow a role or manager that a sign-in changed, by the same re-routing admin
// edits use.
import { rerouteOpenApprovals } from "../core/reroute";
import type { Actor, Tx } from "../core/tx";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { logger } from "../logger";
import { roleFromGroups, type PortalGroups } from "./group-roles";
import type { PortalIdentity } from "./identity";
import { endSessions } from "./session-version";

export type SignInMethod = "oidc" | "ldap";

/** What an identity provider proved about a person at sign-in. */
export interface ProvenIdentity {
  method: SignInMethod;
  /** The OIDC subject or the Active Directory objectGUID: stable across renames. */
  subject: string;
  email: string;
  name: string;
  /** The directory user name (sAMAccountName), or null when the provider gives none. */
  userName: string | null;
  /** The WorkSpaces directories in which that user name owns WorkSpaces; undefined when they could not be read now. */
  directoryIds: readonly string[] | undefined;
  groups: readonly string[];
  department?: string | null;
  costCenter?: string | null;
  /** undefined: the provider does not say (left as it is); null: the person has no manager. */
  manager?: { email: string; name?: string | null } | null;
}

export class ProvisioningRefused extends Error {}

const PLACEHOLDER_ACTOR = (method: SignInMethod): Actor => ({ kind: "system", name: `sign-in (${method})` });

/** A manager named by the provider who has never signed in: created so requests route to them at once. */
async function managerOf(tx: Tx, proven: ProvenIdentity, ownEmail: string, now: Date): Promise<string | null | undefined> {
  if (proven.manager === undefined) return undefined;
  if (proven.manager === null) return null;
  const email = proven.manager.email.trim().toLowerCase();
  if (!email || email === ownEmail) return null;
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true, role: true, serviceAccount: true } });
  // A service account manages nobody and approves nothing.
  if (existing?.serviceAccount) return null;
  if (existing) {
    // Managing someone makes a person a manager; an employee could not decide the requests routed to them.
    if (existing.role === "EMPLOYEE") await tx.user.update({ where: { id: existing.id }, data: { role: "MANAGER" } });
    return existing.id;
  }
  const created = await tx.user.create({
    data: { email, name: proven.manager.name?.trim() || email, role: "MANAGER", roleSource: proven.method, roleSourceGroup: null },
    select: { id: true },
  });
  await recordAudit(tx, {
    actor: PLACEHOLDER_ACTOR(proven.method),
    action: "user.provisioned",
    targetType: "user",
    targetId: created.id,
    after: { email, role: "MANAGER", placeholder: true },
    detail: { at: now.toISOString() },
  });
  return created.id;
}

/** Whether making `managerId` the person's manager would close a loop of approvals. */
async function wouldLoop(tx: Tx, userId: string, managerId: string): Promise<boolean> {
  let cursor: string | null = managerId;
  for (let depth = 0; cursor && depth < 100; depth++) {
    if (cursor === userId) return true;
    cursor = (await tx.user.findUnique({ where: { id: cursor }, select: { managerId: true } }))?.managerId ?? null;
  }
  return false;
}

/** An API token's service account is no person: no identity provider may ever sign in as one. */
function refuseServiceAccount<T extends { serviceAccount: boolean }>(user: T): T {
  if (user.serviceAccount) throw new ProvisioningRefused("This account belongs to an API integration; nobody can sign in as it.");
  return user;
}

async function findPerson(tx: Tx, proven: ProvenIdentity, email: string) {
  const select = { id: true, role: true, managerId: true, email: true, serviceAccount: true } as const;
  const linked = await tx.externalAccount.findUnique({
    where: { provider_subject: { provider: proven.method, subject: proven.subject } },
    select: { user: { select } },
  });
  if (linked) return { ...refuseServiceAccount(linked.user), created: false };
  // A person the portal already knows (a placeholder manager, or someone an admin added) by the same email,
  // unless another account of this provider already is that person: an email address is not an identity.
  const byEmail = await tx.user.findUnique({
    where: { email },
    select: { ...select, externalAccounts: { where: { provider: proven.method }, select: { subject: true } } },
  });
  if (byEmail) refuseServiceAccount(byEmail);
  if (byEmail && byEmail.externalAccounts.length > 0) {
    throw new ProvisioningRefused("Another account at the identity provider already signs in as this person.");
  }
  const person = byEmail ?? (await tx.user.create({ data: { email, name: proven.name || email }, select }));
  await tx.externalAccount.create({ data: { provider: proven.method, subject: proven.subject, userId: person.id } });
  return { id: person.id, role: person.role, managerId: person.managerId, email: person.email, created: !byEmail };
}

/** Keeps the person's user name per directory and gives them the cached WorkSpaces that match it now. */
async function syncDirectoryIdentities(tx: Tx, userId: string, proven: ProvenIdentity): Promise<void> {
  // Not knowing the directories right now is no reason to take anyone's WorkSpaces away.
  if (!proven.directoryIds) return;
  const userName = proven.userName?.toLowerCase() ?? null;
  const directoryIds = userName ? [...new Set(proven.directoryIds)] : [];
  await tx.directoryIdentity.deleteMany({
    where: { userId, source: proven.method, NOT: { OR: directoryIds.map((directoryId) => ({ directoryId, userName: userName! })) } },
  });
  for (const directoryId of directoryIds) {
    // The provider vouches for this name in this directory now, so it moves to this person if someone else held it.
    await tx.directoryIdentity.upsert({
      where: { directoryId_userName: { directoryId, userName: userName! } },
      create: { directoryId, userName: userName!, userId, source: proven.method },
      update: { userId, source: proven.method },
    });
  }
  const identities = await tx.directoryIdentity.findMany({ where: { userId }, select: { directoryId: true, userName: true } });
  if (identities.length === 0) return;
  const pairs = Prisma.join(identities.map((i) => Prisma.sql`(${i.directoryId}, ${i.userName})`));
  await tx.$executeRaw`
    UPDATE "Workspace" SET "ownerId" = ${userId}
    WHERE ("directoryId", lower("userName")) IN (${pairs}) AND "ownerId" IS DISTINCT FROM ${userId}`;
  await tx.$executeRaw`
    UPDATE "Workspace" SET "ownerId" = NULL
    WHERE "ownerId" = ${userId} AND ("directoryId", lower("userName")) NOT IN (${pairs})`;
}

/**
 * Creates the person on their first sign-in and refreshes them from the identity provider on every
 * one: name, email, directory user name, role, persona, department, cost centre and manager.
 */
export async function provisionPerson(proven: ProvenIdentity, groups: PortalGroups, now = new Date()): Promise<PortalIdentity> {
  const email = proven.email.trim().toLowerCase();
  if (!email.includes("@")) throw new ProvisioningRefused("The identity provider sent no email address for this person.");
  const actor = PLACEHOLDER_ACTOR(proven.method);
  try {
    return await db().$transaction(async (tx) => {
      const person = await findPerson(tx, proven, email);
      let managerId = await managerOf(tx, proven, email, now);
      if (managerId && (await wouldLoop(tx, person.id, managerId))) {
        logger().warn(
          { userId: person.id, managerId },
          "the identity provider's manager would make a loop of approvals; manager left as it was",
        );
        managerId = undefined;
      }
      const managesSomeone = (await tx.user.count({ where: { managerId: person.id } })) > 0;
      const decision = roleFromGroups(proven.groups, groups, managesSomeone);
      const updated = await tx.user.update({
        where: { id: person.id },
        data: {
          email,
          name: proven.name || email,
          directoryUserName: proven.userName,
          role: decision.role,
          persona: decision.persona,
          groups: [...proven.groups],
          roleSource: proven.method,
          roleSourceGroup: decision.group,
          lastSignInAt: now,
          lastSignInMethod: proven.method,
          ...(proven.department !== undefined ? { department: proven.department } : {}),
          ...(proven.costCenter !== undefined ? { costCenter: proven.costCenter } : {}),
          ...(managerId !== undefined ? { managerId } : {}),
        },
        select: { id: true, email: true, name: true, role: true, managerId: true },
      });
      await syncDirectoryIdentities(tx, person.id, proven);
      if (person.created) {
        await recordAudit(tx, {
          actor,
          action: "user.provisioned",
          targetType: "user",
          targetId: person.id,
          after: { email, role: updated.role, roleSourceGroup: decision.group },
        });
      } else {
        await afterChange(tx, actor, person, updated, now);
      }
      return { id: updated.id, email: updated.email, name: updated.name, role: updated.role };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ProvisioningRefused("Another person in the portal already has this email address. Ask an administrator to merge the two.");
    }
    throw error;
  }
}

async function afterChange(
  tx: Tx,
  actor: Actor,
  before: { id: string; role: Role; managerId: string | null },
  after: { role: Role; managerId: string | null },
  now: Date,
): Promise<void> {
  if (before.role !== after.role) {
    await recordAudit(tx, {
      actor,
      action: "user.role_changed",
      targetType: "user",
      targetId: before.id,
      before: { role: before.role },
      after: { role: after.role },
    });
    // The person's other browsers sign in again, under the new role.
    await endSessions(tx, before.id);
    await rerouteOpenApprovals(tx, actor, { kind: "approver_role_changed", approverId: before.id }, now);
  }
  if (before.managerId !== after.managerId) {
    await recordAudit(tx, {
      actor,
      action: "user.manager_changed",
      targetType: "user",
      targetId: before.id,
      before: { managerId: before.managerId },
      after: { managerId: after.managerId },
    });
    await rerouteOpenApprovals(tx, actor, { kind: "manager_changed", requesterId: before.id }, now);
  }
}

/** The WorkSpaces directories an Active Directory base DN stands for, when no ids are configured. */
export async function directoriesNamed(dnsName: string | null, regions: readonly string[]): Promise<string[]> {
  if (!dnsName) return [];
  const perRegion = await Promise.all(regions.map((region) => catalogSource().directories(region)));
  return perRegion
    .flat()
    .filter((d) => d.name.toLowerCase() === dnsName)
    .map((d) => d.id);
}
