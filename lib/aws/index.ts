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
export type { DirectoryLimitsSummary, DirectoryServiceSummary, RadiusStatus } from "./directory-service";

// Module state: one set of clients and rate gates for the code that shares this module. A copy of the
// module in another bundle of the same process (the executor's, under instrumentation) has its own gates;
// the SDK's adaptive retry still backs off account-wide when AWS throttles.
let current: AwsGateway | undefined;

/** Tests point the portal at their own sandbox. */
export function installAwsGateway(gateway: AwsGateway | undefined): void {
  current = gateway;
}

/** The gateway, configured from the parsed environment. */
export function getAwsGateway(): AwsGateway {
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
