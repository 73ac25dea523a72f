import "server-only";
import type { z } from "zod";
import { getAwsGateway, type AccountConnection } from "../../aws";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { ServiceError } from "../../core/errors";
import { INVENTORY_SYNC_KEY, pokeJob } from "../../core/outbox";
import { kickExecutor } from "../../core/signal";
import { markGone } from "../../core/workspace-cache";
import { refreshCatalog } from "../../core/catalog";
import { accountIdOfRoleArn } from "../../domain/accounts";
import { accountInput, accountPolicyInput, accountRef, updateAccountInput } from "../../schemas/accounts";
import type { AccountPolicyOverride } from "../../domain";
import { Prisma } from "../../generated/prisma/client";
import { callAws, parseInput as parse, requireAdmin, type AdminActor, type AdminCaller } from "./guard";

// Other AWS accounts: an admin names one, gives the role the portal assumes in it (and the external id its
// trust policy asks for) and its Regions. Before it is saved the portal assumes the role and lists the
// directories in each Region, so a role AWS refuses is reported beside the form, not at the next sync.

const TRUST_HINT =
  " Check that the role's trust policy lets the portal's own account assume it and, " +
  "if it asks for an external id, that the one here matches.";

/** Proves the role works in each Region; the number of registered directories found is returned for the audit log. */
async function verify(actor: AdminActor, audit: { action: string; targetId: string }, connection: AccountConnection) {
  const gateway = getAwsGateway(connection);
  const found: Record<string, number> = {};
  for (const region of connection.regions) {
    try {
      const directories = await callAws(
        actor,
        { ...audit, targetType: "awsAccount", detail: { region, roleArn: connection.roleArn } },
        () => gateway.region(region).directories.describeDirectories(),
      );
      found[region] = directories.length;
    } catch (error) {
      if (error instanceof ServiceError && error.code === "refused") {
        throw new ServiceError("refused", `In ${region}: ${error.message}${/not allow/i.test(error.message) ? TRUST_HINT : ""}`);
      }
      throw error;
    }
  }
  return found;
}

