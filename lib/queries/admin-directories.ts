import "server-only";
import { getAwsGateway, type ClientProperties, type DirectorySummary, type RadiusStatus } from "../aws";
import { db } from "../db";
import { Persona } from "../generated/prisma/enums";
import { getPolicySettings } from "../core/settings";

export interface IpGroupOption {
  groupId: string;
  name: string;
}

export interface DirectoryView extends DirectorySummary {
  region: string;
  radius?: RadiusStatus;
  dsType?: string;
  clientProperties: ClientProperties;
  ipGroups: IpGroupOption[];
  /** The Region's groups not yet associated with this directory. */
  otherIpGroups: IpGroupOption[];
  requesters: { personas: string[]; groups: string[] };
  /** WorkSpaces the inventory knows in this directory (neither gone nor terminated). */
  workspaceCount: number;
}

/** A Directory Service directory in a managed Region that is not registered with WorkSpaces yet. */
export interface UnregisteredDirectory {
  region: string;
  directoryId: string;
  name: string;
  type?: string;
}

export interface DirectoriesPage {
  directories: DirectoryView[];
  unregistered: UnregisteredDirectory[];
  /** Every persona and group the catalog knows or a person has, for the "may request" choices. */
  personas: string[];
  groups: string[];
  errors: string[];
}

/** Directories of every managed Region, read from AWS (the portal keeps no copy), with who may request in each. */
export function listDirectories(): Promise<DirectoriesPage> {
  return readDirectories();
}

export interface DirectoryPage {
  directory: DirectoryView;
  personas: string[];
  groups: string[];
}

/**
 * One registered directory by its id, whichever managed Region holds it, with everything its page shows;
 * null when no managed Region has it registered. A Region that cannot be read is an error only when no other
 * Region answered with the directory.
 */
export async function getDirectory(directoryId: string): Promise<DirectoryPage | null> {
  const page = await readDirectories(directoryId);
  const directory = page.directories[0];
  if (!directory) {
    if (page.errors.length) throw new Error(`Could not read ${page.errors.join("; ")}`);
    return null;
  }
  return { directory, personas: page.personas, groups: page.groups };
}

async function readDirectories(only?: string): Promise<DirectoriesPage> {
  const gateway = getAwsGateway();
  const [policy, people, counts] = await Promise.all([
    getPolicySettings(db()),
    db().user.findMany({ select: { groups: true } }),
    db().workspace.groupBy({
      by: ["directoryId"],
      where: { goneAt: null, state: { not: "TERMINATED" }, ...(only ? { directoryId: only } : {}) },
      _count: { _all: true },
    }),
  ]);
  const workspaces = new Map(counts.map((c) => [c.directoryId, c._count._all]));
  const { byPersona, byGroup } = policy.catalog;
  const personas = [...new Set([...Object.values(Persona), ...Object.keys(byPersona)])].sort();
  const groups = [...new Set([...Object.keys(byGroup), ...people.flatMap((p) => p.groups)])].sort();
  const page: DirectoriesPage = { directories: [], unregistered: [], personas, groups, errors: [] };
  await Promise.all(
    gateway.regions.map(async (region) => {
      try {
        const gw = gateway.region(region);
        const [all, ds, ipGroups] = await Promise.all([
          gw.directories.describeDirectories(),
          gw.directoryService.describeDirectories(),
          gw.ipGroups.describeIpGroups(),
        ]);
        const registeredIds = new Set(all.map((d) => d.directoryId));
        if (!only)
          for (const d of ds)
            if (!registeredIds.has(d.directoryId))
              page.unregistered.push({ region, directoryId: d.directoryId, name: d.name, type: d.type });
        const registered = only ? all.filter((d) => d.directoryId === only) : all;
        if (!registered.length) return;
        const client = await gw.directories.describeClientProperties(registered.map((d) => d.directoryId));
        const option = (id: string): IpGroupOption => ({ groupId: id, name: ipGroups.find((g) => g.groupId === id)?.name ?? id });
        for (const d of registered) {
          const described = ds.find((x) => x.directoryId === d.directoryId);
          page.directories.push({
            ...d,
            region,
            radius: described?.radius,
            dsType: described?.type,
            clientProperties: client.find((c) => c.resourceId === d.directoryId)?.properties ?? {},
            ipGroups: d.ipGroupIds.map(option),
            otherIpGroups: ipGroups.filter((g) => !d.ipGroupIds.includes(g.groupId)).map((g) => option(g.groupId)),
            requesters: {
              personas: Object.keys(byPersona).filter((k) => byPersona[k]!.directoryIds.includes(d.directoryId)),
              groups: Object.keys(byGroup).filter((k) => byGroup[k]!.directoryIds.includes(d.directoryId)),
            },
            workspaceCount: workspaces.get(d.directoryId) ?? 0,
          });
        }
      } catch (error) {
        page.errors.push(`${region}: ${(error as Error).message}`);
      }
    }),
  );
  // The managed Regions in their configured order, then by name.
  const rank = (region: string) => gateway.regions.indexOf(region);
  const byRegionName = (a: { region: string; name: string }, b: { region: string; name: string }) =>
    rank(a.region) - rank(b.region) || a.name.localeCompare(b.name);
  page.directories.sort(byRegionName);
  page.unregistered.sort(byRegionName);
  return page;
}
