import "server-only";
import { getAwsGateway } from "../aws";
import { AwsGatewayError } from "../aws/errors";
import type { CurrentUser } from "../auth/session";
import { db } from "../db";
import { mayEditTagKey, openRequestRefusals, PORTAL_REQUEST_TAG_KEY, tagPolicyOf, type Tag, type TagPolicy } from "../domain";
import { getPolicySettings } from "../core/settings";
import { storedTags } from "../core/workspace-records";

// What the tag sections of the pages show: a WorkSpace's tags with the keys its viewer may edit, the
// policy's tag rules, and a bundle's or IP group's tags as AWS holds them now.

export interface WorkspaceTagRow {
  key: string;
  value: string;
  editable: boolean;
  required: boolean;
}

export interface WorkspaceTagPanel {
  /** The WorkSpace's tags as the inventory last read them, without the portal's own tag. */
  tags: WorkspaceTagRow[];
  /** Keys the viewer may add that the WorkSpace does not carry yet. */
  addableKeys: string[];
  /** Why no tag edit can be asked for now (an open request), or null. */
  blockedBy: string | null;
  /** When the tags were last read from AWS; null before the first read. */
  syncedAt: Date | null;
}

/** The tag section of a WorkSpace page; only its owner and admins may ask for changes, anyone else reads. */
export async function workspaceTagPanel(
  user: Pick<CurrentUser, "id" | "role">,
  ws: { id: string; ownerId: string | null; openRequests: readonly { status: string; type: string }[] },
): Promise<WorkspaceTagPanel | null> {
  const [row, settings] = await Promise.all([
    db().workspace.findUnique({ where: { id: ws.id }, select: { tags: true, tagsSyncedAt: true } }),
    getPolicySettings(db()),
  ]);
  if (!row) return null;
  const policy = tagPolicyOf(settings);
  const mayAsk = user.role === "ADMIN" || ws.ownerId === user.id;
  const stored = storedTags(row.tags);
  const tags = stored
    .filter((t) => t.key !== PORTAL_REQUEST_TAG_KEY)
    .map((t) => ({
      key: t.key,
      value: t.value,
      editable: mayAsk && mayEditTagKey(user.role, t.key, policy),
      required: policy.requiredKeys.includes(t.key),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
  const present = new Set(stored.map((t) => t.key));
  // Admins edit existing tags here and add new ones through the fleet's bulk tagging.
  const addableKeys = !mayAsk || user.role === "ADMIN" ? [] : policy.employeeEditableKeys.filter((k) => !present.has(k));
  const blocked = openRequestRefusals(ws.openRequests, "tags")[0]?.message ?? null;
  return { tags, addableKeys, blockedBy: blocked, syncedAt: row.tagsSyncedAt };
}

/** The policy's tag rules, for the policies page and the request form. */
export async function tagPolicy(): Promise<TagPolicy> {
  return tagPolicyOf(await getPolicySettings(db()));
}

/** A bundle's or IP group's tags as AWS holds them now, or the reason they could not be read. */
export async function resourceTags(region: string, resourceId: string): Promise<{ tags: Tag[]; error: string | null }> {
  try {
    return { tags: await getAwsGateway().region(region).tags.describeTags(resourceId), error: null };
  } catch (error) {
    if (error instanceof AwsGatewayError) return { tags: [], error: error.message };
    throw error;
  }
}
