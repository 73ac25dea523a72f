import { CreateTagsCommand, DeleteTagsCommand, DescribeTagsCommand } from "@aws-sdk/client-workspaces";
import { requireRequestId, type RegionClients } from "./clients";
import type { Accepted, TagPair } from "./types";

/** Tags on any taggable WorkSpaces resource: WorkSpaces, directories, bundles, images, IP groups. */
export function resourceTags(clients: RegionClients) {
  const { region } = clients;
  return {
    describeTags(resourceId: string): Promise<TagPair[]> {
      return clients.run("DescribeTags", async ({ workspaces }) => {
        const out = await workspaces.send(new DescribeTagsCommand({ ResourceId: resourceId }));
        return (out.TagList ?? []).map((t) => ({ key: t.Key ?? "", value: t.Value ?? "" }));
      });
    },

    /** Adds tags, overwriting the values of keys that already exist. */
    createTags(resourceId: string, tags: readonly TagPair[]): Promise<Accepted> {
      return clients.run("CreateTags", async ({ workspaces }) => {
        const out = await workspaces.send(
          new CreateTagsCommand({ ResourceId: resourceId, Tags: tags.map((t) => ({ Key: t.key, Value: t.value })) }),
        );
        return { requestId: requireRequestId(out.$metadata, "CreateTags", region) };
      });
    },

    deleteTags(resourceId: string, keys: readonly string[]): Promise<Accepted> {
      return clients.run("DeleteTags", async ({ workspaces }) => {
        const out = await workspaces.send(new DeleteTagsCommand({ ResourceId: resourceId, TagKeys: [...keys] }));
        return { requestId: requireRequestId(out.$metadata, "DeleteTags", region) };
      });
    },
  };
}

export type ResourceTags = ReturnType<typeof resourceTags>;
