import "server-only";
import type { Tx } from "./tx";
import { toJson } from "./tx";

// Which Regions' inventory has been read at least once. The jobs that work from the cached inventory
// (usage sync, reports snapshot, reclaim run, nightly optimizer) wait for it: on a fresh database they
// would otherwise run beside the first inventory sync, find no WorkSpaces, and wait a day to run again.

const KEY_PREFIX = "inventory.synced:";

export async function markInventorySynced(tx: Tx, region: string, at: Date): Promise<void> {
  const key = `${KEY_PREFIX}${region}`;
  const value = toJson({ at: at.toISOString() });
  await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/** True once every one of `regions` has been synced at least once. */
export async function inventorySynced(tx: Tx, regions: readonly string[]): Promise<boolean> {
  const rows = await tx.setting.findMany({ where: { key: { in: regions.map((r) => `${KEY_PREFIX}${r}`) } }, select: { key: true } });
  return rows.length === new Set(regions).size;
}
