import "server-only";
import type { AwsGateway } from "../aws";
import type { CatalogEntry, PolicySettings } from "../domain";
import type { PrismaClient } from "../generated/prisma/client";
import { toDomainBundle } from "../core/catalog-mapping";
import { getPolicySettings, POLICY_SETTING_KEY } from "../core/settings";

/**
 * With the embedded sandbox, the first start offers a sensible catalog so the demo works out of the
 * box: employees get the employees' and labs directories and every Windows and Linux bundle that is not
 * BYOL; contractors get the contractors' directory and the small Windows bundles. Admins change it later
 * in the policy screen. It fills the catalog only while no admin has saved a policy and the stored one
 * (if any, e.g. from POLICY_FILE) offers nothing.
 */
export async function seedDemoCatalog(db: PrismaClient, gateway: AwsGateway): Promise<boolean> {
  const stored = await db.setting.findUnique({ where: { key: POLICY_SETTING_KEY } });
  if (stored?.updatedById) return false;
  const current = await getPolicySettings(db);
  if (Object.keys(current.catalog.byPersona).length || Object.keys(current.catalog.byGroup).length) return false;
  const employees: CatalogEntry = { bundleIds: [], directoryIds: [] };
  const contractors: CatalogEntry = { bundleIds: [], directoryIds: [] };
  for (const region of gateway.regions) {
    const gw = gateway.region(region);
    const [directories, bundles] = await Promise.all([gw.directories.describeDirectories(), gw.bundles.describeBundles({ owner: "all" })]);
    for (const d of directories)
      (/contractor/i.test(`${d.name} ${d.alias ?? ""}`) ? contractors : employees).directoryIds.push(d.directoryId);
    for (const summary of bundles) {
      const bundle = toDomainBundle(region, summary, undefined);
      if (!bundle || bundle.licence === "BYOL") continue;
      employees.bundleIds.push(bundle.id);
      if (bundle.operatingSystem === "WINDOWS" && ["VALUE", "STANDARD"].includes(bundle.computeType)) contractors.bundleIds.push(bundle.id);
    }
  }
  const policy: PolicySettings = { ...current, catalog: { byPersona: { EMPLOYEE: employees, CONTRACTOR: contractors }, byGroup: {} } };
  await db.setting.upsert({
    where: { key: POLICY_SETTING_KEY },
    create: { key: POLICY_SETTING_KEY, value: policy },
    update: { value: policy },
  });
  return true;
}
