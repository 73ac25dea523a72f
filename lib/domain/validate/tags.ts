import type { TagsChange } from "../change";
import type { Tag, Workspace } from "../types";
import type { Refusal } from "./context";

export const MAX_TAGS_PER_RESOURCE = 50;
export const MAX_TAG_KEY_LENGTH = 127;
export const MAX_TAG_VALUE_LENGTH = 255;
/** The portal tags every WorkSpace it creates with its request id so a retried create finds it again. */
export const PORTAL_REQUEST_TAG_KEY = "portal:request-id";
/** The tag key used in examples and cost allocation reports. */
export const COST_CENTRE_TAG_KEY = "CostCenter";

// Letters and numbers in any script, spaces, and + - = . _ : / @ (the WorkSpaces tag rules).
const ALLOWED_TAG_CHARACTERS = /^[\p{L}\p{N} +\-=._:/@]*$/u;

/** Length in Unicode characters, not UTF-16 units, as AWS counts it. */
function characterCount(text: string): number {
  return [...text].length;
}

/** Why nobody may set or change a tag with this key (AWS's prefix, or the portal's own tag), or null when they may. */
export function reservedTagKeyRefusal(key: string): Refusal | null {
  if (key.toLowerCase().startsWith("aws:")) {
    return {
      code: "TAG_RESERVED_PREFIX",
      message: `Tag names starting with "aws:" are reserved for AWS; choose another name than "${key}".`,
    };
  }
  if (key === PORTAL_REQUEST_TAG_KEY) {
    return { code: "TAG_PORTAL_RESERVED", message: `The tag "${key}" is managed by the portal and cannot be set or changed.` };
  }
  return null;
}

export function tagRefusals(tags: readonly Tag[], opts: { reservedSlots?: number; requiredKeys?: readonly string[] } = {}): Refusal[] {
  const refusals: Refusal[] = [];
  const reservedSlots = opts.reservedSlots ?? 0;
  if (tags.length + reservedSlots > MAX_TAGS_PER_RESOURCE) {
    refusals.push({
      code: "TAG_LIMIT",
      message:
        `A WorkSpace can have at most ${MAX_TAGS_PER_RESOURCE - reservedSlots} tags here` +
        `${reservedSlots > 0 ? " (the portal keeps one for itself)" : ""}; this would make ${tags.length}.`,
    });
  }
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    const shown = `"${key}"`;
    if (seen.has(key))
      refusals.push({ code: "TAG_DUPLICATE_KEY", message: `The tag ${shown} appears twice; each tag name can be used once.` });
    seen.add(key);
    if (characterCount(key) === 0) {
      refusals.push({ code: "TAG_KEY_EMPTY", message: `Every tag needs a name, for example "${COST_CENTRE_TAG_KEY}".` });
      continue;
    }
    if (characterCount(key) > MAX_TAG_KEY_LENGTH) {
      refusals.push({
        code: "TAG_KEY_TOO_LONG",
        message: `Tag names can be at most ${MAX_TAG_KEY_LENGTH} characters; ${shown.slice(0, 20)}… is longer.`,
      });
    }
    if (characterCount(value) > MAX_TAG_VALUE_LENGTH) {
      refusals.push({
        code: "TAG_VALUE_TOO_LONG",
        message: `Tag values can be at most ${MAX_TAG_VALUE_LENGTH} characters; the value of ${shown} is longer.`,
      });
    }
    if (!ALLOWED_TAG_CHARACTERS.test(key) || !ALLOWED_TAG_CHARACTERS.test(value)) {
      refusals.push({
        code: "TAG_CHARACTERS",
        message: `The tag ${shown} uses a character that is not allowed; use letters, numbers, spaces and + - = . _ : / @ only.`,
      });
    }
    if (key !== key.trim() || value !== value.trim()) {
      refusals.push({ code: "TAG_SPACES", message: `The tag ${shown} starts or ends with a space; remove the space.` });
    }
    const reserved = reservedTagKeyRefusal(key);
    if (reserved) refusals.push(reserved);
  }
  for (const required of opts.requiredKeys ?? []) {
    if (!seen.has(required))
      refusals.push({ code: "TAG_REQUIRED_MISSING", message: `The tag "${required}" is required, for example the cost centre to charge.` });
    else if (!tags.some((tag) => tag.key === required && tag.value.trim() !== ""))
      refusals.push({ code: "TAG_REQUIRED_EMPTY", message: `The tag "${required}" is required; give it a value.` });
  }
  return refusals;
}

/** Applies a tags change to the current tags; the result is what the rules check. */
export function applyTagsChange(current: readonly Tag[], change: TagsChange): Tag[] {
  const removed = new Set(change.remove);
  const updated = new Map(change.set.map((tag) => [tag.key, tag.value]));
  const kept = current.filter((tag) => !removed.has(tag.key) && !updated.has(tag.key));
  return [...kept, ...change.set];
}

export function validateTags(workspace: Workspace, change: TagsChange, requiredKeys: readonly string[]): Refusal[] {
  const refusals: Refusal[] = [];
  const touched = [...change.remove, ...change.set.map((tag) => tag.key)];
  if (touched.includes(PORTAL_REQUEST_TAG_KEY)) {
    refusals.push({
      code: "TAG_PORTAL_RESERVED",
      message: `The tag "${PORTAL_REQUEST_TAG_KEY}" is managed by the portal and cannot be set or changed.`,
    });
  }
  for (const tag of change.set) {
    if (requiredKeys.includes(tag.key) && tag.value.trim() === "")
      refusals.push({ code: "TAG_REQUIRED_EMPTY", message: `The tag "${tag.key}" is required; give it a value.` });
  }
  for (const key of change.remove) {
    if (requiredKeys.includes(key))
      refusals.push({
        code: "TAG_REQUIRED_MISSING",
        message: `The tag "${key}" is required and cannot be removed; change its value instead.`,
      });
  }
  if (change.set.length === 0 && change.remove.length === 0) {
    refusals.push({ code: "TAG_NO_CHANGE", message: "No tags would be added, changed or removed." });
  }
  // The portal's own tag is already on the WorkSpace; count it, but do not re-check it as if the user had set it.
  const result = applyTagsChange(workspace.tags, change);
  const userTags = result.filter((tag) => tag.key !== PORTAL_REQUEST_TAG_KEY);
  const reservedSlots = result.length - userTags.length;
  const checked = tagRefusals(userTags, { reservedSlots }).filter((refusal) => refusal.code !== "TAG_PORTAL_RESERVED");
  return [...refusals, ...checked];
}
