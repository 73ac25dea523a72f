import "server-only";
import type { z } from "zod";
import { AwsGatewayError, getAwsGateway } from "../../aws";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { refreshCatalog } from "../../core/catalog";
import { ServiceError } from "../../core/errors";
import { bundlesByImage, findImage, imagingSubject } from "../../core/images";
import { mayCopyImage, mayDeleteImage, mayImage, mayShareImage } from "../../domain/images";
import { copyImageInput, createImageInput, imagePermissionInput, imageRef } from "../../schemas/images";
import { callAws, parseInput, requireAdmin } from "./guard";
import type { AdminCaller } from "./guard";

// Custom images: made from a WorkSpace, copied into another Region, shared with other accounts, deleted.
// The domain's rules are checked first and explained; what AWS still refuses is recorded and shown
// with AWS's own words beside the plain sentence.

/** AWS's message, added to the gateway's plain sentence when it says more (e.g. which bundles use an image). */
function withAwsWords<T>(call: Promise<T>): Promise<T> {
  return call.catch((error: unknown) => {
    if (error instanceof AwsGatewayError) {
      const said = error.details.awsMessage?.trim();
      if (said && !error.message.includes(said)) error.message = `${error.message} AWS said: ${said}`;
    }
    throw error;
  });
}

/** Starts an image of a WorkSpace; the image is PENDING until AWS finishes it (the images page follows it). */
export async function createImageFromWorkspace(
  caller: AdminCaller,
  raw: z.input<typeof createImageInput>,
): Promise<{ imageId: string; region: string }> {
  const actor = await requireAdmin(caller);
  const input = parseInput(createImageInput, raw);
  const subject = await imagingSubject(input.workspaceId);
  if (!subject) throw new ServiceError("not_found", "That WorkSpace is not in the inventory.");
  const verdict = mayImage(subject.candidate);
  if (!verdict.allowed) throw new ServiceError("refused", `This WorkSpace cannot be imaged. ${verdict.reasons.join(" ")}`);
  const detail = { name: input.name, region: subject.region, workspaceId: input.workspaceId };
  const out = await callAws(actor, { action: "image.create", targetType: "image", targetId: input.workspaceId, detail }, () =>
    withAwsWords(
      getAwsGateway()
        .region(subject.region)
        .images.create({ workspaceId: input.workspaceId, name: input.name, description: input.description }),
    ),
  );
  await recordAudit(db(), {
    actor,
    action: "image.created",
    targetType: "image",
    targetId: out.image.imageId,
    after: { name: input.name, description: input.description, state: out.image.state },
    awsRequestIds: [out.requestId],
    detail,
  });
  return { imageId: out.image.imageId, region: subject.region };
}

async function requireImage(region: string, imageId: string) {
  const image = await withAwsWords(findImage(region, imageId)).catch((error: unknown) => {
    if (error instanceof AwsGatewayError) throw new ServiceError("refused", `AWS could not be asked about the image: ${error.message}`);
    throw error;
  });
  if (!image) throw new ServiceError("not_found", `There is no image ${imageId} in ${region}.`);
  return image;
}

/** Refused, naming them, while bundles use the image; refused while it is shared or still being made. */
export async function deleteImage(caller: AdminCaller, raw: z.input<typeof imageRef>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(imageRef, raw);
  const image = await requireImage(input.region, input.imageId);
  const gw = getAwsGateway().region(input.region);
  const [using, sharedWith] = await Promise.all([
    bundlesByImage(input.region).then((m) => m.get(input.imageId) ?? []),
    image.owned ? gw.images.permissions(input.imageId) : Promise.resolve([]),
  ]);
  const verdict = mayDeleteImage(image, using, sharedWith);
  if (!verdict.allowed) throw new ServiceError("refused", verdict.reason);
  const detail = { name: image.name, region: input.region };
  const out = await callAws(actor, { action: "image.delete", targetType: "image", targetId: input.imageId, detail }, () =>
    withAwsWords(gw.images.delete(input.imageId)),
  );
  await recordAudit(db(), {
    actor,
    action: "image.deleted",
    targetType: "image",
    targetId: input.imageId,
    before: { name: image.name, state: image.state, description: image.description },
    awsRequestIds: [out.requestId],
    detail,
  });
  refreshCatalog();
}

/** Copies an available image into another managed Region under a new id. */
export async function copyImage(caller: AdminCaller, raw: z.input<typeof copyImageInput>): Promise<{ imageId: string; region: string }> {
  const actor = await requireAdmin(caller);
  const input = parseInput(copyImageInput, raw);
  const gateway = getAwsGateway();
  if (!gateway.regions.includes(input.targetRegion))
    throw new ServiceError("invalid", `The portal does not manage WorkSpaces in ${input.targetRegion}.`, [
      { code: "targetRegion", message: "Choose one of the portal's Regions." },
    ]);
  const image = await requireImage(input.region, input.imageId);
  const verdict = mayCopyImage(image);
  if (!verdict.allowed) throw new ServiceError("refused", verdict.reason);
  const detail = { name: input.name, region: input.targetRegion, sourceRegion: input.region, sourceImageId: input.imageId };
  const out = await callAws(actor, { action: "image.copy", targetType: "image", targetId: input.imageId, detail }, () =>
    withAwsWords(
      gateway.region(input.targetRegion).images.copyFrom({
        name: input.name,
        description: input.description ?? image.description,
        sourceImageId: input.imageId,
        sourceRegion: input.region,
      }),
    ),
  );
  await recordAudit(db(), {
    actor,
    action: "image.copied",
    targetType: "image",
    targetId: out.imageId,
    after: { name: input.name },
    awsRequestIds: [out.requestId],
    detail,
  });
  return { imageId: out.imageId, region: input.targetRegion };
}

/** Shares the image with an account (which may then copy it), or stops sharing it. */
export async function setImagePermission(caller: AdminCaller, raw: z.input<typeof imagePermissionInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(imagePermissionInput, raw);
  const image = await requireImage(input.region, input.imageId);
  if (input.allow) {
    const verdict = mayShareImage(image, input.accountId);
    if (!verdict.allowed) throw new ServiceError("refused", verdict.reason);
  } else if (!image.owned)
    throw new ServiceError("refused", "Another account shared this image with you; only its owner can change who may use it.");
  const base = input.allow ? "image.share" : "image.unshare";
  const detail = { name: image.name, region: input.region, accountId: input.accountId };
  const out = await callAws(actor, { action: base, targetType: "image", targetId: input.imageId, detail }, () =>
    withAwsWords(getAwsGateway().region(input.region).images.setPermission(input.imageId, input.accountId, input.allow)),
  );
  await recordAudit(db(), {
    actor,
    action: input.allow ? "image.shared" : "image.unshared",
    targetType: "image",
    targetId: input.imageId,
    awsRequestIds: [out.requestId],
    detail,
  });
}
