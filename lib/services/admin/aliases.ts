import "server-only";
import type { z } from "zod";
import { getAwsGateway } from "../../aws";
import type { ConnectionAliasSummary } from "../../aws";
import { db } from "../../db";
import { ALIAS_PRIMARY_SETTING_KEY, readPrimaryRegions } from "../../core/alias-primary";
import { recordAudit } from "../../core/audit";
import { ServiceError } from "../../core/errors";
import { toJson } from "../../core/tx";
import { aliasMember, associateRefusal, deleteRefusal, sameConnectionString } from "../../domain/aliases";
import { aliasPermissionInput, aliasRef, associateAliasInput, createAliasInput, primaryRegionInput } from "../../schemas/aliases";
import { callAws, parseInput as parse, requireAdmin, type AdminCaller } from "./guard";

// Connection aliases for cross-Region redirection. Each change is checked against the domain's rules first
// (so the admin reads the rule in plain words), then made in AWS, then audited with AWS's request id. The
// portal keeps no copy of the aliases; it stores only which Region of a pair the admin calls primary.

async function requireAlias(region: string, aliasId: string): Promise<ConnectionAliasSummary> {
  const [alias] = await getAwsGateway().region(region).aliases.describeConnectionAliases([aliasId]);
  if (!alias) throw new ServiceError("not_found", `There is no connection alias ${aliasId} in ${region}.`);
  return alias;
}

const detailOf = (region: string, alias: Pick<ConnectionAliasSummary, "connectionString">) => ({
  region,
  connectionString: alias.connectionString,
});

/**
 * Creates the connection string as an alias in each chosen Region. Every Region is checked before the first is
 * created (managed by the portal, the name not used there yet), so the portal's own refusals change nothing in
 * AWS. A Region that AWS itself refuses afterwards does not undo the others: the answer names it.
 */
export async function createConnectionAlias(
  caller: AdminCaller,
  raw: z.input<typeof createAliasInput>,
): Promise<{ connectionString: string; created: { region: string; aliasId: string }[]; refused: string[] }> {
  const actor = await requireAdmin(caller);
  const { connectionString, regions } = parse(createAliasInput, raw);
  const gateway = getAwsGateway();
  const unmanaged = regions.filter((r) => !gateway.regions.includes(r));
  if (unmanaged.length) throw new ServiceError("refused", `The portal does not manage WorkSpaces in ${unmanaged.join(", ")}.`);
  for (const region of regions) {
    const existing = await gateway.region(region).aliases.describeConnectionAliases();
    if (existing.some((a) => sameConnectionString(a.connectionString, connectionString)))
      throw new ServiceError("refused", `${connectionString} already has a connection alias in ${region}; a Region takes each name once.`);
  }
  const created: { region: string; aliasId: string }[] = [];
  const refused: string[] = [];
  for (const region of regions) {
    const detail = { region, connectionString };
    try {
      const out = await callAws(actor, { action: "alias.create", targetType: "connectionAlias", targetId: connectionString, detail }, () =>
        gateway.region(region).aliases.createConnectionAlias(connectionString),
      );
      await recordAudit(db(), {
        actor,
        action: "alias.created",
        targetType: "connectionAlias",
        targetId: out.aliasId,
        after: { connectionString, region },
        awsRequestIds: [out.requestId],
        detail,
      });
      created.push({ region, aliasId: out.aliasId });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      refused.push(`${region}: ${error.message}`);
    }
  }
  // Nothing created: a plain refusal. Something created: the pair exists in part, and the answer says where not.
  if (created.length === 0) throw new ServiceError("refused", `Not created. ${refused.join(" ")}`);
  return { connectionString, created, refused };
}

export async function associateConnectionAlias(
  caller: AdminCaller,
  raw: z.input<typeof associateAliasInput>,
): Promise<{ connectionIdentifier?: string }> {
  const actor = await requireAdmin(caller);
  const { region, aliasId, directoryId } = parse(associateAliasInput, raw);
  const gw = getAwsGateway().region(region);
  const alias = await requireAlias(region, aliasId);
  const refusal = associateRefusal(aliasMember(region, alias));
  if (refusal) throw new ServiceError("refused", refusal);
  const [directory] = await gw.directories.describeDirectories([directoryId]).catch(() => []);
  if (!directory)
    throw new ServiceError(
      "refused",
      `There is no registered directory ${directoryId} in ${region}; an alias takes a directory of its own Region.`,
    );
  const taken = await gw.aliases.aliasesOfDirectory(directoryId);
  if (taken.length)
    throw new ServiceError(
      "refused",
      `${directory.name} already redirects through ${taken[0]!.connectionString}; a directory takes one alias.`,
    );
  const detail = { ...detailOf(region, alias), directoryId, directoryName: directory.name };
  const out = await callAws(actor, { action: "alias.associate", targetType: "connectionAlias", targetId: aliasId, detail }, () =>
    gw.aliases.associateConnectionAlias(aliasId, directoryId),
  );
  await recordAudit(db(), {
    actor,
    action: "alias.associated",
    targetType: "connectionAlias",
    targetId: aliasId,
    awsRequestIds: [out.requestId],
    detail: { ...detail, connectionIdentifier: out.connectionIdentifier },
  });
  return { connectionIdentifier: out.connectionIdentifier };
}

