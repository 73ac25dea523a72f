import type { TagsChange } from "./change";
import type { RequesterRole as Role, Tag } from "./types";
import { joinWords, type Refusal } from "./validate/context";
import { MAX_TAGS_PER_RESOURCE, reservedTagKeyRefusal, tagRefusals } from "./validate/tags";

// Who may edit which tag, and the tags a new WorkSpace must carry. AWS's own tag rules (lengths,
// characters, the aws: prefix, 50 a resource) are in validate/tags.ts; this module adds the policy:
// employees edit only the keys an admin opened to them, and the cost-allocation keys are required.

/** The tag part of the policy (PolicySettings.tags); absent in policies saved before it existed. */
export type TagPolicy = {
  /** Keys an employee may add, change or remove on their own WorkSpace; admins may edit any key. */
  employeeEditableKeys: string[];
  /** Keys every new WorkSpace must carry with a value, e.g. the cost centre for cost allocation; they cannot be removed. */
  requiredKeys: string[];
};

export const DEFAULT_TAG_POLICY: TagPolicy = { employeeEditableKeys: [], requiredKeys: [] };

/** A WorkSpace keeps one tag for the portal, so a policy can name at most 49 keys of its own. */
export const MAX_POLICY_TAG_KEYS = MAX_TAGS_PER_RESOURCE - 1;

export function tagPolicyOf(settings: { tags?: TagPolicy | undefined }): TagPolicy {
  return settings.tags ?? DEFAULT_TAG_POLICY;
}

/** Why a policy may not name this key (a key AWS or the portal refuses), or null. */
export function tagPolicyKeyRefusal(key: string): Refusal | null {
  return tagRefusals([{ key, value: "" }])[0] ?? null;
}

/** Keys named twice in one list of the policy. */
export function duplicateKeys(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const key of keys) (seen.has(key) ? twice : seen).add(key);
  return [...twice];
}

/** Whether this person may add, change or remove a tag with this key on a WorkSpace they may change. */
export function mayEditTagKey(role: Role, key: string, policy: Pick<TagPolicy, "employeeEditableKeys">): boolean {
  if (reservedTagKeyRefusal(key)) return false;
  return role === "ADMIN" || policy.employeeEditableKeys.includes(key);
}

/** The keys a tag change touches that this person may not edit, each as a refusal naming the keys they may. */
export function tagEditPermissionRefusals(
  role: Role,
  change: Pick<TagsChange, "set" | "remove">,
  policy: Pick<TagPolicy, "employeeEditableKeys">,
): Refusal[] {
  if (role === "ADMIN") return [];
  const touched = [...new Set([...change.set.map((tag) => tag.key), ...change.remove])];
  // The portal's own tag and aws: keys have their own refusals in validateTags.
  const refused = touched.filter((key) => !reservedTagKeyRefusal(key) && !policy.employeeEditableKeys.includes(key));
  if (refused.length === 0) return [];
  const allowed = policy.employeeEditableKeys.map((key) => `"${key}"`);
  return [
    {
      code: "TAG_KEY_NOT_EDITABLE",
      message:
        `Only an admin can change the tag${refused.length === 1 ? "" : "s"} ${joinWords(
          refused.map((key) => `"${key}"`),
          "and",
        )}. ` + (allowed.length ? `You may edit ${joinWords(allowed, "and")}.` : "No tags are open to you for editing."),
    },
  ];
}

/**
 * The change that turns `current` into `desired`: keys new or with another value are set, keys gone are
 * removed. Keys `editable` refuses are left as they are, whatever `desired` says about them.
 */
export function tagsEdit(
  current: readonly Tag[],
  desired: readonly Tag[],
  editable: (key: string) => boolean = () => true,
): { set: Tag[]; remove: string[] } {
  const now = new Map(current.map((tag) => [tag.key, tag.value]));
  const wanted = new Map(desired.map((tag) => [tag.key, tag.value]));
  const set = [...wanted].filter(([key, value]) => editable(key) && now.get(key) !== value).map(([key, value]) => ({ key, value }));
  const remove = [...now.keys()].filter((key) => editable(key) && !wanted.has(key));
  return { set, remove };
}

/** The tag rules a request's validation needs from the policy (ValidationPolicy's tag fields). */
export function tagValidationPolicy(policy: TagPolicy): { requiredTagKeys: string[]; employeeEditableTagKeys: string[] } {
  return { requiredTagKeys: [...policy.requiredKeys], employeeEditableTagKeys: [...policy.employeeEditableKeys] };
}

/**
 * What AWS would refuse in an edit of a bundle's or IP group's tags: its tag rules for each tag set (the
 * portal's WorkSpace key means nothing here and is refused too), aws: keys, which nobody removes, and the
 * 50 tags a resource may carry after the edit. Tags already there are not judged again.
 */
export function resourceTagRefusals(current: readonly Tag[], edit: { set: readonly Tag[]; remove: readonly string[] }): Refusal[] {
  const refusals = tagRefusals(edit.set).filter((refusal) => refusal.code !== "TAG_LIMIT");
  for (const key of edit.remove) {
    const reserved = reservedTagKeyRefusal(key);
    if (reserved && !refusals.some((r) => r.message === reserved.message)) refusals.push(reserved);
  }
  const removed = new Set(edit.remove);
  const setKeys = new Set(edit.set.map((tag) => tag.key));
  const count = current.filter((tag) => !removed.has(tag.key) && !setKeys.has(tag.key)).length + setKeys.size;
  if (count > MAX_TAGS_PER_RESOURCE)
    refusals.push({
      code: "TAG_LIMIT",
      message: `A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags; this would make ${count}.`,
    });
  if (edit.set.length === 0 && edit.remove.length === 0)
    refusals.push({ code: "TAG_NO_CHANGE", message: "No tags would be added, changed or removed." });
  return refusals;
}
