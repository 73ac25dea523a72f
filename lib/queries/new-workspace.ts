import "server-only";
import type { CurrentUser } from "../auth/session";
import { getConfig } from "../config";
import { db } from "../db";
import { BREAK_EVEN_HOURS, catalogOfferingFor, costSpecForBundle, monthlyCost, type Money } from "../domain";
import { getCatalogDisplay } from "../core/settings";
import { policyAndPrices } from "./settings";
import { bundlesIn, directoriesIn } from "./catalog";

export interface BundleCard {
  id: string;
  /** The admin's display name for the catalog, or AWS's bundle name. */
  name: string;
  /** What the bundle is for, as the admin describes it; null when none is set. */
  description: string | null;
  region: string;
  computeType: string;
  vcpu: number;
  memoryGiB: number;
  gpu: string | null;
  operatingSystem: string;
  protocol: string;
  defaultRootVolumeGb: number;
  defaultUserVolumeGb: number;
  alwaysOn: Money | null;
  autoStop: Money | null;
  breakEvenHours: number | null;
}

/** What the "Request a WorkSpace" form may offer this user: their directories and bundles, priced. */
export async function newWorkspaceOptions(user: CurrentUser) {
  const [me, { settings, prices }, display] = await Promise.all([
    db().user.findUnique({ where: { id: user.id }, select: { persona: true, groups: true, costCenter: true, directoryUserName: true } }),
    policyAndPrices(),
    getCatalogDisplay(db()),
  ]);
  const regions = getConfig().aws.regions;
  const perRegion = await Promise.all(
    regions.map(async (region) => ({ region, directories: await directoriesIn(region), bundles: await bundlesIn(region) })),
  );
  const persona = { persona: me?.persona ?? "EMPLOYEE", groups: me?.groups ?? [] };
  const directories: { id: string; name: string; type: string; region: string }[] = [];
  const bundles: BundleCard[] = [];
  for (const r of perRegion) {
    const offering = catalogOfferingFor(persona, r.directories, settings.catalog);
    for (const d of r.directories)
      if (offering.directoryIds.includes(d.id)) directories.push({ id: d.id, name: d.name, type: d.type, region: r.region });
    for (const b of r.bundles) {
      if (!offering.bundleIds.includes(b.id)) continue;
      const price = (mode: "ALWAYS_ON" | "AUTO_STOP") => {
        const c = monthlyCost(costSpecForBundle(b, mode), prices, { expectedAutoStopHours: settings.expectedAutoStopHoursPerMonth });
        return c.ok ? c.total : null;
      };
      bundles.push({
        id: b.id,
        name: display[b.id]?.displayName ?? b.name,
        description: display[b.id]?.description || null,
        region: b.region,
        computeType: b.computeType,
        vcpu: b.vcpu,
        memoryGiB: b.memoryGiB,
        gpu: b.gpu ? `${b.gpu.count} GPU, ${b.gpu.memoryGiB} GiB video memory` : null,
        operatingSystem: b.operatingSystem,
        protocol: b.protocol,
        defaultRootVolumeGb: b.defaultRootVolumeGb,
        defaultUserVolumeGb: b.defaultUserVolumeGb,
        alwaysOn: price("ALWAYS_ON"),
        autoStop: price("AUTO_STOP"),
        breakEvenHours: BREAK_EVEN_HOURS[b.computeType] ?? null,
      });
    }
  }
  return {
    directories,
    bundles,
    costCenter: me?.costCenter ?? "",
    directoryUserName: me?.directoryUserName ?? null,
    expectedAutoStopHours: settings.expectedAutoStopHoursPerMonth,
  };
}
