import "server-only";
import { getConfig } from "../config";
import { db } from "../db";
import { accountSyncStatuses, listAccounts } from "../core/accounts";
import { pageCatalog } from "../core/catalog";
import { accountPolicyOverrideSchema, type AccountPolicyOverride } from "../domain";
import { DEFAULT_ACCOUNT_ID, DEFAULT_ACCOUNT_NAME, isDefaultAccount } from "../domain/accounts";

export interface AccountRow {
  id: string;
  name: string;
  isDefault: boolean;
  awsAccountId: string | null;
  roleArn: string | null;
  externalId: string | null;
  regions: string[];
  /** Live WorkSpaces the inventory knows in it. */
  workspaces: number;
  lastSync: { at: Date; failure: string | null } | null;
  /** The account's own approval thresholds, where they differ from the policy. */
  policy: AccountPolicyOverride | null;
}

/** Every account the portal manages, with its WorkSpace count and how its last inventory sync went. */
export async function accountsForAdmin(): Promise<AccountRow[]> {
  const { aws } = getConfig();
  const [accounts, rows, counts, syncs] = await Promise.all([
    listAccounts(db(), aws.regions),
    db().awsAccount.findMany(),
    db().workspace.groupBy({ by: ["accountId"], where: { goneAt: null }, _count: { _all: true } }),
    accountSyncStatuses(db()),
  ]);
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const countOf = new Map(counts.map((c) => [c.accountId, c._count._all]));
  return accounts.map((a) => {
    const row = rowById.get(a.id);
    const sync = syncs.get(a.id);
    return {
      id: a.id,
      name: a.name,
      isDefault: a.id === DEFAULT_ACCOUNT_ID,
      awsAccountId: row?.awsAccountId ?? null,
      roleArn: row?.roleArn ?? (a.isDefault ? (aws.roleArn ?? null) : null),
      externalId: row?.externalId ?? null,
      regions: [...a.regions],
      workspaces: countOf.get(a.id) ?? 0,
      lastSync: sync ? { at: new Date(sync.at), failure: sync.failure ?? null } : null,
      policy: row?.policy ? (accountPolicyOverrideSchema.safeParse(row.policy).data ?? null) : null,
    };
  });
}

/** The name people read for an AWS account ("Main account" for the portal's own). */
export async function accountNameOf(accountId: string | undefined): Promise<string> {
  if (isDefaultAccount(accountId)) return DEFAULT_ACCOUNT_NAME;
  const row = await db().awsAccount.findUnique({ where: { id: accountId! }, select: { name: true } });
  return row?.name ?? "An account no longer configured";
}

export interface OtherAccountDirectory {
  accountId: string;
  accountName: string;
  region: string;
  directoryId: string;
  name: string;
  type: string | null;
  workspaceCount: number;
}

/**
 * The directories registered in the other AWS accounts, each with its account: read through each account's role.
 * An account AWS refuses is listed in `errors` as a plain sentence rather than failing the page.
 */
export async function otherAccountDirectories(): Promise<{ directories: OtherAccountDirectory[]; errors: string[] }> {
  const accounts = await db().awsAccount.findMany({ orderBy: { name: "asc" } });
  const directories: OtherAccountDirectory[] = [];
  const errors: string[] = [];
  if (!accounts.length) return { directories, errors };
  const counts = await db().workspace.groupBy({
    by: ["directoryId"],
    where: { goneAt: null, state: { not: "TERMINATED" }, accountId: { in: accounts.map((a) => a.id) } },
    _count: { _all: true },
  });
  const countOf = new Map(counts.map((c) => [c.directoryId, c._count._all]));
  await Promise.all(
    accounts.flatMap((account) =>
      account.regions.map(async (region) => {
        try {
          for (const d of (await pageCatalog().directories(region, account.id)) ?? [])
            directories.push({
              accountId: account.id,
              accountName: account.name,
              region,
              directoryId: d.id,
              name: d.name,
              type: d.type ?? null,
              workspaceCount: countOf.get(d.id) ?? 0,
            });
        } catch (error) {
          errors.push(`${account.name} in ${region}: ${(error as Error).message}`);
        }
      }),
    ),
  );
  directories.sort(
    (a, b) => a.accountName.localeCompare(b.accountName) || a.region.localeCompare(b.region) || a.name.localeCompare(b.name),
  );
  return { directories, errors };
}
