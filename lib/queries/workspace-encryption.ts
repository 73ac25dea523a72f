import "server-only";
import { db } from "../db";

/**
 * The KMS key AWS reports for a WorkSpace's encrypted volumes, from the inventory's copy of DescribeWorkspaces
 * (the `raw` column; no rule needs the key, so it has no column of its own). Null when AWS named none. The caller
 * has already checked that the viewer may see the WorkSpace.
 */
export async function workspaceVolumeEncryptionKey(workspaceId: string): Promise<string | null> {
  const row = await db().workspace.findUnique({ where: { id: workspaceId }, select: { raw: true } });
  const raw = (row?.raw ?? null) as { volumeEncryptionKey?: unknown; VolumeEncryptionKey?: unknown } | null;
  const key = raw?.volumeEncryptionKey ?? raw?.VolumeEncryptionKey;
  return typeof key === "string" && key ? key : null;
}
