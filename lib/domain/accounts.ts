// AWS accounts: the environment's own account is always there (as "default"); admins add others, each
// reached by assuming a role in it. Pure rules only: what a role ARN says and what an account needs.

/** The portal's id for the environment's own AWS account (its credentials and WORKSPACES_REGIONS). */
export const DEFAULT_ACCOUNT_ID = "default";

/** How the fleet and the directories name the environment's own account. */
export const DEFAULT_ACCOUNT_NAME = "Main account";

// arn:aws:iam::123456789012:role/Name or role/path/Name (also the China and GovCloud partitions).
const ROLE_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** The 12-digit account id an IAM role ARN names, or undefined when it is not a role ARN. */
export function accountIdOfRoleArn(arn: string): string | undefined {
  return ROLE_ARN.exec(arn.trim())?.[1];
}

/** AWS's limits on an external id (sts:ExternalId): 2 to 1224 characters of [\w+=,.@:/-]. */
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

export function isDefaultAccount(accountId: string | null | undefined): boolean {
  return !accountId || accountId === DEFAULT_ACCOUNT_ID;
}

/** A Region name as AWS spells it (us-east-1, eu-west-2, ap-southeast-1…). */
export const REGION_NAME = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
