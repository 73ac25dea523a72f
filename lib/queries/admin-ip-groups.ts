import "server-only";
import { getAwsGateway } from "../aws";

export interface IpGroupView {
  region: string;
  groupId: string;
  name: string;
  description?: string;
  rules: { cidr: string; description?: string }[];
  usedBy: { directoryId: string; name: string }[];
}

export interface DirectoryOption {
  region: string;
  directoryId: string;
  name: string;
  groupCount: number;
}

export interface IpGroupsPage {
  groups: IpGroupView[];
  directories: DirectoryOption[];
  errors: string[];
}

/** IP groups and registered directories of every managed Region, read from AWS (the portal keeps no copy). */
export async function listIpGroups(): Promise<IpGroupsPage> {
  const gateway = getAwsGateway();
  const groups: IpGroupView[] = [];
  const directories: DirectoryOption[] = [];
  const errors: string[] = [];
  await Promise.all(
    gateway.regions.map(async (region) => {
      try {
        const gw = gateway.region(region);
        const [regionGroups, regionDirs] = await Promise.all([gw.ipGroups.describeIpGroups(), gw.directories.describeDirectories()]);
        for (const d of regionDirs) directories.push({ region, directoryId: d.directoryId, name: d.name, groupCount: d.ipGroupIds.length });
        for (const g of regionGroups) {
          const usedBy = regionDirs
            .filter((d) => d.ipGroupIds.includes(g.groupId))
            .map((d) => ({ directoryId: d.directoryId, name: d.name }));
          groups.push({ region, groupId: g.groupId, name: g.name, description: g.description, rules: g.rules, usedBy });
        }
      } catch (error) {
        errors.push(`${region}: ${(error as Error).message}`);
      }
    }),
  );
  groups.sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name));
  directories.sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name));
  return { groups, directories, errors };
}

export interface IpGroupPage {
  group: IpGroupView;
  /** Registered directories of the group's Region it is not associated with yet, by name. */
  candidates: DirectoryOption[];
}

/**
 * One IP group by its id, whichever managed Region holds it, with the directories it could still guard; null when
 * no managed Region has it. A Region that cannot be read is an error only when no other Region had the group.
 */
export async function getIpGroup(groupId: string): Promise<IpGroupPage | null> {
  const { groups, directories, errors } = await listIpGroups();
  const group = groups.find((g) => g.groupId === groupId);
  if (!group) {
    if (errors.length) throw new Error(`Could not read ${errors.join("; ")}`);
    return null;
  }
  const candidates = directories.filter((d) => d.region === group.region && !group.usedBy.some((u) => u.directoryId === d.directoryId));
  return { group, candidates };
}
