import type { Handler, OpContext } from "../engine";
import { AwsError, invalidParameter, invalidState, limitExceeded, notFound, notSupported } from "../protocol/errors";
import { operatingSystemNameOf } from "../world/catalog";
import { IMAGE_COPY_MINUTES, IMAGE_CREATE_MINUTES, IMAGE_UPDATE_AGE, IMAGES_PER_REGION, imageReadyAt } from "../world/images";
import { randomId } from "../world/ids";
import { seconds } from "../world/present";
import { setTimer } from "../world/records";
import type { ImageRecord, RegionWorld, Tag } from "../world/types";
import { pageByOffset } from "./pagination";
import { checkTags, requireWorkspace } from "./rules";

// Custom images: made from a WorkSpace, copied between Regions, shared with other accounts, deleted.
// The refusals follow the API model's error names and the rules the seed and the model document.

const own = (world: RegionWorld) => Object.values(world.images).filter((i) => !i.shared);

export function presentImage(i: ImageRecord, now: number): Record<string, unknown> {
  const owned = !i.shared;
  const updatable = owned && i.os === "WINDOWS" && i.State === "AVAILABLE" && now - i.Created > IMAGE_UPDATE_AGE;
  return {
    ImageId: i.ImageId,
    Name: i.Name,
    Description: i.Description,
    OperatingSystem: { Type: i.os },
    State: i.State,
    RequiredTenancy: i.RequiredTenancy,
    Created: seconds(i.Created),
    OwnerAccountId: i.OwnerAccountId,
    ...(i.ErrorCode ? { ErrorCode: i.ErrorCode, ErrorMessage: i.ErrorMessage ?? i.ErrorCode } : {}),
    ...(owned && i.State === "AVAILABLE"
      ? {
          Updates: updatable
            ? { UpdateAvailable: true, Description: "Newer drivers and WorkSpaces components are available for this image." }
            : { UpdateAvailable: false },
        }
      : {}),
  };
}

function limitCheck(world: RegionWorld): void {
  if (own(world).length >= IMAGES_PER_REGION)
    throw limitExceeded(`The account already has ${IMAGES_PER_REGION} images in ${world.region}, the most a Region allows.`);
}

function nameCheck(world: RegionWorld, name: string): void {
  if (own(world).some((i) => i.Name === name))
    throw new AwsError("ResourceAlreadyExistsException", `An image named ${name} already exists.`);
}

function saveTags(world: RegionWorld, id: string, tags: Tag[] | undefined): void {
  checkTags(tags);
  if ((tags?.length ?? 0) > 50) throw limitExceeded("An image can have at most 50 tags.");
  if (tags?.length) world.tags[id] = tags.map((t) => ({ Key: t.Key, Value: t.Value ?? "" }));
}

function ownedImage(ctx: OpContext, id: string): ImageRecord {
  const image = ctx.world.images[id];
  if (!image) throw notFound(`The image ${id} could not be found.`);
  if (image.shared) throw new AwsError("AccessDeniedException", `The image ${id} belongs to account ${image.OwnerAccountId}.`);
  return image;
}

