import {
  CreateWorkspaceBundleCommand,
  DeleteWorkspaceBundleCommand,
  DescribeWorkspaceImagesCommand,
  paginateDescribeWorkspaceBundles,
  UpdateWorkspaceBundleCommand,
  type Compute,
  type WorkspaceBundle,
  type WorkspaceImage,
} from "@aws-sdk/client-workspaces";
import { requireRequestId, type RegionClients } from "./clients";
import type { Accepted, TagPair } from "./types";

export interface BundleSummary {
  bundleId: string;
  name: string;
  /** "AMAZON" for public bundles; an account id (or absent) for the account's own. */
  owner?: string;
  description?: string;
  imageId?: string;
  computeType?: string;
  rootVolumeGib?: number;
  userVolumeGib?: number;
  state?: string;
}

export interface ImageSummary {
  imageId: string;
  name: string;
  description?: string;
  operatingSystem?: string;
  state?: string;
  requiredTenancy?: string;
  ownerAccountId?: string;
  createdAt?: Date;
  errorCode?: string;
  errorMessage?: string;
}

export interface NewBundle {
  name: string;
  description: string;
  imageId: string;
  computeType: Compute;
  userVolumeGib: number;
  rootVolumeGib?: number;
  tags?: TagPair[];
}

const gib = (capacity: string | undefined) => (capacity === undefined ? undefined : Number(capacity));

function toBundleSummary(b: WorkspaceBundle): BundleSummary {
  return {
    bundleId: b.BundleId ?? "",
    name: b.Name ?? "",
    owner: b.Owner,
    description: b.Description,
    imageId: b.ImageId,
    computeType: b.ComputeType?.Name,
    rootVolumeGib: gib(b.RootStorage?.Capacity),
    userVolumeGib: gib(b.UserStorage?.Capacity),
    state: b.State,
  };
}

function toImageSummary(i: WorkspaceImage): ImageSummary {
  return {
    imageId: i.ImageId ?? "",
    name: i.Name ?? "",
    description: i.Description,
    operatingSystem: i.OperatingSystem?.Type,
    state: i.State,
    requiredTenancy: i.RequiredTenancy,
    ownerAccountId: i.OwnerAccountId,
    createdAt: i.Created,
    errorCode: i.ErrorCode,
    errorMessage: i.ErrorMessage,
  };
}

export function bundlesAndImages(clients: RegionClients) {
  const { region } = clients;

  async function listBundles(owner: "AMAZON" | undefined, bundleIds?: string[]): Promise<BundleSummary[]> {
    const out: BundleSummary[] = [];
    const input = bundleIds ? { BundleIds: bundleIds } : { Owner: owner };
    for await (const page of paginateDescribeWorkspaceBundles({ client: clients.workspaces }, input)) {
      for (const b of page.Bundles ?? []) out.push(toBundleSummary(b));
    }
    return out;
  }

  return {
    /** Public (AMAZON) bundles and the account's own, or only the given ids. */
    describeBundles(options: { owner?: "AMAZON" | "self" | "all"; bundleIds?: string[] } = {}): Promise<BundleSummary[]> {
      return clients.run("DescribeWorkspaceBundles", async () => {
        if (options.bundleIds) return options.bundleIds.length ? listBundles(undefined, options.bundleIds) : [];
        const owner = options.owner ?? "all";
        // Without Owner AWS lists the account's own bundles; AMAZON lists the public catalogue.
        const [publicBundles, own] = await Promise.all([
          owner === "self" ? [] : listBundles("AMAZON"),
          owner === "AMAZON" ? [] : listBundles(undefined),
        ]);
        return [...publicBundles, ...own];
      });
    },

    createBundle(bundle: NewBundle): Promise<Accepted & { bundle: BundleSummary }> {
      return clients.run("CreateWorkspaceBundle", async ({ workspaces }) => {
        const out = await workspaces.send(
          new CreateWorkspaceBundleCommand({
            BundleName: bundle.name,
            BundleDescription: bundle.description,
            ImageId: bundle.imageId,
            ComputeType: { Name: bundle.computeType },
            UserStorage: { Capacity: String(bundle.userVolumeGib) },
            RootStorage: bundle.rootVolumeGib === undefined ? undefined : { Capacity: String(bundle.rootVolumeGib) },
            Tags: bundle.tags?.map((t) => ({ Key: t.key, Value: t.value })),
          }),
        );
        return {
          requestId: requireRequestId(out.$metadata, "CreateWorkspaceBundle", region),
          bundle: toBundleSummary(out.WorkspaceBundle ?? {}),
        };
      });
    },

    /** Points a custom bundle at a new image; WorkSpaces launched later use it. */
    updateBundle(bundleId: string, imageId: string): Promise<Accepted> {
      return clients.run("UpdateWorkspaceBundle", async ({ workspaces }) => {
        const out = await workspaces.send(new UpdateWorkspaceBundleCommand({ BundleId: bundleId, ImageId: imageId }));
        return { requestId: requireRequestId(out.$metadata, "UpdateWorkspaceBundle", region) };
      });
    },

    deleteBundle(bundleId: string): Promise<Accepted> {
      return clients.run("DeleteWorkspaceBundle", async ({ workspaces }) => {
        const out = await workspaces.send(new DeleteWorkspaceBundleCommand({ BundleId: bundleId }));
        return { requestId: requireRequestId(out.$metadata, "DeleteWorkspaceBundle", region) };
      });
    },

    /** The account's images (owned or shared), every page. */
    describeImages(options: { imageIds?: string[]; imageType?: "OWNED" | "SHARED" } = {}): Promise<ImageSummary[]> {
      return clients.run("DescribeWorkspaceImages", async ({ workspaces }) => {
        const out: ImageSummary[] = [];
        let nextToken: string | undefined;
        do {
          const page = await workspaces.send(
            new DescribeWorkspaceImagesCommand({ ImageIds: options.imageIds, ImageType: options.imageType, NextToken: nextToken }),
          );
          for (const image of page.Images ?? []) out.push(toImageSummary(image));
          nextToken = page.NextToken;
        } while (nextToken);
        return out;
      });
    },
  };
}

export type BundlesAndImages = ReturnType<typeof bundlesAndImages>;
