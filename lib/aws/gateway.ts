import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { connectionAliases } from "./aliases";
import { bundlesAndImages } from "./bundles";
import { RegionClients, type ClientSettings, type CredentialsInput } from "./clients";
import { workspaceMetrics } from "./cloudwatch";
import { directoryService } from "./directory-service";
import { workspaceDirectories } from "./directories";
import { AwsGatewayError } from "./errors";
import { workspaceImages } from "./images";
import { ipAccessGroups } from "./ip-groups";
import { DEFAULT_RATE_LIMIT, RateGates, type RateLimit } from "./rate-limit";
import { resourceTags } from "./tags";
import type { CallInfo } from "./types";
import { workspaceInventory } from "./workspaces-inventory";
import { workspaceLifecycle } from "./workspaces-lifecycle";
import { workspaceModifications } from "./workspaces-modify";

// No server-only import here: tests and scripts build gateways from this factory directly.

export interface AwsGatewayOptions {
  /** Regions the portal manages; calls for any other Region are refused. */
  regions: string[];
  defaultRegion: string;
  /** Custom endpoints (the sandbox, or AWS_ENDPOINT_URL_*); real AWS when absent. */
  endpoints?: { workspaces?: string; directoryService?: string; cloudwatch?: string };
  /** Explicit credentials or a provider; absent means the SDK's default chain (env, profile, SSO, instance role). */
  credentials?: CredentialsInput;
  /** A role to assume (cross-account), using `credentials` or the default chain as the source. */
  roleArn?: string;
  /** The external id the role's trust policy asks for (sts:ExternalId). */
  externalId?: string;
  /** STS's endpoint for AssumeRole (the sandbox); AWS's own when absent. */
  stsEndpoint?: string;
  rateLimit?: Partial<RateLimit>;
  /** Per-attempt request timeout; default 10 s. */
  timeoutMs?: number;
  /** SDK attempts per call including the first; default 5. */
  maxAttempts?: number;
  /** Sees every SDK call (paginated pages included) once it has finished, retries folded in. */
  onCall?: (info: CallInfo) => void;
}

export interface RegionGateway {
  readonly region: string;
  readonly workspaces: ReturnType<typeof workspaceInventory> &
    ReturnType<typeof workspaceLifecycle> &
    ReturnType<typeof workspaceModifications>;
  readonly bundles: ReturnType<typeof bundlesAndImages>;
  readonly directories: ReturnType<typeof workspaceDirectories>;
  readonly ipGroups: ReturnType<typeof ipAccessGroups>;
  /** Custom images: made from a WorkSpace, copied between Regions, shared with other accounts. */
  readonly images: ReturnType<typeof workspaceImages>;
  /** Connection aliases for cross-Region redirection. */
  readonly aliases: ReturnType<typeof connectionAliases>;
  readonly tags: ReturnType<typeof resourceTags>;
  readonly directoryService: ReturnType<typeof directoryService>;
  /** CloudWatch's AWS/WorkSpaces metrics. */
  readonly metrics: ReturnType<typeof workspaceMetrics>;
}

export interface AwsGateway {
  readonly regions: readonly string[];
  readonly defaultRegion: string;
  /** The operations for one Region (the default Region when none is given). */
  region(name?: string): RegionGateway;
  /** Closes the SDK clients' sockets; for scripts and tests. */
  destroy(): void;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_ATTEMPTS = 5;

export function createAwsGateway(options: AwsGatewayOptions): AwsGateway {
  const regions = [...new Set([...options.regions, options.defaultRegion])];
  const credentials = options.roleArn
    ? fromTemporaryCredentials({
        params: {
          RoleArn: options.roleArn,
          RoleSessionName: "workspaces-portal",
          ...(options.externalId ? { ExternalId: options.externalId } : {}),
        },
        ...(options.credentials ? { masterCredentials: options.credentials } : {}),
        clientConfig: { region: options.defaultRegion, ...(options.stsEndpoint ? { endpoint: options.stsEndpoint } : {}) },
      })
    : options.credentials;
  const settings: ClientSettings = {
    endpoints: options.endpoints ?? {},
    credentials,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    gates: new RateGates({ ...DEFAULT_RATE_LIMIT, ...options.rateLimit }),
    onCall: options.onCall,
  };
  const byRegion = new Map<string, { clients: RegionClients; gateway: RegionGateway }>();

  function region(name: string = options.defaultRegion): RegionGateway {
    const existing = byRegion.get(name);
    if (existing) return existing.gateway;
    if (!regions.includes(name)) {
      throw new AwsGatewayError(
        {
          reason: "invalid",
          operation: "SelectRegion",
          region: name,
          awsCode: "UnmanagedRegion",
          awsMessage: `Region ${name} is not one of ${regions.join(", ")}.`,
        },
        `The portal does not manage WorkSpaces in ${name}.`,
      );
    }
    const clients = new RegionClients(name, settings);
    const gateway: RegionGateway = {
      region: name,
      workspaces: { ...workspaceInventory(clients), ...workspaceLifecycle(clients), ...workspaceModifications(clients) },
      bundles: bundlesAndImages(clients),
      directories: workspaceDirectories(clients),
      ipGroups: ipAccessGroups(clients),
      images: workspaceImages(clients),
      aliases: connectionAliases(clients),
      tags: resourceTags(clients),
      directoryService: directoryService(clients),
      metrics: workspaceMetrics(clients),
    };
    byRegion.set(name, { clients, gateway });
    return gateway;
  }

  return {
    regions,
    defaultRegion: options.defaultRegion,
    region,
    destroy() {
      for (const { clients } of byRegion.values()) clients.destroy();
      byRegion.clear();
    },
  };
}
