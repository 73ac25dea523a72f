import "server-only";
import { getAwsGateway, type DirectorySummary, type RadiusStatus } from "../aws";
import { db } from "../db";
import { getPolicySettings } from "../services/settings";

export interface DirectoryView extends DirectorySummary {
  region: string;
  radius?: RadiusStatus;
  dsType?: string;
  reconnect?: string;
  ipGroupNames: string[];
  mayRequest: string[];
}

export async function listDirectories(): Promise<{ directories: DirectoryView[]; errors: string[] }> {
  const gateway = getAwsGateway();
  const policy = await getPolicySettings(db());
  const who = [
    ...Object.entries(policy.catalog.byPersona).map(([k, v]) => [`persona ${k}`, v.directoryIds] as const),
    ...Object.entries(policy.catalog.byGroup).map(([k, v]) => [`group ${k}`, v.directoryIds] as const),
  ];
  const directories: DirectoryView[] = [];
  const errors: string[] = [];
  await Promise.all(
    gateway.regions.map(async (region) => {
      try {
        const gw = gateway.region(region);
        const registered = await gw.directories.describeDirectories();
        if (!registered.length) return;
        const ids = registered.map((d) => d.directoryId);
        const [ds, client, groups] = await Promise.all([gw.directoryService.describeDirectories(ids), gw.directories.describeClientProperties(ids), gw.ipGroups.describeIpGroups()]);
        for (const d of registered) {
          const described = ds.find((x) => x.directoryId === d.directoryId);
          directories.push({
            ...d, region, radius: described?.radius, dsType: described?.type,
            reconnect: client.find((c) => c.resourceId === d.directoryId)?.properties.ReconnectEnabled,
            ipGroupNames: d.ipGroupIds.map((id) => groups.find((g) => g.groupId === id)?.name ?? id),
            mayRequest: who.filter(([, dirIds]) => dirIds.includes(d.directoryId)).map(([w]) => w),
          });
        }
      } catch (error) {
        errors.push(`${region}: ${(error as Error).message}`);
      }
    }),
  );
  directories.sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name));
  return { directories, errors };
}
