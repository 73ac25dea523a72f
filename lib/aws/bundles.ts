import {
  CreateWorkspaceBundleCommand,
  DeleteWorkspaceBundleCommand,
  paginateDescribeWorkspaceBundles,
  UpdateWorkspaceBundleCommand,
  type Compute,
  type WorkspaceBundle,
} from "@aws-sdk/client-workspaces";
import { requireRequestId, type RegionClients } from "./clients";
import { workspaceImages, type WorkspaceImageSummary } from "./images";
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

/** An image as the catalog reads it: the images module's summary (one mapping of AWS's image shape). */
export type ImageSummary = WorkspaceImageSummary;

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

    /** The account's images (owned or shared), every page: the images module's list, kept for the catalog's callers. */
    describeImages: workspaceImages(clients).list,
  };
}

export type BundlesAndImages = ReturnType<typeof bundlesAndImages>;
