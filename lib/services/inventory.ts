import "server-only";
import { getAwsGateway } from "../aws";
import { db } from "../db";
import { markGone, ownerIndex, upsertWorkspace } from "../core/workspace-cache";
import { INVENTORY_SYNC_KEY, pokeJob } from "../core/outbox";
import { kickExecutor } from "../core/signal";
import { recordAudit } from "../core/audit";
import { gatewayForAccount } from "../core/accounts";
import { notFound, ServiceError } from "../core/errors";
import type { RequestActor } from "./requests/assess";

/** Reads one WorkSpace from AWS now and updates the cache; for its owner or an admin. */
export async function refreshWorkspace(actor: RequestActor, workspaceId: string): Promise<void> {
  const row = await db().workspace.findUnique({ where: { id: workspaceId } });
  if (!row || (row.ownerId !== actor.id && actor.role !== "ADMIN")) throw notFound("That WorkSpace");
  const gw = (await gatewayForAccount(db(), getAwsGateway, row.accountId)).region(row.region);
  const [ws, tags] = await Promise.all([gw.workspaces.getWorkspace(workspaceId), gw.tags.describeTags(workspaceId).catch(() => undefined)]);
  const now = new Date();
  if (!ws) {
    await markGone(db(), [workspaceId], now);
    return;
  }
  await upsertWorkspace(db(), row.region, ws, await ownerIndex(db()), now, tags);
  if (tags) await db().workspace.update({ where: { id: workspaceId }, data: { tagsSyncedAt: now } });
}

/** Starts a full inventory sync now (admins). */
export async function refreshInventory(actor: RequestActor): Promise<void> {
  if (actor.role !== "ADMIN") throw new ServiceError("forbidden", "Only admins can sync the whole inventory.");
  await pokeJob(db(), INVENTORY_SYNC_KEY);
  await recordAudit(db(), {
    actor: { kind: "user", id: actor.id, name: actor.name, role: actor.role },
    action: "inventory.sync_requested",
    targetType: "inventory",
    targetId: "all",
  });
  kickExecutor();
}
