import "server-only";
import { getAwsGateway } from "../aws";
import { Persona } from "../generated/prisma/enums";
import { bundleNameLabel, computeTypeLabel, operatingSystemLabel } from "../presentation/labels";
import { bundlesIn, directoriesIn } from "./catalog";

/**
 * One choice in the policy's pickers: the thing's name, what it is, and its id (kept as the value). Labelled here on
 * the server, so the pickers' browser code carries no label tables.
 */
export interface PolicyPickerOption {
  id: string;
  /** The name as people read it: AWS's protocol codes in public bundle names are labelled ("(DCV)", not "(WSP)"). */
  name: string;
  /** What the name alone does not say: for bundles "Standard · Windows · custom · us-east-1"; for directories the Region. */
  detail: string;
}

/**
 * The bundles and directories of every managed Region, by name, for the policy's catalog pickers. Read through the
 * page catalog, so a slow AWS never holds the page; until AWS has answered the lists may be empty.
 */
export async function policyPickerOptions(): Promise<{
  bundles: PolicyPickerOption[];
  directories: PolicyPickerOption[];
  /** Every persona a person can have, as stored ("EMPLOYEE"), for the "Add a persona" choice. */
  personas: string[];
}> {
  const regions = getAwsGateway().regions;
  const [bundles, directories] = await Promise.all([Promise.all(regions.map(bundlesIn)), Promise.all(regions.map(directoriesIn))]);
  const byName = (a: { region: string; name: string }, b: { region: string; name: string }) =>
    a.region.localeCompare(b.region) || a.name.localeCompare(b.name);
  return {
    personas: Object.values(Persona),
    bundles: bundles
      .flat()
      .sort(byName)
      .map((b) => ({
        id: b.id,
        name: bundleNameLabel(b.name),
        detail: [
          b.computeType && computeTypeLabel(b.computeType),
          b.operatingSystem && operatingSystemLabel(b.operatingSystem),
          b.owner === "CUSTOM" && "custom",
          b.region,
        ]
          .filter(Boolean)
          .join(" · "),
      })),
    directories: directories
      .flat()
      .sort(byName)
      .map((d) => ({ id: d.id, name: d.name, detail: d.region })),
  };
}