async function refuseDuplicates(input: { name: string; roleArn: string }, exceptId?: string) {
  const same = await db().awsAccount.findFirst({
    where: { OR: [{ name: input.name }, { roleArn: input.roleArn }], ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  if (!same) return;
  if (same.name === input.name) throw new ServiceError("conflict", "Another account already has this name.");
  throw new ServiceError("conflict", `The account ${same.name} already uses this role.`);
}

function syncSoon() {
  refreshCatalog();
  kickExecutor();
}

export async function addAccount(caller: AdminCaller, raw: z.input<typeof accountInput>): Promise<{ accountId: string }> {
  const actor = await requireAdmin(caller);
  const input = parse(accountInput, raw);
  await refuseDuplicates(input);
  const externalId = input.externalId || null;
  const found = await verify(
    actor,
    { action: "account.add", targetId: input.name },
    { id: `unsaved:${input.roleArn}`, ...input, externalId },
  );
  const account = await db().$transaction(async (tx) => {
    const row = await tx.awsAccount.create({
      data: {
        name: input.name,
        awsAccountId: accountIdOfRoleArn(input.roleArn)!,
        roleArn: input.roleArn,
        externalId,
        regions: input.regions,
        createdById: actor.id,
      },
    });
    await recordAudit(tx, {
      actor,
      action: "account.added",
      targetType: "awsAccount",
      targetId: row.id,
      after: { name: row.name, roleArn: row.roleArn, regions: row.regions, externalId: Boolean(externalId) },
      detail: { name: row.name, awsAccountId: row.awsAccountId, directoriesFound: found },
    });
    // Its WorkSpaces appear with the next inventory sync, which starts now.
    await pokeJob(tx, INVENTORY_SYNC_KEY);
    return row;
  });
  syncSoon();
  return { accountId: account.id };
}

export async function updateAccount(caller: AdminCaller, raw: z.input<typeof updateAccountInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parse(updateAccountInput, raw);
  const before = await db().awsAccount.findUnique({ where: { id: input.accountId } });
  if (!before) throw new ServiceError("not_found", "That account is not configured in the portal.");
  await refuseDuplicates(input, before.id);
  const externalId = input.externalId || null;
  const found = await verify(actor, { action: "account.update", targetId: before.id }, { id: before.id, ...input, externalId });
  await db().$transaction(async (tx) => {
    await tx.awsAccount.update({
      where: { id: before.id },
      data: {
        name: input.name,
        roleArn: input.roleArn,
        awsAccountId: accountIdOfRoleArn(input.roleArn)!,
        externalId,
        regions: input.regions,
      },
    });
    // WorkSpaces in a Region the account no longer covers are no longer the portal's to show.
    const dropped = before.regions.filter((r) => !input.regions.includes(r));
    if (dropped.length) {
      const rows = await tx.workspace.findMany({
        where: { accountId: before.id, region: { in: dropped }, goneAt: null },
        select: { id: true },
      });
      await markGone(
        tx,
        rows.map((r) => r.id),
        new Date(),
      );
    }
    await recordAudit(tx, {
      actor,
      action: "account.updated",
      targetType: "awsAccount",
      targetId: before.id,
      before: { name: before.name, roleArn: before.roleArn, regions: before.regions, externalId: Boolean(before.externalId) },
      after: { name: input.name, roleArn: input.roleArn, regions: input.regions, externalId: Boolean(externalId) },
      detail: { name: input.name, directoriesFound: found },
    });
    await pokeJob(tx, INVENTORY_SYNC_KEY);
  });
  syncSoon();
}

/** Stops managing an account: refused while a request or fleet operation is being carried out on one of its WorkSpaces. */
export async function removeAccount(caller: AdminCaller, raw: z.input<typeof accountRef>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { accountId } = parse(accountRef, raw);
  const account = await db().awsAccount.findUnique({ where: { id: accountId } });
  if (!account) throw new ServiceError("not_found", "That account is not configured in the portal.");
  const workspaces = await db().workspace.findMany({ where: { accountId, goneAt: null }, select: { id: true } });
  const ids = workspaces.map((w) => w.id);
  const busy = ids.length
    ? await db().request.count({ where: { workspaceId: { in: ids }, status: { in: ["APPROVED", "EXECUTING"] } } })
    : 0;
  if (busy)
    throw new ServiceError(
      "refused",
      `${busy === 1 ? "A request is" : `${busy} requests are`} being carried out on WorkSpaces in ${account.name}. ` +
        "Remove the account once they have finished.",
    );
  await db().$transaction(async (tx) => {
    await markGone(tx, ids, new Date());
    await tx.awsAccount.delete({ where: { id: accountId } });
    await tx.setting.deleteMany({ where: { key: `accounts.sync:${accountId}` } });
    await recordAudit(tx, {
      actor,
      action: "account.removed",
      targetType: "awsAccount",
      targetId: accountId,
      before: { name: account.name, roleArn: account.roleArn, regions: account.regions },
      detail: { name: account.name, workspaces: ids.length },
    });
  });
  refreshCatalog();
}

/**
 * Sets the approval thresholds that differ for WorkSpaces in this account (null: as the policy says). Requests
 * already waiting keep the approvers they were given; new ones follow the new thresholds.
 */
export async function setAccountPolicy(caller: AdminCaller, raw: z.input<typeof accountPolicyInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parse(accountPolicyInput, raw);
  const account = await db().awsAccount.findUnique({ where: { id: input.accountId } });
  if (!account) throw new ServiceError("not_found", "That account is not configured in the portal.");
  const override: AccountPolicyOverride = {
    ...(input.managerThresholdCents !== null ? { managerThresholdCents: input.managerThresholdCents } : {}),
    ...(input.adminThresholdCents !== null ? { adminThresholdCents: input.adminThresholdCents } : {}),
  };
  const policy = Object.keys(override).length ? override : null;
  await db().$transaction(async (tx) => {
    await tx.awsAccount.update({ where: { id: account.id }, data: { policy: policy ?? Prisma.DbNull } });
    await recordAudit(tx, {
      actor,
      action: "account.policy_updated",
      targetType: "awsAccount",
      targetId: account.id,
      before: account.policy ?? null,
      after: policy,
      detail: { name: account.name },
    });
  });
}
