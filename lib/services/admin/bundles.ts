import "server-only";
import type { z } from "zod";
import { getAwsGateway } from "../../aws";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { refreshCatalog } from "../../core/catalog";
import { CATALOG_DISPLAY_SETTING_KEY, getPolicySettings } from "../../core/settings";
import { catalogDisplaySchema, type CatalogDisplay } from "../../domain";
import { toJson } from "../../core/tx";
import { ServiceError } from "../../core/errors";
import { callAws, parseInput, requireAdmin, type AdminCaller } from "./guard";
import { bundleRef, createBundleInput, setBundleDisplayInput, updateBundleImageInput } from "../../schemas/admin-bundles";

// Custom bundles: create from an image, point at a new image, delete. After each change the catalog
// cache (60 s) is replaced, so request forms see the change at once.

export async function createCustomBundle(caller: AdminCaller, raw: z.input<typeof createBundleInput>): Promise<{ bundleId: string }> {
  const actor = await requireAdmin(caller);
  const input = parseInput(createBundleInput, raw);
  const out = await callAws(actor, { action: "bundle.create", targetType: "bundle", targetId: input.name, detail: input }, () =>
    getAwsGateway().region(input.region).bundles.createBundle({
      name: input.name,
      description: input.description,
      imageId: input.imageId,
      computeType: input.computeType,
      rootVolumeGib: input.rootVolumeGib,
      userVolumeGib: input.userVolumeGib,
    }),
  );
  await recordAudit(db(), {
    actor,
    action: "bundle.created",
    targetType: "bundle",
    targetId: out.bundle.bundleId,
    after: input,
    awsRequestIds: [out.requestId],
  });
  refreshCatalog();
  return { bundleId: out.bundle.bundleId };
}

export async function updateBundleImage(caller: AdminCaller, raw: z.input<typeof updateBundleImageInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(updateBundleImageInput, raw);
  const gw = getAwsGateway().region(input.region);
  const [before] = await gw.bundles.describeBundles({ bundleIds: [input.bundleId] }).catch(() => []);
  if (before?.owner === "AMAZON")
    throw new ServiceError("refused", "Amazon's public bundles cannot be changed; create a custom bundle instead.");
  const out = await callAws(actor, { action: "bundle.update_image", targetType: "bundle", targetId: input.bundleId, detail: input }, () =>
    gw.bundles.updateBundle(input.bundleId, input.imageId),
  );
  await recordAudit(db(), {
    actor,
    action: "bundle.image_updated",
    targetType: "bundle",
    targetId: input.bundleId,
    before: { imageId: before?.imageId },
    after: { imageId: input.imageId },
    awsRequestIds: [out.requestId],
    detail: { region: input.region },
  });
  refreshCatalog();
}

/** Refused while any WorkSpace the inventory knows still uses the bundle, saying how many and whose. */
export async function deleteCustomBundle(caller: AdminCaller, raw: z.input<typeof bundleRef>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(bundleRef, raw);
  const using = await db().workspace.findMany({
    where: { bundleId: input.bundleId, goneAt: null },
    select: { id: true, userName: true },
    take: 5,
  });
  if (using.length) {
    const count = await db().workspace.count({ where: { bundleId: input.bundleId, goneAt: null } });
    const names = using.map((w) => `${w.userName}: ${w.id}`).join(", ");
    throw new ServiceError(
      "refused",
      `${count} WorkSpace${count === 1 ? "" : "s"} still use${count === 1 ? "s" : ""} this bundle ` +
        `(${names}${count > using.length ? ", …" : ""}). Migrate or terminate them first.`,
    );
  }
  const gw = getAwsGateway().region(input.region);
  const [before] = await gw.bundles.describeBundles({ bundleIds: [input.bundleId] }).catch(() => []);
  if (before?.owner === "AMAZON") throw new ServiceError("refused", "Amazon's public bundles cannot be deleted.");
  const out = await callAws(actor, { action: "bundle.delete", targetType: "bundle", targetId: input.bundleId, detail: input }, () =>
    gw.bundles.deleteBundle(input.bundleId),
  );
  await recordAudit(db(), {
    actor,
    action: "bundle.deleted",
    targetType: "bundle",
    targetId: input.bundleId,
    before,
    awsRequestIds: [out.requestId],
    detail: { region: input.region },
  });
  refreshCatalog();
}

/** Sets how an offered bundle shows in the catalog; refused for a bundle no persona or group is offered. */
export async function setBundleDisplay(caller: AdminCaller, raw: z.input<typeof setBundleDisplayInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(setBundleDisplayInput, raw);
  const policy = await getPolicySettings(db());
  const offered = [...Object.values(policy.catalog.byPersona), ...Object.values(policy.catalog.byGroup)].some((o) =>
    o.bundleIds.includes(input.bundleId),
  );
  if (!offered)
    throw new ServiceError("refused", "This bundle is not offered to any persona or group; offer it under Policies first, then name it.");
  await writeDisplay(actor, input.bundleId, { displayName: input.displayName, description: input.description });
}

export async function clearBundleDisplay(caller: AdminCaller, raw: z.input<typeof bundleRef>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(bundleRef.pick({ bundleId: true }), raw);
  await writeDisplay(actor, input.bundleId, null);
}

async function writeDisplay(actor: Awaited<ReturnType<typeof requireAdmin>>, id: string, entry: CatalogDisplay[string] | null) {
  await db().$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: CATALOG_DISPLAY_SETTING_KEY } });
    const current = catalogDisplaySchema.safeParse(row?.value ?? {});
    const all: CatalogDisplay = current.success ? { ...current.data } : {};
    const before = all[id] ?? null;
    if (entry) all[id] = entry;
    else delete all[id];
    await tx.setting.upsert({
      where: { key: CATALOG_DISPLAY_SETTING_KEY },
      create: { key: CATALOG_DISPLAY_SETTING_KEY, value: toJson(all), updatedById: actor.id },
      update: { value: toJson(all), updatedById: actor.id },
    });
    await recordAudit(tx, {
      actor,
      action: entry ? "bundle.display_set" : "bundle.display_cleared",
      targetType: "bundle",
      targetId: id,
      before,
      after: entry,
    });
  });
}
