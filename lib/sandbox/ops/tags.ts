import type { Handler, OpContext } from "../engine";
import { invalidParameter, limitExceeded, notFound } from "../protocol/errors";
import type { Tag } from "../world/types";
import { checkTags } from "./rules";

export const TAGS_PER_RESOURCE = 50;

// Which resources take tags, by id prefix: WorkSpaces, registered directories, custom bundles,
// images and IP access control groups.
function requireTaggable(ctx: OpContext, id: string, forWrite: boolean): void {
  const { world } = ctx;
  let exists = false;
  if (id.startsWith("wsipg-")) exists = id in world.ipGroups;
  else if (id.startsWith("wsi-")) exists = id in world.images;
  else if (id.startsWith("wsb-")) {
    const bundle = world.bundles[id];
    exists = bundle !== undefined;
    if (bundle && forWrite && bundle.Owner === "AMAZON") throw invalidParameter(`Amazon-owned bundle ${id} cannot be tagged.`);
  } else if (id.startsWith("ws-")) exists = world.workspaces[id] !== undefined && world.workspaces[id]!.State !== "TERMINATED";
  else if (id.startsWith("d-")) exists = world.directories[id]?.registration !== undefined;
  if (!exists) throw notFound(`The resource ${id} could not be found.`);
}

const createTags: Handler = (ctx, input) => {
  const id = String(input.ResourceId);
  const tags = input.Tags as Tag[];
  requireTaggable(ctx, id, true);
  checkTags(tags);
  const current = ctx.world.tags[id] ?? [];
  const merged = [...current];
  for (const tag of tags) {
    const i = merged.findIndex((t) => t.Key === tag.Key);
    const entry = { Key: tag.Key, Value: tag.Value ?? "" };
    if (i >= 0) merged[i] = entry;
    else merged.push(entry);
  }
  if (merged.length > TAGS_PER_RESOURCE) throw limitExceeded(`A resource can have at most ${TAGS_PER_RESOURCE} tags.`);
  ctx.world.tags[id] = merged;
  return {};
};

const deleteTags: Handler = (ctx, input) => {
  const id = String(input.ResourceId);
  requireTaggable(ctx, id, true);
  const keys = input.TagKeys as string[];
  if (keys.some((k) => /^aws:/i.test(k))) throw invalidParameter("Tags with the reserved prefix 'aws:' cannot be deleted.");
  ctx.world.tags[id] = (ctx.world.tags[id] ?? []).filter((t) => !keys.includes(t.Key));
  return {};
};

const describeTags: Handler = (ctx, input) => {
  const id = String(input.ResourceId);
  requireTaggable(ctx, id, false);
  return { TagList: ctx.world.tags[id] ?? [] };
};

export const tagOps: Record<string, Handler> = { CreateTags: createTags, DeleteTags: deleteTags, DescribeTags: describeTags };