const createWorkspaceImage: Handler = (ctx, input) => {
  const req = input as { Name: string; Description: string; WorkspaceId: string; Tags?: Tag[] };
  const ws = requireWorkspace(ctx, req.WorkspaceId);
  if (ws.State !== "AVAILABLE")
    throw invalidState(`The WorkSpace ${ws.WorkspaceId} is ${ws.State}; an image can only be made from an AVAILABLE WorkSpace.`);
  if (ws.RootVolumeEncryptionEnabled || ws.UserVolumeEncryptionEnabled)
    throw notSupported(`The WorkSpace ${ws.WorkspaceId} has encrypted volumes; images cannot be made from encrypted WorkSpaces.`);
  const bundle = ctx.world.bundles[ws.BundleId];
  const osName = ws.OperatingSystemName ?? (bundle ? operatingSystemNameOf(bundle) : "WINDOWS_SERVER_2019");
  const linux = bundle?.os === "LINUX" || !osName.startsWith("WINDOWS");
  if (linux && osName !== "AMAZON_LINUX_2")
    throw notSupported(`Images can be made from Windows and Amazon Linux 2 WorkSpaces only; ${ws.WorkspaceId} runs ${osName}.`);
  const byol = bundle?.byol ?? false;
  const tenancy = ctx.world.directories[ws.DirectoryId]?.registration?.Tenancy;
  if (byol && tenancy !== "DEDICATED")
    throw notSupported(
      `The WorkSpace ${ws.WorkspaceId} runs a BYOL image, and its directory ${ws.DirectoryId} is not registered for dedicated tenancy.`,
    );
  nameCheck(ctx.world, req.Name);
  limitCheck(ctx.world);
  const id = randomId("wsi-");
  saveTags(ctx.world, id, req.Tags);
  const readyAt = imageReadyAt(ctx.now, IMAGE_CREATE_MINUTES);
  const image: ImageRecord = {
    ImageId: id,
    Name: req.Name,
    Description: req.Description,
    os: linux ? "LINUX" : "WINDOWS",
    State: "PENDING",
    RequiredTenancy: byol ? "DEDICATED" : "DEFAULT",
    Created: ctx.now,
    OwnerAccountId: ctx.world.accountId,
    shared: false,
    readyAt,
    sourceWorkspaceId: ws.WorkspaceId,
  };
  ctx.world.images[id] = image;
  // The WorkSpace cannot be used while AWS images it.
  ws.State = "SUSPENDED";
  setTimer(ws, readyAt, "becomeAvailable");
  const { ErrorCode: _e, ErrorMessage: _m, Updates: _u, ...out } = presentImage(image, ctx.now);
  void _e;
  void _m;
  void _u;
  return out;
};

const describeWorkspaceImages: Handler = (ctx, input) => {
  const req = input as { ImageIds?: string[]; ImageType?: string; NextToken?: string; MaxResults?: number };
  let list = Object.values(ctx.world.images);
  if (req.ImageIds) list = req.ImageIds.map((id) => ctx.world.images[id]).filter((i): i is ImageRecord => i !== undefined);
  if (req.ImageType === "OWNED") list = list.filter((i) => !i.shared);
  if (req.ImageType === "SHARED") list = list.filter((i) => i.shared);
  const { page, next } = pageByOffset(list, req.MaxResults ?? 25, req.NextToken);
  return { Images: page.map((i) => presentImage(i, ctx.now)), ...(next ? { NextToken: next } : {}) };
};

const deleteWorkspaceImage: Handler = (ctx, input) => {
  const id = String(input.ImageId);
  const image = ctx.world.images[id];
  // Deleting an image that is already gone succeeds, as on AWS.
  if (!image) return {};
  if (image.shared) throw new AwsError("AccessDeniedException", `The image ${id} belongs to account ${image.OwnerAccountId}.`);
  if (image.State === "PENDING") throw invalidState(`The image ${id} is PENDING; wait until it is AVAILABLE or ERROR.`);
  const bundles = Object.values(ctx.world.bundles).filter((b) => b.ImageId === id);
  if (bundles.length)
    throw new AwsError(
      "ResourceAssociatedException",
      `The image ${id} is used by the bundle${bundles.length === 1 ? "" : "s"} ` +
        `${bundles.map((b) => b.BundleId).join(", ")}; delete them first.`,
    );
  if (image.sharedWith?.length)
    throw new AwsError("ResourceAssociatedException", `The image ${id} is shared with ${image.sharedWith.join(", ")}; unshare it first.`);
  delete ctx.world.images[id];
  delete ctx.world.tags[id];
  return {};
};

