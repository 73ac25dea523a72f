import "server-only";
import { getAwsGateway } from "../aws";
import { readPrimaryRegions } from "../core/alias-primary";
import { db } from "../db";
import {
  aliasMember,
  associateRefusal,
  deleteRefusal,
  normalizeConnectionString,
  primaryRegion,
  redirectionGaps,
  type PrimaryChoice,
} from "../domain/aliases";

export interface AliasRegionView {
  region: string;
  aliasId: string;
  state: string;
  directory?: { directoryId: string; name: string; status: string; connectionIdentifier?: string };
  /** Accounts allowed to associate this alias (read on the pair's own page only). */
  sharedWith?: string[];
  /** Registered directories of the Region without an alias, for the associate chooser. */
  candidates: { directoryId: string; name: string }[];
  /** The domain's refusals, so the page can say why a control is not offered. */
  associateRefusal?: string;
  deleteRefusal?: string;
}

export interface AliasPairView {
  connectionString: string;
  regions: AliasRegionView[];
  primary: PrimaryChoice;
  /** Steps still missing before redirection works, in plain sentences. */
  gaps: string[];
}

export interface AliasesPage {
  pairs: AliasPairView[];
  /** Managed Regions, for the create form. */
  regions: string[];
  errors: string[];
}

/** Every connection alias of every managed Region, grouped by connection string (the portal keeps no copy). */
export async function listConnectionAliases(options: { permissions?: string } = {}): Promise<AliasesPage> {
  const gateway = getAwsGateway();
  const errors: string[] = [];
  const byName = new Map<string, AliasRegionView[]>();
  await Promise.all(
    gateway.regions.map(async (region) => {
      try {
        const gw = gateway.region(region);
        const [aliases, directories] = await Promise.all([gw.aliases.describeConnectionAliases(), gw.directories.describeDirectories()]);
        const names = new Map(directories.map((d) => [d.directoryId, d.name]));
        const used = new Set(aliases.flatMap((a) => a.associations.map((x) => x.directoryId)));
        const candidates = directories.filter((d) => !used.has(d.directoryId)).map((d) => ({ directoryId: d.directoryId, name: d.name }));
        for (const alias of aliases) {
          const key = normalizeConnectionString(alias.connectionString);
          const sharedWith =
            options.permissions !== undefined && key === normalizeConnectionString(options.permissions)
              ? (await gw.aliases.describeConnectionAliasPermissions(alias.aliasId))
                  .filter((p) => p.allowAssociation)
                  .map((p) => p.accountId)
              : undefined;
          const member = aliasMember(region, alias, sharedWith);
          const association = alias.associations[0];
          const directoryName = member.directoryId ? (names.get(member.directoryId) ?? member.directoryId) : undefined;
          const view: AliasRegionView = {
            region,
            aliasId: alias.aliasId,
            state: alias.state,
            ...(association?.directoryId
              ? {
                  directory: {
                    directoryId: association.directoryId,
                    name: directoryName!,
                    status: association.status,
                    connectionIdentifier: association.connectionIdentifier,
                  },
                }
              : {}),
            ...(sharedWith ? { sharedWith } : {}),
            candidates,
            associateRefusal: associateRefusal(member),
            deleteRefusal: deleteRefusal(member, directoryName),
          };
          byName.set(key, [...(byName.get(key) ?? []), view]);
        }
      } catch (error) {
        errors.push(`${region}: ${(error as Error).message}`);
      }
    }),
  );
  const chosen = await readPrimaryRegions(db());
  const pairs = [...byName.entries()].map(([connectionString, regions]): AliasPairView => {
    regions.sort((a, b) => a.region.localeCompare(b.region));
    const members = regions.map((r) => ({
      region: r.region,
      state: r.state,
      directoryId: r.directory?.directoryId,
      associationStatus: r.directory?.status,
    }));
    return {
      connectionString,
      regions,
      primary: primaryRegion(members, chosen[connectionString], gateway.defaultRegion),
      gaps: redirectionGaps(connectionString, members),
    };
  });
  pairs.sort((a, b) => a.connectionString.localeCompare(b.connectionString));
  return { pairs, regions: [...gateway.regions], errors };
}

/** One connection string's aliases in every managed Region, with their share permissions; null when none has it. */
export async function getConnectionAliasPair(connectionString: string): Promise<(AliasesPage & { pair: AliasPairView }) | null> {
  const page = await listConnectionAliases({ permissions: connectionString });
  const pair = page.pairs.find((p) => p.connectionString === normalizeConnectionString(connectionString));
  if (!pair) {
    if (page.errors.length) throw new Error(`Could not read ${page.errors.join("; ")}`);
    return null;
  }
  return { ...page, pair };
}

/** The alias a directory redirects through, if any, for the directory's page. */
export async function directoryConnectionAlias(
  region: string,
  directoryId: string,
): Promise<{ connectionString: string; status: string } | null> {
  try {
    const [alias] = await getAwsGateway().region(region).aliases.aliasesOfDirectory(directoryId);
    if (!alias) return null;
    return { connectionString: normalizeConnectionString(alias.connectionString), status: alias.associations[0]?.status ?? "" };
  } catch {
    return null;
  }
}
