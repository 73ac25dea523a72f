import {
  DisableRadiusCommand,
  EnableRadiusCommand,
  GetDirectoryLimitsCommand,
  paginateDescribeDirectories,
  ResetUserPasswordCommand,
  UpdateRadiusCommand,
  type DirectoryDescription,
  type RadiusSettings,
} from "@aws-sdk/client-directory-service";
import { requireRequestId, type RegionClients } from "./clients";
import type { Accepted } from "./types";

export interface RadiusStatus {
  /** False when the directory has no RADIUS (MFA) configured. */
  enabled: boolean;
  /** AWS's status: Creating, Completed or Failed. */
  status?: string;
  servers: string[];
  port?: number;
  /** Seconds to wait for a RADIUS server's answer. */
  timeoutSeconds?: number;
  retries?: number;
  protocol?: string;
  displayLabel?: string;
  useSameUsername?: boolean;
}

/** What EnableRadius and UpdateRadius send. The shared secret goes to AWS only: it is never returned or logged. */
export interface RadiusChange {
  servers: string[];
  port: number;
  timeoutSeconds: number;
  retries: number;
  /** PAP, CHAP, MS-CHAPv1 or MS-CHAPv2. */
  protocol: string;
  displayLabel?: string;
  useSameUsername?: boolean;
  /** Required to enable; on an update, absent keeps the secret AWS holds. */
  sharedSecret?: string;
}

export interface DirectoryServiceSummary {
  directoryId: string;
  name: string;
  shortName?: string;
  /** SimpleAD, MicrosoftAD or ADConnector. */
  type?: string;
  size?: string;
  stage?: string;
  stageReason?: string;
  dnsIpAddresses: string[];
  radius: RadiusStatus;
}

export interface DirectoryLimitsSummary {
  cloudOnlyDirectories: { limit?: number; current?: number; reached?: boolean };
  cloudOnlyMicrosoftAd: { limit?: number; current?: number; reached?: boolean };
  connectedDirectories: { limit?: number; current?: number; reached?: boolean };
}

// The shared secret is deliberately left out: nothing in the portal needs it, so nothing can leak it.
function toRadiusStatus(d: DirectoryDescription): RadiusStatus {
  const s = d.RadiusSettings;
  return {
    enabled: s !== undefined && (s.RadiusServers?.length ?? 0) > 0,
    status: d.RadiusStatus,
    servers: s?.RadiusServers ?? [],
    port: s?.RadiusPort,
    timeoutSeconds: s?.RadiusTimeout,
    retries: s?.RadiusRetries,
    protocol: s?.AuthenticationProtocol,
    displayLabel: s?.DisplayLabel,
    useSameUsername: s?.UseSameUsername,
  };
}

function toRadiusSettings(change: RadiusChange): RadiusSettings {
  return {
    RadiusServers: change.servers,
    RadiusPort: change.port,
    RadiusTimeout: change.timeoutSeconds,
    RadiusRetries: change.retries,
    AuthenticationProtocol: change.protocol as RadiusSettings["AuthenticationProtocol"],
    DisplayLabel: change.displayLabel,
    UseSameUsername: change.useSameUsername,
    ...(change.sharedSecret ? { SharedSecret: change.sharedSecret } : {}),
  };
}

function toDirectorySummary(d: DirectoryDescription): DirectoryServiceSummary {
  return {
    directoryId: d.DirectoryId ?? "",
    name: d.Name ?? "",
    shortName: d.ShortName,
    type: d.Type,
    size: d.Size,
    stage: d.Stage,
    stageReason: d.StageReason,
    dnsIpAddresses: d.DnsIpAddrs ?? d.ConnectSettings?.ConnectIps ?? [],
    radius: toRadiusStatus(d),
  };
}

export function directoryService(clients: RegionClients) {
  const { region } = clients;

  async function describe(directoryIds?: string[]): Promise<DirectoryServiceSummary[]> {
    const out: DirectoryServiceSummary[] = [];
    for await (const page of paginateDescribeDirectories({ client: clients.directoryService }, { DirectoryIds: directoryIds })) {
      for (const d of page.DirectoryDescriptions ?? []) out.push(toDirectorySummary(d));
    }
    return out;
  }

  return {
    describeDirectories(directoryIds?: string[]): Promise<DirectoryServiceSummary[]> {
      return clients.run("DescribeDirectories", () => describe(directoryIds));
    },

    /** The directory's RADIUS (MFA) settings; undefined when Directory Service does not know the directory. */
    radiusStatus(directoryId: string): Promise<RadiusStatus | undefined> {
      return clients.run("DescribeDirectories", async () => (await describe([directoryId]))[0]?.radius);
    },

    /**
     * Sets a new password for a directory user (Simple AD and Managed Microsoft AD only). The password
     * goes to AWS and nowhere else: it is not logged, returned or put in any error.
     */
    resetUserPassword(directoryId: string, userName: string, newPassword: string): Promise<Accepted> {
      return clients.run("ResetUserPassword", async ({ directoryService }) => {
        const out = await directoryService.send(
          new ResetUserPasswordCommand({ DirectoryId: directoryId, UserName: userName, NewPassword: newPassword }),
        );
        return { requestId: requireRequestId(out.$metadata, "ResetUserPassword", region) };
      });
    },

    /** Turns on MFA through RADIUS (AD Connector and Managed Microsoft AD); AWS then reports RadiusStatus Creating. */
    enableRadius(directoryId: string, change: RadiusChange): Promise<Accepted> {
      return clients.run("EnableRadius", async ({ directoryService }) => {
        const out = await directoryService.send(
          new EnableRadiusCommand({ DirectoryId: directoryId, RadiusSettings: toRadiusSettings(change) }),
        );
        return { requestId: requireRequestId(out.$metadata, "EnableRadius", region) };
      });
    },

    updateRadius(directoryId: string, change: RadiusChange): Promise<Accepted> {
      return clients.run("UpdateRadius", async ({ directoryService }) => {
        const out = await directoryService.send(
          new UpdateRadiusCommand({ DirectoryId: directoryId, RadiusSettings: toRadiusSettings(change) }),
        );
        return { requestId: requireRequestId(out.$metadata, "UpdateRadius", region) };
      });
    },

    disableRadius(directoryId: string): Promise<Accepted> {
      return clients.run("DisableRadius", async ({ directoryService }) => {
        const out = await directoryService.send(new DisableRadiusCommand({ DirectoryId: directoryId }));
        return { requestId: requireRequestId(out.$metadata, "DisableRadius", region) };
      });
    },

    getDirectoryLimits(): Promise<DirectoryLimitsSummary> {
      return clients.run("GetDirectoryLimits", async ({ directoryService }) => {
        const l = (await directoryService.send(new GetDirectoryLimitsCommand({}))).DirectoryLimits ?? {};
        return {
          cloudOnlyDirectories: {
            limit: l.CloudOnlyDirectoriesLimit,
            current: l.CloudOnlyDirectoriesCurrentCount,
            reached: l.CloudOnlyDirectoriesLimitReached,
          },
          cloudOnlyMicrosoftAd: {
            limit: l.CloudOnlyMicrosoftADLimit,
            current: l.CloudOnlyMicrosoftADCurrentCount,
            reached: l.CloudOnlyMicrosoftADLimitReached,
          },
          connectedDirectories: {
            limit: l.ConnectedDirectoriesLimit,
            current: l.ConnectedDirectoriesCurrentCount,
            reached: l.ConnectedDirectoriesLimitReached,
          },
        };
      });
    },
  };
}

export type DirectoryServiceOperations = ReturnType<typeof directoryService>;