const copyWorkspaceImage: Handler = (ctx, input) => {
  const req = input as { Name: string; Description?: string; SourceImageId: string; SourceRegion: string; Tags?: Tag[] };
  // The source Region of the same account.
  const source = ctx.engine.region(req.SourceRegion, ctx.world.accountId).images[req.SourceImageId];
  if (!source) throw notFound(`The image ${req.SourceImageId} could not be found in ${req.SourceRegion}.`);
  if (source.State !== "AVAILABLE")
    throw new AwsError(
      "ResourceUnavailableException",
      `The image ${source.ImageId} is ${source.State}; only an AVAILABLE image can be copied.`,
    );
  nameCheck(ctx.world, req.Name);
  limitCheck(ctx.world);
  const id = randomId("wsi-");
  saveTags(ctx.world, id, req.Tags);
  ctx.world.images[id] = {
    ImageId: id,
    Name: req.Name,
    Description: req.Description ?? source.Description,
    os: source.os,
    State: "PENDING",
    RequiredTenancy: source.RequiredTenancy,
    Created: ctx.now,
    OwnerAccountId: ctx.world.accountId,
    shared: false,
    readyAt: imageReadyAt(ctx.now, IMAGE_COPY_MINUTES),
  };
  return { ImageId: id };
};

const describeWorkspaceImagePermissions: Handler = (ctx, input) => {
  const req = input as { ImageId: string; NextToken?: string; MaxResults?: number };
  const image = ownedImage(ctx, req.ImageId);
  const { page, next } = pageByOffset(image.sharedWith ?? [], req.MaxResults ?? 25, req.NextToken);
  return {
    ImageId: image.ImageId,
    ImagePermissions: page.map((account) => ({ SharedAccountId: account })),
    ...(next ? { NextToken: next } : {}),
  };
};

const updateWorkspaceImagePermission: Handler = (ctx, input) => {
  const req = input as { ImageId: string; AllowCopyImage: boolean; SharedAccountId: string };
  const image = ownedImage(ctx, req.ImageId);
  if (req.SharedAccountId === ctx.world.accountId) throw invalidParameter("An image cannot be shared with the account that owns it.");
  const shared = image.sharedWith ?? [];
  if (req.AllowCopyImage) {
    if (image.State !== "AVAILABLE")
      throw new AwsError(
        "ResourceUnavailableException",
        `The image ${image.ImageId} is ${image.State}; only an AVAILABLE image can be shared.`,
      );
    if (!shared.includes(req.SharedAccountId)) image.sharedWith = [...shared, req.SharedAccountId];
  } else {
    image.sharedWith = shared.filter((a) => a !== req.SharedAccountId);
  }
  return {};
};

export const imageOps: Record<string, Handler> = {
  CreateWorkspaceImage: createWorkspaceImage,
  DescribeWorkspaceImages: describeWorkspaceImages,
  DeleteWorkspaceImage: deleteWorkspaceImage,
  CopyWorkspaceImage: copyWorkspaceImage,
  DescribeWorkspaceImagePermissions: describeWorkspaceImagePermissions,
  UpdateWorkspaceImagePermission: updateWorkspaceImagePermission,
};

/** For the control API: make a PENDING image (of any account and Region) end in ERROR with AWS's code and message. */
export function markImageToFail(
  state: { regions: Record<string, RegionWorld>; accounts?: Record<string, Record<string, RegionWorld>> },
  imageId: string,
  failure: { code: string; message: string },
): { ok: true; region: string } | { ok: false; error: string } {
  const worlds = [...Object.values(state.regions), ...Object.values(state.accounts ?? {}).flatMap((r) => Object.values(r))];
  for (const world of worlds) {
    const image = world.images[imageId];
    if (!image) continue;
    if (image.State !== "PENDING") return { ok: false, error: `image ${imageId} is ${image.State}, not PENDING` };
    image.failure = failure;
    return { ok: true, region: world.region };
  }
  return { ok: false, error: `no image ${imageId}` };
}
