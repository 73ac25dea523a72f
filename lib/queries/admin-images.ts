import "server-only";
import { getAwsGateway, type WorkspaceImageSummary } from "../aws";
import { db } from "../db";
import { bundlesByImage, findImage, imagingSubject, type ImagingSubject } from "../core/images";
import { mayCopyImage, mayDeleteImage } from "../domain/images";
import { bundleNameLabel, imageStateLabel } from "../presentation/labels";

/** An image as the admin pages show it: AWS's facts, its words, and the bundles that use it. */
export interface ImageRow {
  region: string;
  imageId: string;
  name: string;
  description?: string;
  state?: string;
  stateLabel: string;
  /** The account owns it; otherwise another account shared it. */
  owned: boolean;
  ownerAccountId?: string;
  operatingSystem?: string;
  byol: boolean;
  createdAt?: string;
  errorCode?: string;
  errorMessage?: string;
  updateAvailable: boolean;
  updateDescription?: string;
  bundles: { bundleId: string; name: string }[];
}

function toRow(region: string, image: WorkspaceImageSummary, owned: boolean, bundles: { bundleId: string; name: string }[]): ImageRow {
  return {
    region,
    imageId: image.imageId,
    name: image.name,
    description: image.description,
    state: image.state,
    stateLabel: imageStateLabel(image.state),
    owned,
    ownerAccountId: image.ownerAccountId,
    operatingSystem: image.operatingSystem,
    byol: image.requiredTenancy === "DEDICATED",
    createdAt: image.createdAt?.toISOString(),
    errorCode: image.errorCode,
    errorMessage: image.errorMessage,
    updateAvailable: image.updateAvailable === true,
    updateDescription: image.updateDescription,
    bundles: bundles.map((b) => ({ ...b, name: bundleNameLabel(b.name) })),
  };
}

/** Every Region's images, owned first, newest first; a Region AWS could not answer for is named in `errors`. */
export async function listImages(): Promise<{ images: ImageRow[]; errors: string[]; regions: string[] }> {
  const gateway = getAwsGateway();
  const images: ImageRow[] = [];
  const errors: string[] = [];
  await Promise.all(
    gateway.regions.map(async (region) => {
      try {
        const gw = gateway.region(region);
        const [owned, shared, byImage] = await Promise.all([
          gw.images.list({ imageType: "OWNED" }),
          gw.images.list({ imageType: "SHARED" }),
          bundlesByImage(region),
        ]);
        for (const i of owned) images.push(toRow(region, i, true, byImage.get(i.imageId) ?? []));
        for (const i of shared) images.push(toRow(region, i, false, byImage.get(i.imageId) ?? []));
      } catch (error) {
        errors.push(`${region}: ${(error as Error).message}`);
      }
    }),
  );
  images.sort(
    (a, b) => Number(b.owned) - Number(a.owned) || (b.createdAt ?? "").localeCompare(a.createdAt ?? "") || a.name.localeCompare(b.name),
  );
  return { images, errors, regions: [...gateway.regions] };
}

export interface ImageDetail {
  image: ImageRow;
  sharedWith: string[];
  /** The portal's other Regions, where it may be copied to. */
  copyTargets: string[];
  /** Why it may not be deleted or copied now, as the domain says. */
  deleteRefusal?: string;
  copyRefusal?: string;
  /** The WorkSpace it was made from, when the portal made it. */
  madeFrom?: { workspaceId: string; name: string; inInventory: boolean };
}

export async function getImage(region: string, imageId: string): Promise<ImageDetail | null> {
  const gateway = getAwsGateway();
  if (!gateway.regions.includes(region)) return null;
  const found = await findImage(region, imageId);
  if (!found) return null;
  const [byImage, sharedWith, made] = await Promise.all([
    bundlesByImage(region),
    found.owned ? gateway.region(region).images.permissions(imageId) : Promise.resolve([]),
    db().auditEvent.findFirst({
      where: { action: "image.created", targetType: "image", targetId: imageId },
      orderBy: { at: "desc" },
      select: { detail: true },
    }),
  ]);
  const image = toRow(region, found, found.owned, byImage.get(imageId) ?? []);
  const deletion = mayDeleteImage(found, image.bundles, sharedWith);
  const copy = mayCopyImage(found);
  const workspaceId = (made?.detail as { workspaceId?: unknown } | null)?.workspaceId;
  let madeFrom: ImageDetail["madeFrom"];
  if (typeof workspaceId === "string") {
    const ws = await db().workspace.findFirst({ where: { id: workspaceId }, select: { computerName: true, userName: true, goneAt: true } });
    madeFrom = {
      workspaceId,
      name: ws ? (ws.computerName ?? `${ws.userName}'s WorkSpace`) : "a WorkSpace no longer in the inventory",
      inInventory: !!ws && !ws.goneAt,
    };
  }
  return {
    image,
    sharedWith,
    copyTargets: gateway.regions.filter((r) => r !== region),
    ...(deletion.allowed ? {} : { deleteRefusal: deletion.reason }),
    ...(copy.allowed ? {} : { copyRefusal: copy.reason }),
    ...(madeFrom ? { madeFrom } : {}),
  };
}

/** The imaging preconditions of one WorkSpace, checked against AWS now. */
export function imagingAssessment(workspaceId: string): Promise<ImagingSubject | null> {
  return imagingSubject(workspaceId);
}

/** WorkSpaces to pick for a new image: by WorkSpace id, user name or computer name (at most 20). */
export async function findWorkspacesToImage(
  query: string,
): Promise<{ id: string; region: string; userName: string; computerName: string | null; state: string; ownerName: string | null }[]> {
  const q = query.trim().slice(0, 100);
  if (!q) return [];
  const rows = await db().workspace.findMany({
    where: {
      goneAt: null,
      OR: [
        { id: { startsWith: q.toLowerCase() } },
        { userName: { contains: q, mode: "insensitive" } },
        { computerName: { contains: q, mode: "insensitive" } },
      ],
    },
    select: { id: true, region: true, userName: true, computerName: true, state: true, owner: { select: { name: true } } },
    orderBy: [{ userName: "asc" }, { id: "asc" }],
    take: 20,
  });
  return rows.map(({ owner, ...r }) => ({ ...r, ownerName: owner?.name ?? null }));
}
