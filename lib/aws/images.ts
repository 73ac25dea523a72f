import {
  CopyWorkspaceImageCommand,
  CreateWorkspaceImageCommand,
  DeleteWorkspaceImageCommand,
  DescribeWorkspaceImagePermissionsCommand,
  DescribeWorkspaceImagesCommand,
  UpdateWorkspaceImagePermissionCommand,
  type WorkspaceImage,
} from "@aws-sdk/client-workspaces";
import { requireRequestId, type RegionClients } from "./clients";
import type { Accepted, TagPair } from "./types";

/** One image as DescribeWorkspaceImages tells it. */
export interface WorkspaceImageSummary {
  imageId: string;
  name: string;
  description?: string;
  /** WINDOWS or LINUX. */
  operatingSystem?: string;
  /** AVAILABLE, PENDING or ERROR. */
  state?: string;
  /** DEDICATED for BYOL images. */
  requiredTenancy?: string;
  ownerAccountId?: string;
  createdAt?: Date;
  errorCode?: string;
  errorMessage?: string;
  updateAvailable?: boolean;
  updateDescription?: string;
}

export interface NewImage {
  workspaceId: string;
  name: string;
  description: string;
  tags?: TagPair[];
}

export interface ImageCopy {
  name: string;
  description?: string;
  sourceImageId: string;
  sourceRegion: string;
  tags?: TagPair[];
}

function toSummary(i: WorkspaceImage): WorkspaceImageSummary {
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
    updateAvailable: i.Updates?.UpdateAvailable,
    updateDescription: i.Updates?.Description,
  };
}

const tagList = (tags: TagPair[] | undefined) => tags?.map((t) => ({ Key: t.key, Value: t.value }));

/** The image operations of one Region: made from a WorkSpace, copied in from another Region, shared, deleted. */
export function workspaceImages(clients: RegionClients) {
  const { region } = clients;

  return {
    /** Owned and shared images (or only one kind, or only the given ids, 25 a call), every page. */
    list(options: { imageIds?: readonly string[]; imageType?: "OWNED" | "SHARED" } = {}): Promise<WorkspaceImageSummary[]> {
      return clients.run("DescribeWorkspaceImages", async ({ workspaces }) => {
        const out: WorkspaceImageSummary[] = [];
        const idBatches: (string[] | undefined)[] = [];
        if (options.imageIds) for (let i = 0; i < options.imageIds.length; i += 25) idBatches.push(options.imageIds.slice(i, i + 25));
        else idBatches.push(undefined);
        for (const ids of idBatches) {
          let nextToken: string | undefined;
          do {
            const page = await workspaces.send(
              new DescribeWorkspaceImagesCommand({ ImageIds: ids, ImageType: options.imageType, NextToken: nextToken }),
            );
            for (const image of page.Images ?? []) out.push(toSummary(image));
            nextToken = page.NextToken;
          } while (nextToken);
        }
        return out;
      });
    },

    /** Starts an image of the WorkSpace; AWS answers at once with a PENDING image. */
    create(image: NewImage): Promise<Accepted & { image: WorkspaceImageSummary }> {
      return clients.run("CreateWorkspaceImage", async ({ workspaces }) => {
        const out = await workspaces.send(
          new CreateWorkspaceImageCommand({
            WorkspaceId: image.workspaceId,
            Name: image.name,
            Description: image.description,
            Tags: tagList(image.tags),
          }),
        );
        return { requestId: requireRequestId(out.$metadata, "CreateWorkspaceImage", region), image: toSummary(out) };
      });
    },

    delete(imageId: string): Promise<Accepted> {
      return clients.run("DeleteWorkspaceImage", async ({ workspaces }) => {
        const out = await workspaces.send(new DeleteWorkspaceImageCommand({ ImageId: imageId }));
        return { requestId: requireRequestId(out.$metadata, "DeleteWorkspaceImage", region) };
      });
    },

    /** Copies an image from `sourceRegion` into this gateway's Region; the copy has a new id. */
    copyFrom(copy: ImageCopy): Promise<Accepted & { imageId: string }> {
      return clients.run("CopyWorkspaceImage", async ({ workspaces }) => {
        const out = await workspaces.send(
          new CopyWorkspaceImageCommand({
            Name: copy.name,
            Description: copy.description,
            SourceImageId: copy.sourceImageId,
            SourceRegion: copy.sourceRegion,
            Tags: tagList(copy.tags),
          }),
        );
        return { requestId: requireRequestId(out.$metadata, "CopyWorkspaceImage", region), imageId: out.ImageId ?? "" };
      });
    },

    /** The accounts the image is shared with, every page. */
    permissions(imageId: string): Promise<string[]> {
      return clients.run("DescribeWorkspaceImagePermissions", async ({ workspaces }) => {
        const accounts: string[] = [];
        let nextToken: string | undefined;
        do {
          const page = await workspaces.send(new DescribeWorkspaceImagePermissionsCommand({ ImageId: imageId, NextToken: nextToken }));
          for (const p of page.ImagePermissions ?? []) if (p.SharedAccountId) accounts.push(p.SharedAccountId);
          nextToken = page.NextToken;
        } while (nextToken);
        return accounts;
      });
    },

    /** Shares the image with an account (it may then copy it), or stops sharing it. */
    setPermission(imageId: string, accountId: string, allowCopy: boolean): Promise<Accepted> {
      return clients.run("UpdateWorkspaceImagePermission", async ({ workspaces }) => {
        const out = await workspaces.send(
          new UpdateWorkspaceImagePermissionCommand({ ImageId: imageId, SharedAccountId: accountId, AllowCopyImage: allowCopy }),
        );
        return { requestId: requireRequestId(out.$metadata, "UpdateWorkspaceImagePermission", region) };
      });
    },
  };
}

export type WorkspaceImages = ReturnType<typeof workspaceImages>;
