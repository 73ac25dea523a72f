import "server-only";
import type { BatchResult, RegionGateway } from "../../aws";
import type { TagsChange } from "../../domain";
import { changeSchemaFor } from "../schema";
import type { BatchExecution, ChangeKind } from "../types";
import { costDelta, oneByOne, validate, workspaceFailure } from "./shared";

// Tags: CreateTags for the keys set, DeleteTags for the keys removed. Both take effect when AWS answers,
// so there is no transition to wait for.

async function applyTags(gw: RegionGateway, change: TagsChange): Promise<string[]> {
  const ids: string[] = [];
  if (change.set.length) ids.push((await gw.tags.createTags(change.workspaceId, change.set)).requestId);
  if (change.remove.length) ids.push((await gw.tags.deleteTags(change.workspaceId, change.remove)).requestId);
  return ids;
}

const execution: BatchExecution<TagsChange> = {
  awsOperation: "CreateTags",
  call: async (gw, { change }) => ({ awsRequestIds: await applyTags(gw, change) }),
  async callBatch(gw, changes): Promise<BatchResult> {
    const result = await oneByOne(changes, async (c) => ({ requestId: (await applyTags(gw, c)).join(" ") }));
    return { ...result, requestIds: result.requestIds.flatMap((ids) => ids.split(" ").filter(Boolean)) };
  },
  // Setting a tag twice leaves the same tags, so a retry after a crash may simply call again.
  alreadyApplied: async () => null,
  progress: ({ workspace }) => workspaceFailure(workspace) ?? { kind: "done" },
};

export const tags = {
  type: "tags",
  schema: changeSchemaFor<TagsChange>("tags"),
  validate,
  costDelta,
  execution,
} satisfies ChangeKind<TagsChange>;
