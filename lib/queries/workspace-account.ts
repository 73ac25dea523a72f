import "server-only";
import { db } from "../db";
import { DEFAULT_ACCOUNT_NAME, isDefaultAccount } from "../domain/accounts";

/**
 * The name of the AWS account a WorkSpace is in, for its page; null while the portal manages only its own account,
 * where the line would tell nobody anything. The caller has already checked that the viewer may see the WorkSpace.
 */
export async function workspaceAccountName(accountId: string | undefined): Promise<string | null> {
  const accounts = await db().awsAccount.findMany({ select: { id: true, name: true } });
  if (accounts.length === 0) return null;
  if (isDefaultAccount(accountId)) return DEFAULT_ACCOUNT_NAME;
  return accounts.find((a) => a.id === accountId)?.name ?? "An account no longer configured";
}
