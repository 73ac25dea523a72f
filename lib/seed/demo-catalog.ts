import type { AwsGateway } from "../aws";
import { DEFAULT_POLICY_SETTINGS, type CatalogEntry, type PolicySettings } from "../domain";
import type { PrismaClient } from "../generated/prisma/client";
import { toDomainBundle } from "../services/catalog-mapping";
import { POLICY_SETTING_KEY } from "../services/settings";

/**
 * With the embedded sandbox, the first start offers a sensible catalog so the demo works out of the
 * box: employees get the employees' and labs directories and every Windows and Linux bundle that is not
 * BYOL; contractors get the contractors' directory and the small Windows bundles. Admins change it later
 * in the policy screen; once a policy is stored this never runs again.
 */
export async function seedDemoCatalog(db: PrismaClient, gateway: AwsGateway): Promise<boolean> {
  if (await db.setting.findUnique({ where: { key: POLICY_SETTING_KEY } })) return false;
  const employees: CatalogEntry = { bundleIds: [], directoryIds: [] };
  const contractors: CatalogEntry = { bundleIds: [], directoryIds: [] };
  for (const region of gateway.regions) {
    const gw = gateway.region(region);
    const [directories, bundles] = await Promise.all([gw.directories.describeDirectories(), gw.bundles.describeBundles({ owner: "all" })]);
    for (const d of directories) (/contractor/i.test(`${d.name} ${d.alias ?? ""}`) ? contractors : employees).directoryIds.push(d.directoryId);
    for (const summary of bundles) {
      const bundle = toDomainBundle(region, summary, undefined);
      if (!bundle || bundle.licence === "BYOL") continue;
      employees.bundleIds.push(bundle.id);
      if (bundle.operatingSystem === "WINDOWS" && ["VALUE", "STANDARD"].includes(bundle.computeType)) contractors.bundleIds.push(bundle.id);
    }
  }
  const policy: PolicySettings = { ...DEFAULT_POLICY_SETTINGS, catalog: { byPersona: { EMPLOYEE: employees, CONTRACTOR: contractors }, byGroup: {} } };
  await db.setting.createMany({ data: [{ key: POLICY_SETTING_KEY, value: policy }], skipDuplicates: true });
  return true;
}
