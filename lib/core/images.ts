import "server-only";
import { getAwsGateway, type BundleSummary, type WorkspaceImageSummary } from "../aws";
import { db } from "../db";
import { imagingChecks, type ImagingCandidate, type ImagingCheck } from "../domain/images";

// What the image pages and the image service both read from AWS: a WorkSpace's imaging preconditions,
// and which bundles use which image.

export interface ImagingSubject {
  workspaceId: string;
  region: string;
  userName: string;
  computerName: string | null;
  ownerName: string | null;
  candidate: ImagingCandidate;
  checks: ImagingCheck[];
}

/**
 * The WorkSpace as AWS sees it now (its state, encryption and OS), its bundle's licence and its directory's
 * tenancy, checked against the domain's imaging rules. Null when the inventory does not know the WorkSpace.
 */
export async function imagingSubject(workspaceId: string): Promise<ImagingSubject | null> {
  const row = await db().workspace.findFirst({
    where: { id: workspaceId, goneAt: null },
    select: {
      id: true,
      region: true,
      userName: true,
      computerName: true,
      state: true,
      bundleId: true,
      directoryId: true,
      operatingSystem: true,
      rootVolumeEncrypted: true,
      userVolumeEncrypted: true,
      owner: { select: { name: true } },
    },
  });
  if (!row) return null;
  const gw = getAwsGateway().region(row.region);
  const [live, bundles, directories] = await Promise.all([
    gw.workspaces
      .getWorkspaces([row.id])
      .then((r) => r.workspaces[0])
      .catch(() => undefined),
    gw.bundles.describeBundles({ bundleIds: [row.bundleId] }).catch((): BundleSummary[] => []),
    gw.directories.describeDirectories([row.directoryId]).catch(() => []),
  ]);
  const bundle = bundles[0];
  const image = bundle?.imageId ? (await gw.images.list({ imageIds: [bundle.imageId] }).catch(() => []))[0] : undefined;
  const candidate: ImagingCandidate = {
    state: live?.state ?? row.state,
    rootVolumeEncrypted: live?.rootVolumeEncrypted ?? row.rootVolumeEncrypted,
    userVolumeEncrypted: live?.userVolumeEncrypted ?? row.userVolumeEncrypted,
    operatingSystemName: live?.operatingSystemName ?? row.operatingSystem ?? null,
    byol: image?.requiredTenancy === "DEDICATED",
    directoryTenancy: directories[0]?.tenancy ?? null,
  };
  return {
    workspaceId: row.id,
    region: row.region,
    userName: row.userName,
    computerName: row.computerName,
    ownerName: row.owner?.name ?? null,
    candidate,
    checks: imagingChecks(candidate),
  };
}

/** The account's own bundles in a Region, by the image they use, each list by name. */
export async function bundlesByImage(region: string): Promise<Map<string, { bundleId: string; name: string }[]>> {
  const own = await getAwsGateway().region(region).bundles.describeBundles({ owner: "self" });
  const byImage = new Map<string, { bundleId: string; name: string }[]>();
  for (const b of own) {
    if (!b.imageId) continue;
    byImage.set(b.imageId, [...(byImage.get(b.imageId) ?? []), { bundleId: b.bundleId, name: b.name }]);
  }
  for (const list of byImage.values()) list.sort((a, b) => a.name.localeCompare(b.name, "en"));
  return byImage;
}

/** One image of a Region, owned or shared with the account, with whether the account owns it. */
export async function findImage(region: string, imageId: string): Promise<(WorkspaceImageSummary & { owned: boolean }) | null> {
  const gw = getAwsGateway().region(region);
  const [owned, shared] = await Promise.all([
    gw.images.list({ imageIds: [imageId], imageType: "OWNED" }),
    gw.images.list({ imageIds: [imageId], imageType: "SHARED" }),
  ]);
  if (owned[0]) return { ...owned[0], owned: true };
  if (shared[0]) return { ...shared[0], owned: false };
  return null;
}
