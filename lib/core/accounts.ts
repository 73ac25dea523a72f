import "server-only";
import { getAwsGateway, type AccountConnection, type AwsGateway } from "../aws";
import { accountPolicyOverrideSchema, policyForAccount, type PolicySettings } from "../domain";
import { DEFAULT_ACCOUNT_ID, DEFAULT_ACCOUNT_NAME, isDefaultAccount } from "../domain/accounts";
import { getPolicySettings } from "./settings";
import { toJson, type Tx } from "./tx";

// Which AWS account's gateway serves a WorkSpace or a sync: the environment's own one (handed in, so tests
// and the executor keep supplying it) for the default account, else one that assumes the account's role.

export interface PortalAccount {
  id: string;
  name: string;
  /** AWS's 12-digit id; unknown for the environment's own account until AWS is asked. */
  awsAccountId?: string;
  regions: readonly string[];
  isDefault: boolean;
}

export function connectionOf(row: { id: string; roleArn: string; externalId: string | null; regions: string[] }): AccountConnection {
  return { id: row.id, roleArn: row.roleArn, externalId: row.externalId, regions: row.regions };
}

/** Every account the portal manages, the environment's own first. */
export async function listAccounts(db: Tx, defaultRegions: readonly string[]): Promise<PortalAccount[]> {
  const rows = await db.awsAccount.findMany({ orderBy: { name: "asc" } });
  return [
    { id: DEFAULT_ACCOUNT_ID, name: DEFAULT_ACCOUNT_NAME, regions: defaultRegions, isDefault: true },
    ...rows.map((r) => ({ id: r.id, name: r.name, awsAccountId: r.awsAccountId, regions: r.regions, isDefault: false })),
  ];
}

/** Account ids to the names people read, the default account included. */
export async function accountNames(db: Tx): Promise<Map<string, string>> {
  const rows = await db.awsAccount.findMany({ select: { id: true, name: true } });
  return new Map([[DEFAULT_ACCOUNT_ID, DEFAULT_ACCOUNT_NAME], ...rows.map((r) => [r.id, r.name] as [string, string])]);
}

/** The gateway for an account; an account an admin has removed since has none. */
export async function gatewayForAccount(db: Tx, base: () => AwsGateway, accountId: string | null | undefined): Promise<AwsGateway> {
  if (isDefaultAccount(accountId)) return base();
  const row = await db.awsAccount.findUnique({ where: { id: accountId! } });
  if (!row) throw new AccountGoneError(accountId!);
  return getAwsGateway(connectionOf(row));
}

/** The gateway for the account a cached WorkSpace is in (the default one for a WorkSpace not cached yet). */
export async function gatewayForWorkspace(db: Tx, base: () => AwsGateway, workspaceId: string | undefined): Promise<AwsGateway> {
  if (!workspaceId) return base();
  const row = await db.workspace.findUnique({ where: { id: workspaceId }, select: { accountId: true } });
  return gatewayForAccount(db, base, row?.accountId);
}

/** The accounts the given WorkSpaces are in, by WorkSpace id (default for one not cached). */
export async function accountsOfWorkspaces(db: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = ids.length ? await db.workspace.findMany({ where: { id: { in: [...ids] } }, select: { id: true, accountId: true } }) : [];
  const byId = new Map(rows.map((r) => [r.id, r.accountId]));
  return new Map(ids.map((id) => [id, byId.get(id) ?? DEFAULT_ACCOUNT_ID]));
}

export class AccountGoneError extends Error {
  constructor(readonly accountId: string) {
    super(`The AWS account ${accountId} is no longer configured in the portal.`);
    this.name = "AccountGoneError";
  }
}

const SYNC_KEY_PREFIX = "accounts.sync:";

export interface AccountSyncStatus {
  at: string;
  /** AWS's refusal (or the error) in plain words when the last sync of the account failed. */
  failure?: string;
}

/** What the last inventory sync of another account found: done, or why it failed. */
export async function recordAccountSync(db: Tx, accountId: string, status: { at: Date; failure?: string }): Promise<void> {
  const key = `${SYNC_KEY_PREFIX}${accountId}`;
  const value = toJson({ at: status.at.toISOString(), ...(status.failure ? { failure: status.failure } : {}) });
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

export async function accountSyncStatuses(db: Tx): Promise<Map<string, AccountSyncStatus>> {
  const rows = await db.setting.findMany({ where: { key: { startsWith: SYNC_KEY_PREFIX } } });
  return new Map(rows.map((r) => [r.key.slice(SYNC_KEY_PREFIX.length), r.value as unknown as AccountSyncStatus]));
}

/** The approval policy for a WorkSpace in this account: the policy, with the account's own thresholds if it has any. */
export async function policySettingsFor(tx: Tx, accountId: string | null | undefined): Promise<PolicySettings> {
  const settings = await getPolicySettings(tx);
  if (isDefaultAccount(accountId)) return settings;
  const row = await tx.awsAccount.findUnique({ where: { id: accountId! }, select: { policy: true } });
  const override = accountPolicyOverrideSchema.safeParse(row?.policy ?? undefined);
  return policyForAccount(settings, override.success ? override.data : null);
}