export async function disassociateConnectionAlias(caller: AdminCaller, raw: z.input<typeof aliasRef>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { region, aliasId } = parse(aliasRef, raw);
  const alias = await requireAlias(region, aliasId);
  const member = aliasMember(region, alias);
  if (!member.directoryId) throw new ServiceError("refused", "This alias is not associated with a directory.");
  const gw = getAwsGateway().region(region);
  const [directory] = await gw.directories.describeDirectories([member.directoryId]).catch(() => []);
  const detail = { ...detailOf(region, alias), directoryId: member.directoryId, ...(directory ? { directoryName: directory.name } : {}) };
  const out = await callAws(actor, { action: "alias.disassociate", targetType: "connectionAlias", targetId: aliasId, detail }, () =>
    gw.aliases.disassociateConnectionAlias(aliasId),
  );
  await recordAudit(db(), {
    actor,
    action: "alias.disassociated",
    targetType: "connectionAlias",
    targetId: aliasId,
    awsRequestIds: [out.requestId],
    detail,
  });
}

/** Refused while the alias is associated with a directory or shared with an account, as AWS refuses it. */
export async function deleteConnectionAlias(caller: AdminCaller, raw: z.input<typeof aliasRef>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { region, aliasId } = parse(aliasRef, raw);
  const gw = getAwsGateway().region(region);
  const alias = await requireAlias(region, aliasId);
  const shared = (await gw.aliases.describeConnectionAliasPermissions(aliasId)).filter((p) => p.allowAssociation).map((p) => p.accountId);
  const member = aliasMember(region, alias, shared);
  const directoryName = member.directoryId
    ? ((await gw.directories.describeDirectories([member.directoryId]).catch(() => []))[0]?.name ?? member.directoryId)
    : undefined;
  const refusal = deleteRefusal(member, directoryName);
  if (refusal) throw new ServiceError("refused", refusal);
  const detail = detailOf(region, alias);
  const out = await callAws(actor, { action: "alias.delete", targetType: "connectionAlias", targetId: aliasId, detail }, () =>
    gw.aliases.deleteConnectionAlias(aliasId),
  );
  await recordAudit(db(), {
    actor,
    action: "alias.deleted",
    targetType: "connectionAlias",
    targetId: aliasId,
    before: { connectionString: alias.connectionString, region },
    awsRequestIds: [out.requestId],
    detail,
  });
}

/** Lets another AWS account associate the alias with its own directories (allow), or stops sharing it. */
export async function setConnectionAliasPermission(caller: AdminCaller, raw: z.input<typeof aliasPermissionInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { region, aliasId, accountId, allow } = parse(aliasPermissionInput, raw);
  const alias = await requireAlias(region, aliasId);
  if (alias.ownerAccountId === accountId) throw new ServiceError("refused", "This account owns the alias; share it with another account.");
  const base = allow ? "alias.share" : "alias.unshare";
  const detail = { ...detailOf(region, alias), accountId };
  const out = await callAws(actor, { action: base, targetType: "connectionAlias", targetId: aliasId, detail }, () =>
    getAwsGateway().region(region).aliases.updateConnectionAliasPermission(aliasId, accountId, allow),
  );
  await recordAudit(db(), {
    actor,
    action: allow ? "alias.shared" : "alias.unshared",
    targetType: "connectionAlias",
    targetId: aliasId,
    awsRequestIds: [out.requestId],
    detail,
  });
}

/** Which Region the DNS failover record should send people to while it is healthy: the portal only records it. */
export async function setPrimaryRegion(caller: AdminCaller, raw: z.input<typeof primaryRegionInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { connectionString, region } = parse(primaryRegionInput, raw);
  const aliases = await getAwsGateway().region(region).aliases.describeConnectionAliases();
  if (!aliases.some((a) => sameConnectionString(a.connectionString, connectionString) && a.state !== "DELETING"))
    throw new ServiceError("refused", `${connectionString} has no connection alias in ${region}; create it there first.`);
  await db().$transaction(async (tx) => {
    const current = await readPrimaryRegions(tx);
    const next = { ...current, [connectionString]: region };
    await tx.setting.upsert({
      where: { key: ALIAS_PRIMARY_SETTING_KEY },
      create: { key: ALIAS_PRIMARY_SETTING_KEY, value: toJson(next), updatedById: actor.id },
      update: { value: toJson(next), updatedById: actor.id },
    });
    await recordAudit(tx, {
      actor,
      action: "alias.primary_set",
      targetType: "connectionAlias",
      targetId: connectionString,
      before: { primaryRegion: current[connectionString] ?? null },
      after: { primaryRegion: region },
      detail: { connectionString, region },
    });
  });
}
