import "server-only";
import { getConfig } from "@/lib/config";
import { createAwsGateway, type AwsGateway } from "./gateway";

export { createAwsGateway, DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS, type AwsGateway, type AwsGatewayOptions, type RegionGateway } from "./gateway";
export { AwsGatewayError, reasonForCode, type AwsErrorDetails, type FailureReason } from "./errors";
export { BATCH_LIMITS, minimumCalls } from "./batching";
export { DEFAULT_RATE_LIMIT, type RateLimit } from "./rate-limit";
export { PORTAL_REQUEST_TAG } from "./workspaces-inventory";
export type * from "./types";
export type { CreateFailure, CreateResult, CreatedWorkspace, NewWorkspace } from "./workspaces-lifecycle";
export type { MigrationStarted, WorkspacePropertyChange } from "./workspaces-modify";
export type { ListWorkspacesFilter, SnapshotTimes } from "./workspaces-inventory";
export type { BundleSummary, ImageSummary, NewBundle } from "./bundles";
export type { ClientProperties, DirectoryRegistration, DirectorySummary, SelfservicePermissions, WorkspaceAccessProperties, WorkspaceCreationProperties } from "./directories";
export type { IpGroupSummary, IpRule } from "./ip-groups";
export type { DirectoryLimitsSummary, DirectoryServiceSummary, RadiusStatus } from "./directory-service";

// Kept on globalThis because Next.js may load this module in several bundles; one set of clients
// (and one set of rate gates) per process is what makes the rate limit mean anything.
const globalForAws = globalThis as unknown as { __portalAwsGateway?: AwsGateway };

/** The process-wide gateway, configured from the parsed environment. */
export function getAwsGateway(): AwsGateway {
  if (!globalForAws.__portalAwsGateway) {
    const { aws, sandbox } = getConfig();
    globalForAws.__portalAwsGateway = createAwsGateway({
      regions: aws.regions,
      defaultRegion: aws.defaultRegion,
      endpoints: aws.endpoints,
      // The sandbox checks signatures with its own keys; real AWS uses the default credential chain.
      credentials: aws.mode === "sandbox" ? sandbox.credentials : undefined,
      roleArn: aws.mode === "aws" ? aws.roleArn : undefined,
    });
  }
  return globalForAws.__portalAwsGateway;
}
