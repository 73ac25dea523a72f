import "server-only";
import type { z } from "zod";
import { getAwsGateway } from "../aws";
import { db } from "../db";
import { resourceTagRefusals, tagPolicyOf, tagPolicySchema, type Tag, type TagPolicy } from "../domain";
import { recordAudit } from "../core/audit";
import { ServiceError } from "../core/errors";
import { POLICY_SETTING } from "../core/settings";
import { resourceTagsInput, workspaceTagsInput } from "../schemas/tags";
import { callAws, parseInput, requireAdmin, type AdminActor, type AdminCaller } from "./admin/guard";
import { editPolicy } from "./admin/policies";
import type { RequestActor } from "./requests/assess";
import { submitRequest, type SubmitResult } from "./requests/submit";

// Tags: the policy's tag rules (which keys employees may edit, which keys a new WorkSpace needs), a person's
// tag edit of their WorkSpace (a request through the change-type registry, approved by the policy like any
// change), and an admin's tag edit of a custom bundle or an IP access control group (CreateTags/DeleteTags
// at once, audited with AWS's request ids).

/** Saves the policy's tag rules; everything else in the policy is kept. Read, written and audited in one transaction. */
export async function updateTagPolicy(caller: AdminCaller, raw: z.input<typeof tagPolicySchema>): Promise<TagPolicy> {
  const actor = await requireAdmin(caller);
  const tags = parseInput(tagPolicySchema, raw);
  return db().$transaction(async (tx) => {
    const { before } = await editPolicy(tx, actor, "The tag rules were not saved", (policy) => ({ ...policy, tags }));
    await recordAudit(tx, {
      actor,
      action: "policy.tags_updated",
      targetType: "setting",
      targetId: POLICY_SETTING.key,
      before: tagPolicyOf(before),
      after: tags,
    });
    return tags;
  });
}

/**
 * A person's tag edit of a WorkSpace, submitted as a request: the same rules (their keys only, AWS's tag
 * rules, required keys kept), approval by the policy's rule for tag changes, and the executor's CreateTags
 * and DeleteTags. The request service checks that the WorkSpace is theirs (or that they are an admin).
 */
export async function requestWorkspaceTagChange(actor: RequestActor, raw: z.input<typeof workspaceTagsInput>): Promise<SubmitResult> {
  const input = parseInput(workspaceTagsInput, raw);
  const keys = [...new Set([...input.set.map((t) => t.key), ...input.remove])];
  return submitRequest(actor, {
    change: { type: "tags", workspaceId: input.workspaceId, set: input.set, remove: input.remove },
    justification: input.justification || `Tags edited on the WorkSpace page: ${keys.join(", ")}.`.slice(0, 2000),
    idempotencyKey: input.idempotencyKey,
  });
}

type ResourceKind = "bundle" | "ipgroup";

async function resourceName(kind: ResourceKind, region: string, id: string): Promise<string | undefined> {
  const gw = getAwsGateway().region(region);
  const found =
    kind === "bundle"
      ? (await gw.bundles.describeBundles({ bundleIds: [id] }).catch(() => []))[0]?.name
      : (await gw.ipGroups.describeIpGroups([id]).catch(() => []))[0]?.name;
  return found ?? undefined;
}

/**
 * Adds, changes and removes tags of a custom bundle or an IP access control group. The edit is judged by
 * AWS's tag rules against the tags AWS holds now; AWS's own refusal (an Amazon bundle, a resource gone) is
 * audited and comes back as a sentence. What AWS accepted is audited with its request ids, even when the
 * second call of the edit is refused.
 */
export async function editResourceTags(caller: AdminCaller, raw: z.input<typeof resourceTagsInput>): Promise<{ tags: Tag[] }> {
  const actor = await requireAdmin(caller);
  const input = parseInput(resourceTagsInput, raw);
  const kind: ResourceKind = input.resourceId.startsWith("wsb-") ? "bundle" : "ipgroup";
  const targetType = kind === "bundle" ? "bundle" : "ipGroup";
  const gw = getAwsGateway().region(input.region);
  const attempt = { action: kind === "bundle" ? "bundle.tags_update" : "ipgroup.tags_update", targetType, targetId: input.resourceId };
  const name = await resourceName(kind, input.region, input.resourceId);
  const detail = { region: input.region, name, set: input.set, remove: input.remove };

  const before = await callAws(actor, { ...attempt, detail }, () => gw.tags.describeTags(input.resourceId));
  const refusals = resourceTagRefusals(before, input);
  if (refusals.length) throw new ServiceError("invalid", refusals[0]!.message, refusals);

  const requestIds: string[] = [];
  const done = (tags: Tag[]) => recordDone(actor, kind, input.resourceId, { region: input.region, name }, before, tags, requestIds);
  let after = [...before];
  try {
    if (input.remove.length) {
      requestIds.push((await callAws(actor, { ...attempt, detail }, () => gw.tags.deleteTags(input.resourceId, input.remove))).requestId);
      after = after.filter((t) => !input.remove.includes(t.key));
    }
    if (input.set.length) {
      requestIds.push((await callAws(actor, { ...attempt, detail }, () => gw.tags.createTags(input.resourceId, input.set))).requestId);
      const setKeys = new Set(input.set.map((t) => t.key));
      after = [...after.filter((t) => !setKeys.has(t.key)), ...input.set];
    }
  } catch (error) {
    if (requestIds.length) await done(after);
    throw error;
  }
  await done(after);
  return { tags: after };
}

async function recordDone(
  actor: AdminActor,
  kind: ResourceKind,
  id: string,
  detail: { region: string; name?: string },
  before: Tag[],
  after: Tag[],
  awsRequestIds: string[],
): Promise<void> {
  await recordAudit(db(), {
    actor,
    action: kind === "bundle" ? "bundle.tags_updated" : "ipgroup.tags_updated",
    targetType: kind === "bundle" ? "bundle" : "ipGroup",
    targetId: id,
    before: { name: detail.name, tags: before },
    after: { name: detail.name, tags: after },
    awsRequestIds,
    detail,
  });
}
