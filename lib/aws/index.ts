import "server-only";
import { getConfig } from "@/lib/config";
import { createAwsGateway, type AwsGateway } from "./gateway";

export {
  createAwsGateway,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_TIMEOUT_MS,
  type AwsGateway,
  type AwsGatewayOptions,
  type RegionGateway,
} from "./gateway";
export { AwsGatewayError, reasonForCode, type AwsErrorDetails, type FailureReason } from "./errors";
export { withSendHooks, type SendHooks } from "./send-hook";
export { BATCH_LIMITS, minimumCalls } from "./batching";
export { DEFAULT_METRICS_PER_SECOND, DEFAULT_RATE_LIMIT, type RateLimit } from "./rate-limit";
export { minimumUsageCalls, USAGE_METRICS } from "./cloudwatch-queries";
export type { UsageDay, UsageReadOptions } from "./cloudwatch";
export { PORTAL_REQUEST_TAG } from "./workspaces-inventory";
export type * from "./types";
export type { CreateFailure, CreateResult, CreatedWorkspace, NewWorkspace } from "./workspaces-lifecycle";
export type { MigrationStarted, WorkspacePropertyChange } from "./workspaces-modify";
export type { ListWorkspacesFilter, SnapshotTimes } from "./workspaces-inventory";
export type { BundleSummary, ImageSummary, NewBundle } from "./bundles";
export type {
  ClientProperties,
  DirectoryRegistration,
  DirectorySummary,
  SelfservicePermissions,
  WorkspaceAccessProperties,
  WorkspaceCreationProperties,
} from "./directories";
export type { IpGroupSummary, IpRule } from "./ip-groups";
export type { ImageCopy, NewImage, WorkspaceImageSummary } from "./images";
export type { AliasAssociation, AliasPermission, ConnectionAliasSummary } from "./aliases";
export type { DirectoryLimitsSummary, DirectoryServiceSummary, RadiusStatus } from "./directory-service";

// Module state: one set of clients and rate gates for the code that shares this module. A copy of the
// module in another bundle of the same process (the executor's, under instrumentation) has its own gates;
// the SDK's adaptive retry still backs off account-wide when AWS throttles.
let current: AwsGateway | undefined;

// Other AWS accounts' gateways by the portal's id for the account, each with the settings it was built from.
const accountGateways = new Map<string, { key: string; gateway: AwsGateway }>();
const installedAccounts = new Map<string, AwsGateway>();
let accountFactory: ((account: AccountConnection) => AwsGateway) | undefined;

/** Another AWS account the portal manages WorkSpaces in: reached by assuming a role in it. */
export interface AccountConnection {
  /** The portal's id for the account. */
  id: string;
  roleArn: string;
  externalId?: string | null;
  regions: readonly string[];
}

/** Tests point the portal at their own sandbox; with an account id, that account's gateway. */
export function installAwsGateway(gateway: AwsGateway | undefined, accountId?: string): void {
  if (accountId === undefined) {
    current = gateway;
    return;
  }
  if (gateway) installedAccounts.set(accountId, gateway);
  else installedAccounts.delete(accountId);
}

/**
 * The gateway, configured from the parsed environment: the environment's own account, or, given another
 * account, one that assumes that account's role (rebuilt when its role, external id or Regions change).
 */
export function getAwsGateway(account?: AccountConnection): AwsGateway {
  if (account) return accountGateway(account);
  if (!current) {
    const { aws, sandbox } = getConfig();
    current = createAwsGateway({
      regions: aws.regions,
      defaultRegion: aws.defaultRegion,
      endpoints: aws.endpoints,
      // The sandbox checks signatures with its own keys; real AWS uses the default credential chain.
      credentials: aws.mode === "sandbox" ? sandbox.credentials : undefined,
      roleArn: aws.mode === "aws" ? aws.roleArn : undefined,
      rateLimit: { metricsPerSecond: aws.cloudwatchCallsPerSecond },
    });
  }
  return current;
}

/** Tests build other accounts' gateways themselves (pointed at their own sandbox); undefined: from the environment. */
export function installAccountGatewayFactory(factory: ((account: AccountConnection) => AwsGateway) | undefined): void {
  accountFactory = factory;
  for (const { gateway } of accountGateways.values()) gateway.destroy();
  accountGateways.clear();
}

function accountGateway(account: AccountConnection): AwsGateway {
  const installed = installedAccounts.get(account.id);
  if (installed) return installed;
  const key = JSON.stringify([account.roleArn, account.externalId ?? null, [...account.regions].sort()]);
  const cached = accountGateways.get(account.id);
  if (cached?.key === key) return cached.gateway;
  cached?.gateway.destroy();
  if (accountFactory) {
    const gateway = accountFactory(account);
    accountGateways.set(account.id, { key, gateway });
    return gateway;
  }
  const { aws, sandbox } = getConfig();
  const regions = account.regions.length ? [...account.regions] : [aws.defaultRegion];
  const gateway = createAwsGateway({
    regions,
    defaultRegion: regions.includes(aws.defaultRegion) ? aws.defaultRegion : regions[0]!,
    endpoints: aws.endpoints,
    // The environment's credentials (the sandbox's keys, or the default chain) are the source for the role.
    credentials: aws.mode === "sandbox" ? sandbox.credentials : undefined,
    roleArn: account.roleArn,
    externalId: account.externalId ?? undefined,
    stsEndpoint: aws.mode === "sandbox" ? sandbox.url : undefined,
    rateLimit: { metricsPerSecond: aws.cloudwatchCallsPerSecond },
  });
  accountGateways.set(account.id, { key, gateway });
  return gateway;
}
