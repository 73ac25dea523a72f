import type { Handler } from "../engine";
import { AwsError, invalidParameter, notFound } from "../protocol/errors";
import { ACCOUNT_ID } from "../world/catalog";
import { randomId } from "../world/ids";
import { seconds } from "../world/present";
import type { BundleRecord, Tag } from "../world/types";
import { pageByOffset } from "./pagination";
import { checkTags } from "./rules";

export function presentBundle(b: BundleRecord): Record<string, unknown> {
  return {
    BundleId: b.BundleId,
    Name: b.Name,
    Owner: b.Owner,
    Description: b.Description,
    ImageId: b.ImageId,
    RootStorage: { Capacity: b.RootCapacity },
    UserStorage: { Capacity: b.UserCapacity },
    ComputeType: { Name: b.ComputeType },
    LastUpdatedTime: seconds(b.LastUpdatedTime),
    CreationTime: seconds(b.CreationTime),
    State: "AVAILABLE",
    BundleType: "REGULAR",
  };
}

const describeWorkspaceBundles: Handler = (ctx, input) => {
  const req = input as { BundleIds?: string[]; Owner?: string; NextToken?: string };
  if (req.BundleIds && req.Owner) throw invalidParameter("BundleIds and Owner cannot be combined.");
  const all = Object.values(ctx.world.bundles);
  let list: BundleRecord[];
  if (req.BundleIds) list = req.BundleIds.map((id) => ctx.world.bundles[id]).filter((b): b is BundleRecord => b !== undefined);
  else if (req.Owner === "AMAZON") list = all.filter((b) => b.Owner === "AMAZON");
  else if (req.Owner === undefined || req.Owner === ACCOUNT_ID) list = all.filter((b) => b.Owner !== "AMAZON");
  else list = [];
  const { page, next } = pageByOffset(list, 25, req.NextToken);
  return { Bundles: page.map(presentBundle), ...(next ? { NextToken: next } : {}) };
};

const VALID_USER_CAPACITY = ["10", "50", "100"];
const VALID_ROOT_CAPACITY = ["80", "100", "175"];

const createWorkspaceBundle: Handler = (ctx, input) => {
  const req = input as {
    BundleName: string;
    BundleDescription: string;
    ImageId: string;
    ComputeType: { Name?: string };
    UserStorage: { Capacity?: string };
    RootStorage?: { Capacity?: string };
    Tags?: Tag[];
  };
  const image = ctx.world.images[req.ImageId];
  if (!image) throw notFound(`The image ${req.ImageId} could not be found.`);
  if (image.State !== "AVAILABLE") throw new AwsError("ResourceUnavailableException", `The image ${req.ImageId} is ${image.State}.`);
  if (Object.values(ctx.world.bundles).some((b) => b.Name === req.BundleName && b.Owner !== "AMAZON")) {
    throw new AwsError("ResourceAlreadyExistsException", `A bundle named ${req.BundleName} already exists.`);
  }
  if (!req.ComputeType.Name) throw invalidParameter("ComputeType.Name is required.");
  const user = req.UserStorage.Capacity ?? "";
  const root = req.RootStorage?.Capacity ?? (req.ComputeType.Name.startsWith("GRAPHICS") ? "100" : "80");
  if (!VALID_USER_CAPACITY.includes(user)) throw invalidParameter(`UserStorage.Capacity must be one of ${VALID_USER_CAPACITY.join(", ")}.`);
  if (!VALID_ROOT_CAPACITY.includes(root)) throw invalidParameter(`RootStorage.Capacity must be one of ${VALID_ROOT_CAPACITY.join(", ")}.`);
  checkTags(req.Tags);
  if ((req.Tags?.length ?? 0) > 50) throw new AwsError("ResourceLimitExceededException", "A bundle can have at most 50 tags.");
  const id = randomId("wsb-");
  const bundle: BundleRecord = {
    BundleId: id,
    Name: req.BundleName,
    Owner: ACCOUNT_ID,
    Description: req.BundleDescription,
    ImageId: image.ImageId,
    RootCapacity: root,
    UserCapacity: user,
    ComputeType: req.ComputeType.Name,
    CreationTime: ctx.now,
    LastUpdatedTime: ctx.now,
    os: image.os,
    protocols: ["WSP", "PCOIP"],
    byol: image.RequiredTenancy === "DEDICATED",
  };
  ctx.world.bundles[id] = bundle;
  if (req.Tags?.length) ctx.world.tags[id] = req.Tags.map((t) => ({ Key: t.Key, Value: t.Value ?? "" }));
  return { WorkspaceBundle: presentBundle(bundle) };
};

function ownedBundle(ctx: Parameters<Handler>[0], id: string | undefined): BundleRecord {
  const bundle = id ? ctx.world.bundles[id] : undefined;
  if (!bundle) throw notFound(`The bundle ${id ?? ""} could not be found.`);
  if (bundle.Owner === "AMAZON")
    throw new AwsError("AccessDeniedException", `The bundle ${bundle.BundleId} is owned by Amazon and cannot be changed.`);
  return bundle;
}

const updateWorkspaceBundle: Handler = (ctx, input) => {
  const req = input as { BundleId?: string; ImageId?: string };
  const bundle = ownedBundle(ctx, req.BundleId);
  if (!req.ImageId) throw invalidParameter("ImageId is required.");
  const image = ctx.world.images[req.ImageId];
  if (!image) throw notFound(`The image ${req.ImageId} could not be found.`);
  if (image.State !== "AVAILABLE") throw new AwsError("ResourceUnavailableException", `The image ${req.ImageId} is ${image.State}.`);
  if (image.os !== bundle.os)
    throw new AwsError("OperationNotSupportedException", "The image's operating system differs from the bundle's.");
  bundle.ImageId = image.ImageId;
  bundle.LastUpdatedTime = ctx.now;
  return {};
};

const deleteWorkspaceBundle: Handler = (ctx, input) => {
  const bundle = ownedBundle(ctx, input.BundleId as string | undefined);
  if (Object.values(ctx.world.workspaces).some((ws) => ws.BundleId === bundle.BundleId && ws.State !== "TERMINATED")) {
    throw new AwsError(
      "ResourceAssociatedException",
      `The bundle ${bundle.BundleId} is used by WorkSpaces; terminate or migrate them first.`,
    );
  }
  delete ctx.world.bundles[bundle.BundleId];
  delete ctx.world.tags[bundle.BundleId];
  return {};
};

export const bundleOps: Record<string, Handler> = {
  DescribeWorkspaceBundles: describeWorkspaceBundles,
  CreateWorkspaceBundle: createWorkspaceBundle,
  UpdateWorkspaceBundle: updateWorkspaceBundle,
  DeleteWorkspaceBundle: deleteWorkspaceBundle,
};
