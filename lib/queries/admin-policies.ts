import "server-only";
import { getAwsGateway } from "../aws";
import { Persona } from "../generated/prisma/enums";
import { bundlesIn, directoriesIn } from "./catalog";

/** One choice in the policy's pickers: the thing's name, what it is, and its id (kept as the value). */
export interface PolicyPickerOption {
  id: string;
  name: string;
  region: string;
  /** For bundles: what the name alone does not say. */
  computeType?: string;
  operatingSystem?: string;
  custom?: boolean;
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
  const byName = (a: PolicyPickerOption, b: PolicyPickerOption) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name);
  return {
    personas: Object.values(Persona),
    bundles: bundles
      .flat()
      .map((b) => ({
        id: b.id,
        name: b.name,
        region: b.region,
        computeType: b.computeType,
        operatingSystem: b.operatingSystem,
        custom: b.owner === "CUSTOM",
      }))
      .sort(byName),
    directories: directories
      .flat()
      .map((d) => ({ id: d.id, name: d.name, region: d.region }))
      .sort(byName),
  };
}
