import "server-only";
import { getAwsGateway, type BundleSummary } from "../aws";
import { db } from "../db";
import { toDomainBundle } from "../core/catalog-mapping";
import { getCatalogDisplay, getPolicySettings } from "../core/settings";
import { bundleNameLabel } from "../presentation/labels";

/** What AWS says of the bundle (less its raw owner), plus who uses it and who is offered it. */
export interface BundleView extends Omit<BundleSummary, "owner"> {
  region: string;
  custom: boolean;
  inUse: number;
  offeredTo: string[];
  /** How the employee catalog presents it, when an admin named it. */
  display?: { displayName: string; description: string };
  /** As the employee catalog reads it (from the image, or the public bundle's name). */
  operatingSystem: "WINDOWS" | "LINUX";
  protocol: "PCOIP" | "WSP";
  /** The image's name, when the account can see the image (custom bundles). */
  imageName?: string;
}

export async function listBundles(): Promise<{
  bundles: BundleView[];
  images: { region: string; imageId: string; name: string; os?: string }[];
  errors: string[];
}> {
  const gateway = getAwsGateway();
  const [usage, policy, display] = await Promise.all([
    db().workspace.groupBy({ by: ["bundleId"], where: { goneAt: null }, _count: { _all: true } }),
    getPolicySettings(db()),
    getCatalogDisplay(db()),
  ]);
  const inUse = new Map(usage.map((u) => [u.bundleId, u._count._all]));
  const offers = [
    ...Object.entries(policy.catalog.byPersona).map(([k, v]) => [`persona ${k}`, v.bundleIds] as const),
    ...Object.entries(policy.catalog.byGroup).map(([k, v]) => [`group ${k}`, v.bundleIds] as const),
  ];
  const bundles: BundleView[] = [];
  const images: { region: string; imageId: string; name: string; os?: string }[] = [];
  const errors: string[] = [];
  await Promise.all(
    gateway.regions.map(async (region) => {
      try {
        const gw = gateway.region(region);
        const [list, imgs] = await Promise.all([gw.bundles.describeBundles({ owner: "all" }), gw.bundles.describeImages()]);
        for (const i of imgs) if (i.state === "AVAILABLE") images.push({ region, imageId: i.imageId, name: i.name, os: i.operatingSystem });
        const imageOf = (id: string | undefined) => imgs.find((i) => i.imageId === id);
        for (const b of list) {
          const { owner, ...summary } = b;
          const image = imageOf(b.imageId);
          const domain = toDomainBundle(region, b, image);
          bundles.push({
            ...summary,
            // AWS's "(WSP)" / "(PCOIP)" in public bundles' names read "(DCV)" / "(PCoIP)".
            name: bundleNameLabel(summary.name),
            operatingSystem: domain?.operatingSystem ?? (image?.operatingSystem === "LINUX" ? "LINUX" : "WINDOWS"),
            protocol: domain?.protocol ?? "WSP",
            ...(image ? { imageName: image.name } : {}),
            region,
            custom: owner !== "AMAZON",
            inUse: inUse.get(b.bundleId) ?? 0,
            offeredTo: offers.filter(([, ids]) => ids.includes(b.bundleId)).map(([who]) => who),
            display: display[b.bundleId],
          });
        }
      } catch (error) {
        errors.push(`${region}: ${(error as Error).message}`);
      }
    }),
  );
  bundles.sort((a, b) => a.region.localeCompare(b.region) || Number(b.custom) - Number(a.custom) || a.name.localeCompare(b.name));
  return { bundles, images, errors };
}

/** One bundle's page: the bundle (in the given Region when the same id shows in several) and its Region's images. */
export async function getBundle(bundleId: string, region?: string) {
  const { bundles, images, errors } = await listBundles();
  const bundle = bundles.find((b) => b.bundleId === bundleId && (!region || b.region === region)) ?? null;
  return { bundle, images: bundle ? images.filter((i) => i.region === bundle.region) : [], errors };
}
